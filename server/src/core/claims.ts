// Linking figures to the metrics they state. A figure becomes a claim only when its
// sentence names a metric (a cue), the metric's subject is the one the sentence is about,
// and the figure's unit fits the metric. When in doubt the figure stays unlinked: a
// missed check costs little, a false alarm costs the writer's trust.
import type { FactIndex } from './factIndex';
import type { PhraseMatch, Token } from './phrases';
import type { Claim, Figure, Metric, Sentence, Subject, TimeMention } from './types';
import { inMetricUnit } from './units';

/** How many words may stand between a figure and the cue that names its metric. */
const MAX_DISTANCE = 12;

/** Words that make a percentage a change ("an increase of 32.2%") rather than a level. */
const CHANGE_WORDS = new Set([
  'increase', 'increased', 'increases', 'increasing', 'rise', 'rose', 'risen', 'rising', 'grew', 'grown', 'growth',
  'growing', 'up', 'higher', 'gain', 'gained', 'jump', 'jumped', 'surge', 'surged', 'climbed', 'decrease',
  'decreased', 'decline', 'declined', 'fell', 'fallen', 'drop', 'dropped', 'down', 'lower',
  'anstieg', 'stieg', 'gestiegen', 'steigerung', 'zuwachs', 'wachstum', 'wuchs', 'gewachsen', 'plus', 'minus',
  'rückgang', 'gesunken', 'sank', 'höher', 'niedriger', 'erhöhte', 'erhöht', 'vorjahr', 'vorjahreszeitraum',
]);
const CHANGE_LOOKBACK = 4;
/** "made up 50%" is a share, not a rise. */
const PHRASAL_UP = new Set(['made', 'make', 'makes', 'making', 'take', 'takes', 'took', 'taken', 'taking']);

export interface SentenceContext {
  sentence: Sentence;
  /** The sentence's words. */
  tokens: Token[];
  /** Figures that lie in the sentence, in order. */
  figures: Figure[];
  /** Subjects the sentence is about (named in it, or carried from earlier sentences). */
  subjects: ReadonlySet<string>;
  /** Cue matches in the sentence. */
  cues: PhraseMatch<Metric>[];
  times: TimeMention[];
}

/** Subjects named in a sentence; where a subject and one that lies within it are both named, the narrower one. */
export function namedSubjects(matches: PhraseMatch<Subject>[], index: FactIndex): Set<string> {
  const named = new Set<string>();
  for (const m of matches) for (const s of m.values) named.add(s.id);
  for (const id of [...named]) {
    for (const ancestor of index.ancestors.get(id) ?? []) named.delete(ancestor);
  }
  return named;
}

interface Candidate {
  figure: number;
  cue: number;
  metric: Metric;
  distance: number;
  /** The cue stands after the figure ("8,753 foreign-invested enterprises"). */
  after: boolean;
}

/** Claims in one sentence: each figure linked to at most one metric, each cue used once per metric. */
export function linkSentence(ctx: SentenceContext): Claim[] {
  const { tokens, figures, cues } = ctx;
  if (figures.length === 0 || cues.length === 0) return [];
  const spans = figures.map((f) => tokenSpan(tokens, f.qualifierStart ?? f.start, f.end));
  // A number inside a cue is part of a name ("Fortune 500 companies"), not a figure.
  const insideCue = spans.map((span) => cues.some((c) => span.from < c.to && c.from < span.to));

  const candidates: Candidate[] = [];
  figures.forEach((figure, fi) => {
    if (insideCue[fi]) return;
    const span = spans[fi];
    const change = isChange(figure, tokens, span.from);
    cues.forEach((cue, ci) => {
      const after = cue.from >= span.to;
      const distance = after ? cue.from - span.to : span.from - cue.to;
      if (distance > MAX_DISTANCE) return;
      if (crossesFigure(spans, fi, after ? span.to : cue.to, after ? cue.from : span.from)) return;
      for (const metric of cue.values) {
        if (!ctx.subjects.has(metric.subject)) continue;
        if (!inMetricUnit(figure, metric)) continue;
        if (figure.kind !== 'percentagePoints' && Boolean(metric.change) !== change) continue;
        candidates.push({ figure: fi, cue: ci, metric, distance, after });
      }
    });
  });
  candidates.sort((a, b) => a.distance - b.distance || Number(b.after) - Number(a.after) || a.figure - b.figure);

  const decided = new Set<number>();
  const usedCue = new Set<string>();
  const claims: Claim[] = [];
  for (const c of candidates) {
    const key = `${c.cue}\u0000${c.metric.id}`;
    if (decided.has(c.figure) || usedCue.has(key)) continue;
    decided.add(c.figure);
    const rivals = candidates.filter(
      (o) => o.figure === c.figure && o.distance === c.distance && o.metric !== c.metric && !usedCue.has(`${o.cue}\u0000${o.metric.id}`),
    );
    if (rivals.length > 0) continue; // two metrics fit equally well: do not guess
    usedCue.add(key);
    const figure = figures[c.figure];
    const cue = cues[c.cue];
    claims.push({
      figure,
      metric: c.metric,
      cue: { start: tokens[cue.from].start, end: tokens[cue.to - 1].end },
      sentence: { start: ctx.sentence.start, end: ctx.sentence.end },
      time: nearestTime(ctx.times, figure),
    });
  }
  return claims.sort((a, b) => a.figure.start - b.figure.start);
}

function tokenSpan(tokens: readonly Token[], start: number, end: number): { from: number; to: number } {
  let from = 0;
  while (from < tokens.length && tokens[from].end <= start) from++;
  let to = from;
  while (to < tokens.length && tokens[to].start < end) to++;
  return { from, to };
}

/** Another figure between a figure and a cue belongs to that cue more than this one does. */
function crossesFigure(spans: { from: number; to: number }[], self: number, from: number, to: number): boolean {
  return spans.some((s, i) => i !== self && s.from >= from && s.to <= to && s.to > s.from);
}

function isChange(figure: Figure, tokens: readonly Token[], from: number): boolean {
  if (figure.kind !== 'percent' && figure.kind !== 'multiple') return false;
  for (let i = Math.max(0, from - CHANGE_LOOKBACK); i < from; i++) {
    const word = tokens[i].norm;
    if (word === 'up' && i > 0 && PHRASAL_UP.has(tokens[i - 1].norm)) continue;
    if (CHANGE_WORDS.has(word)) return true;
  }
  return false;
}

function nearestTime(times: readonly TimeMention[], figure: Figure): TimeMention | undefined {
  let best: TimeMention | undefined;
  let bestDistance = Infinity;
  for (const t of times) {
    const d = t.end <= figure.start ? figure.start - t.end : t.start >= figure.end ? t.start - figure.end : 0;
    if (d < bestDistance) {
      best = t;
      bestDistance = d;
    }
  }
  return best;
}
