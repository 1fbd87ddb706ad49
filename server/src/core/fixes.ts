// Text edits that resolve a finding, shared by the language server's quick fixes and the
// CLI: write the sourced figure the way the draft writes numbers; cite the source (a
// Markdown footnote, or a parenthetical in plain text); mark an old figure with its period;
// or silence the finding with an inline disable comment.
import { mainSource, statedValue, writtenValue } from './cite';
import { DISABLE_LINE, disableComment } from './suppressions';
import type { Approx, CheckedClaim, FactBase, Lang, Metric, Observation, Source } from './types';

/** Replace text[start, end) with newText; offsets refer to the text before any edit. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export type FixKind = 'update' | 'updateAndCite' | 'addPeriod' | 'ignore';

export interface Fix {
  kind: FixKind;
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply on its own (the one clearly right). */
  preferred: boolean;
}

export type DocFormat = 'markdown' | 'plaintext';

/** The footnote label for a source: `factlint-<source-id>`. */
function footnoteLabel(sourceId: string): string {
  return `factlint-${sourceId.replace(/[^\p{L}\p{N}._-]/gu, '-')}`;
}

function year(partialDate: string): string {
  return partialDate.slice(0, 4);
}

/** "(asiacity.news, 2025)": publisher and year, for plain text. */
function parentheticalCitation(source: Source): string {
  return `(${source.publisher}, ${year(source.published)})`;
}

/** The footnote definition line for a source, without a trailing newline. */
function footnoteDefinition(source: Source): string {
  const date = source.publishedEstimated ? `c. ${source.published}` : source.published;
  const url = source.url ? ` <${source.url}>` : '';
  return `[^${footnoteLabel(source.id)}]: ${source.publisher}, "${source.title}", ${date}.${url}`;
}

/**
 * Edits citing `source` right after offset `at`: a footnote reference there plus the
 * definition at the end of the document (once), or a parenthetical in plain text.
 */
function citationEdits(text: string, at: number, source: Source, format: DocFormat): TextEdit[] {
  if (format === 'plaintext') return [{ start: at, end: at, newText: ` ${parentheticalCitation(source)}` }];
  const label = footnoteLabel(source.id);
  const edits: TextEdit[] = [{ start: at, end: at, newText: `[^${label}]` }];
  if (!text.includes(`[^${label}]:`)) {
    const sep = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    edits.push({ start: text.length, end: text.length, newText: `${sep}${footnoteDefinition(source)}\n` });
  }
  return edits;
}

/** "as of 2020" / "Stand 2020", or the span of years for a period. */
export function periodPhrase(o: Observation, lang: Lang): string {
  const from = year(o.when.start);
  const to = year(o.when.end);
  if (from === to) return lang === 'de' ? `Stand ${to}` : `as of ${to}`;
  return lang === 'de' ? `Zeitraum ${from}–${to}` : `${from}–${to}`;
}

