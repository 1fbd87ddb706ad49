// Completion of sourced figures after a metric's cue: typing "Fortune 500 " offers
// "322 (2025, asiacity.news)"; accepting it inserts the figure and its citation.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionParams } from 'vscode-languageserver/node';
import { latestObservation } from './core/factIndex';
import { citedSource, formatObservation, insertionEdits, yearsOf } from './core/fixes';
import { phraseKey, tokenize } from './core/phrases';
import type { FactBase, Lang, Metric } from './core/types';
import { requestAnalysis, type ServerContext } from './context';
import { offsetRange } from './convert';
import type { Analysis } from './documents';

/** How far back from the cursor a cue is looked for. */
const LOOKBACK = 200;

/**
 * Metrics whose cue the text before the cursor ends with (then only spaces). A cue counts
 * when typed in full, or its first two words or more ("Fortune 500" of "Fortune 500 companies").
 */
function metricsCuedBefore(text: string, offset: number, base: FactBase, lang: Lang): Metric[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const found: Metric[] = [];
  const all = tokenize(text, Math.max(lineStart, offset - LOOKBACK), offset);
  const last = all[all.length - 1];
  if (!last || text.slice(last.end, offset).trim() !== '') return found;
  const tokens = all.map((t) => t.norm);
  for (const metric of base.metrics.values()) {
    const cued = (metric.cues[lang] ?? []).some((cue) => {
      const key = phraseKey(cue);
      for (let n = key.length; n >= Math.min(2, key.length); n--) {
        if (n > tokens.length) continue;
        const tail = tokens.slice(tokens.length - n);
        if (tail.every((t, i) => t === key[i])) return true;
      }
      return false;
    });
    if (cued) found.push(metric);
  }
  return found;
}

/** The language of the paragraph at an offset, else the configured one, else English. */
export function langAt(a: Analysis, offset: number): Lang {
  const p = a.result.paragraphs.find((q) => q.start <= offset && offset <= q.end);
  if (p) return p.lang;
  return a.settings.language === 'auto' ? 'en' : a.settings.language;
}

export async function completions(ctx: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const a = await requestAnalysis(ctx, params.textDocument.uri);
  if (!a) return [];
  const text = a.doc.getText();
  const offset = a.doc.offsetAt(params.position);
  // Only right after a space: figures follow a cue word, they do not complete one.
  if (offset === 0 || (text[offset - 1] !== ' ' && text[offset - 1] !== '\t')) return [];
  const lang = langAt(a, offset);
  const base = ctx.store.base;
  const items: CompletionItem[] = [];
  for (const metric of metricsCuedBefore(text, offset, base, lang)) {
    const o = latestObservation(metric);
    if (!o) continue;
    const source = citedSource(o, base, lang);
    const [insert, ...more] = insertionEdits(text, offset, metric, o, base, a.format, lang);
    items.push({
      label: `${formatObservation(metric, o, lang)} (${yearsOf(o)}, ${source?.publisher ?? o.sources[0]})`,
      kind: CompletionItemKind.Value,
      detail: metric.measure[lang] ?? metric.measure.en,
      documentation: { kind: 'markdown', value: `> ${o.quote}\n\n${source ? `${source.title} — ${source.publisher}, ${source.published}` : ''}` },
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: offsetRange(a.doc, insert.start, insert.end), newText: insert.newText },
      additionalTextEdits: more.map((e) => ({ range: offsetRange(a.doc, e.start, e.end), newText: e.newText })),
    });
  }
  return items;
}
