// Hover text for a checked claim, as Markdown: what factlint concluded, which metric the
// figure was read as, the sourced value with its date, every observation of the metric in
// time order, the source's own words and where they come from.
import { mainSource, statedValue, whenText, writtenValue } from './cite';
import type { CheckedClaim, FactBase, Observation, Source, VerdictKind } from './types';

const VERDICT_TITLE: Record<VerdictKind, string> = {
  verified: 'verified figure',
  outdated: 'outdated figure',
  historical: 'historical figure',
  conflicting: 'conflicting figure',
  unverifiable: 'unverifiable figure',
};

/**
 * Escapes the characters Markdown reads as inline markup in text taken from fact files.
 * Block markup (#, -, 1.) only counts at a line start, where fact text never stands here;
 * leaving it alone keeps the hover readable in editors that show the Markdown raw.
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  for (const ch of text) out += '\\`*_[]<>|~'.includes(ch) ? `\\${ch}` : ch;
  return out;
}

function time(o: Observation): number {
  return Date.parse(o.when.end);
}

/** Observations in time order (by the end of the period they describe, then by file order). */
export function timeline(observations: readonly Observation[]): Observation[] {
  return [...observations].sort((a, b) => time(a) - time(b) || a.index - b.index);
}

function sourceLine(source: Source | undefined, id: string): string {
  if (!source) return `**Source:** ${escapeMarkdown(id)} (not in the fact base)`;
  const date = source.publishedEstimated ? `${source.published} (estimated)` : source.published;
  // Only web links: a fact file is data, and a hover must not run or open anything else.
  const web = source.url && /^https?:\/\//i.test(source.url) ? source.url : undefined;
  const link = web ? ` · [${escapeMarkdown(linkLabel(web))}](${web.replace(/[()\s]/g, encodeURIComponent)})` : '';
  return `**Source:** *${escapeMarkdown(source.title)}* — ${escapeMarkdown(source.publisher)}, ${date}${link}`;
}

function linkLabel(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** The Markdown hover for a claim: verdict, metric, sourced value, timeline, quote, source. */
export function explainClaim(checked: CheckedClaim, base: FactBase): string {
  const { claim, verdict } = checked;
  const { figure, metric } = claim;
  const lang = figure.lang;
  const written = (o: Observation) => statedValue(o, writtenValue(figure, metric, o));
  const title = `**factlint: ${VERDICT_TITLE[verdict.kind]}**${checked.suppressed ? ' (ignored by a disable comment)' : ''}`;
  const subject = base.subjects.get(metric.subject);
  const subjectName = subject?.names[lang]?.[0] ?? subject?.names.en[0] ?? metric.subject;
  const parts = [title, escapeMarkdown(verdict.message), `**Metric:** ${escapeMarkdown(metric.measure[lang] ?? metric.measure.en)} — ${escapeMarkdown(subjectName)}`];
  const shown = verdict.expected ?? verdict.matched;
  if (shown) {
    const label = verdict.kind === 'historical' ? 'Sourced for that time' : 'Sourced';
    parts.push(`**${label}:** ${escapeMarkdown(written(shown))} · ${escapeMarkdown(whenText(shown))}`);
  }
  if (metric.observations.length > 1) {
    const steps = timeline(metric.observations).map((o) => {
      const step = `${escapeMarkdown(written(o))} · ${escapeMarkdown(whenText(o))}${o.expectation ? ' (expected)' : ''}`;
      return o === shown ? `**${step}**` : step;
    });
    parts.push(`**Timeline:** ${steps.join(' → ')}`);
  }
  if (shown) {
    const locator = shown.locator ? ` (${escapeMarkdown(shown.locator)})` : '';
    parts.push(`> ${escapeMarkdown(shown.quote)}${locator}`);
    if (shown.note) parts.push(`*Note:* ${escapeMarkdown(shown.note)}`);
    parts.push(sourceLine(mainSource(shown, base), shown.sources[0]));
  }
  return parts.join('\n\n');
}