/** Where a sentence's text ends before its closing punctuation and quotes. */
function sentenceInsertionPoint(text: string, sentence: { start: number; end: number }): number {
  let i = sentence.end;
  while (i > sentence.start && /\s/.test(text[i - 1])) i--;
  while (i > sentence.start && '.!?…"\'”’»«'.includes(text[i - 1])) i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

function updateEdit(checked: CheckedClaim, o: Observation): TextEdit {
  const { figure, metric } = checked.claim;
  return { start: figure.start, end: figure.end, newText: writtenValue(figure, metric, o) };
}

/** The fixes for one checked claim, preferred first. Verified, historical and suppressed claims have none. */
export function fixesFor(text: string, checked: CheckedClaim, base: FactBase, format: DocFormat): Fix[] {
  const { verdict, claim } = checked;
  if (checked.suppressed || verdict.kind === 'verified' || verdict.kind === 'historical') return [];
  const fixes: Fix[] = [];
  const expected = verdict.expected;
  if (expected && (verdict.kind === 'outdated' || verdict.kind === 'conflicting')) {
    const update = updateEdit(checked, expected);
    if (update.newText !== claim.figure.text) {
      fixes.push({ kind: 'update', title: `Update to the sourced figure: ${update.newText}`, edits: [update], preferred: true });
      const source = citedSource(expected, base, claim.figure.lang);
      if (source) {
        fixes.push({
          kind: 'updateAndCite',
          title: `Update to ${update.newText} and cite ${source.publisher}`,
          edits: [update, ...citationEdits(text, claim.figure.end, source, format)],
          preferred: false,
        });
      }
    }
  }
  if (verdict.kind === 'outdated' && verdict.matched) {
    const phrase = periodPhrase(verdict.matched, claim.figure.lang);
    const at = sentenceInsertionPoint(text, claim.sentence);
    fixes.push({
      kind: 'addPeriod',
      title: `Keep ${claim.figure.text} as the figure for ${verdict.matched.whenLabel}: add "(${phrase})"`,
      edits: [{ start: at, end: at, newText: ` (${phrase})` }],
      preferred: false,
    });
  }
  // check() honours disable comments in Markdown only, where HTML comments are invisible.
  if (format === 'markdown') {
    const at = lineEnd(text, claim.figure.end);
    fixes.push({
      kind: 'ignore',
      title: 'Ignore this figure (disable comment)',
      edits: [{ start: at, end: at, newText: ` ${disableComment(DISABLE_LINE)}` }],
      preferred: false,
    });
  }
  return fixes;
}

/** Edits updating every outdated, unsuppressed figure to its sourced value, in document order. */
export function fixAll(claims: readonly CheckedClaim[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const c of claims) {
    if (c.suppressed || c.verdict.kind !== 'outdated' || !c.verdict.expected) continue;
    const e = updateEdit(c, c.verdict.expected);
    if (e.newText !== c.claim.figure.text) edits.push(e);
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Applies non-overlapping edits (offsets into `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The source to cite for an observation in a draft of `lang`: an edition in that language if the observation lists one. */
export function citedSource(o: Observation, base: FactBase, lang: Lang): Source | undefined {
  for (const id of o.sources) {
    const s = base.sources.get(id);
    if (s && s.language.split('-')[0] === lang) return s;
  }
  return mainSource(o, base);
}

/** "2025", "2016–2020": the years an observation covers, for short labels. */
export function yearsOf(o: Observation): string {
  const from = year(o.when.start);
  const to = year(o.when.end);
  return from === to ? to : `${from}–${to}`;
}

const SCALES: Record<Lang, Array<[number, string]>> = {
  en: [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']],
  de: [[1e12, 'Billionen'], [1e9, 'Milliarden'], [1e6, 'Millionen']],
};
const CURRENCY: Record<Lang, Record<string, { text: string; before: boolean }>> = {
  en: { USD: { text: 'US$', before: true }, EUR: { text: '€', before: true }, CNY: { text: 'yuan', before: false } },
  de: { USD: { text: 'US-Dollar', before: false }, EUR: { text: 'Euro', before: false }, CNY: { text: 'Yuan', before: false } },
};
const QUALIFIER_DE: Record<Approx, string> = {
  about: 'rund', more: 'mehr als', atLeast: 'mindestens', less: 'weniger als', atMost: 'höchstens', nearly: 'fast', upTo: 'bis zu',
};

function numberIn(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US', { maximumFractionDigits: 2 }).format(n);
}

/**
 * An observation's value written afresh in a draft's language, where there is no figure
 * in the draft to copy the style from (completion, insert figure): "US$32.08 billion",
 * "32,08 Milliarden US-Dollar", "50%", "50 %", "5th"; with the source's qualifier.
 */
export function formatObservation(metric: Metric, o: Observation, lang: Lang): string {
  const unit = metric.unit;
  let text: string;
  if (unit === 'count') text = numberIn(lang, o.value);
  else if (unit === 'percent' || unit === 'fraction') {
    const pct = unit === 'fraction' ? o.value * 100 : o.value;
    text = lang === 'de' ? `${numberIn(lang, pct)} %` : `${numberIn(lang, pct)}%`;
  } else if (unit === 'percentagePoints') text = `${numberIn(lang, o.value)} ${lang === 'de' ? 'Prozentpunkte' : 'percentage points'}`;
  else if (unit === 'multiple') text = lang === 'de' ? `${numberIn(lang, o.value)}-mal` : `${numberIn(lang, o.value)} times`;
  else if (unit === 'rank') text = lang === 'de' ? `${o.value}.` : `${o.value}${o.value % 100 >= 11 && o.value % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][o.value % 10] ?? 'th')}`;
  else {
    const scale = SCALES[lang].find(([f]) => Math.abs(o.value) >= f);
    const n = numberIn(lang, scale ? o.value / scale[0] : o.value);
    const amount = scale ? `${n} ${scale[1]}` : n;
    const cur = CURRENCY[lang][unit];
    text = cur ? (cur.before ? `${cur.text}${amount}` : `${amount} ${cur.text}`) : `${amount} ${unit}`;
  }
  if (!o.qualifier) return text;
  return lang === 'de' ? `${QUALIFIER_DE[o.qualifier.approx]} ${text}` : statedValue(o, text);
}

/** Edits inserting an observation at `offset`: the figure written afresh plus its citation. */
export function insertionEdits(text: string, offset: number, metric: Metric, o: Observation, base: FactBase, format: DocFormat, lang: Lang): TextEdit[] {
  const figure = formatObservation(metric, o, lang);
  const source = citedSource(o, base, lang);
  if (!source) return [{ start: offset, end: offset, newText: figure }];
  const cite = citationEdits(text, offset, source, format);
  // The citation follows the figure at the same offset: merge them into one insertion.
  return [{ start: offset, end: offset, newText: figure + cite[0].newText }, ...cite.slice(1)];
}
