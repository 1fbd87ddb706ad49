// Linking figures to the metrics they state. A figure becomes a claim only when its
// sentence names a metric (a cue), the metric's subject is the one the sentence is about,
// and the figure's unit fits the metric. When in doubt the figure stays unlinked: a
// missed check costs little, a false alarm costs the writer's trust.
import type { FactIndex } from './factIndex';
import { wordHash, type PhraseMatch, type WordRun } from './phrases';
import type { Claim, Figure, Metric, Sentence, Subject, TimeMention } from './types';
import { canState } from './units';

/** How many words may stand between a figure and the cue that names its metric. */
const MAX_DISTANCE = 12;
/** A clause break (",", ";", a bracket) between figure and cue counts as this many words. */
const CLAUSE_BREAK = 2;

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
  /** The (masked) document text. */
  text: string;
  sentence: Sentence;
  /** The sentence's words, read in place (no object per word: every sentence with a figure and a cue comes here). */
  words: WordRun;
  /** Figures that lie in the sentence, in order. */
  figures: Figure[];
  /** Subjects the sentence is about (named in it, or carried from earlier sentences), in the order named. */
  subjects: readonly string[];
  /** Cue matches in the sentence. */
  cues: PhraseMatch<Metric>[];
  times: TimeMention[];
}

/**
 * Subjects named in a sentence, in the order named; where a subject and one that lies
 * within it are both named, only the narrower one ("Chongqing's Liangjiang New Area").
 */
export function namedSubjects(matches: PhraseMatch<Subject>[], index: FactIndex): string[] {
  if (matches.length === 0) return [];
  if (matches.length === 1 && matches[0].values.length === 1) {
    // The usual case, one name of one subject: kept unless it lies within itself (a cycle of parents).
    const id = matches[0].values[0].id;
    return index.ancestors.get(id)?.has(id) ? [] : [id];
  }
  const named = new Set<string>();
  for (const m of matches) for (const s of m.values) named.add(s.id);
  for (const id of [...named]) {
    for (const ancestor of index.ancestors.get(id) ?? []) named.delete(ancestor);
  }
  return [...named];
}

/** Words that pair a list of figures with a list of things in order: "253 and 300 projects, respectively". */
const RESPECTIVELY = new Set(['respectively', 'beziehungsweise', 'bzw', 'jeweils']);
/** Their hashes, so that a sentence's other words are passed over without their normal forms. */
const RESPECTIVELY_HASHES = new Set([...RESPECTIVELY].map(wordHash));

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
  const { words, figures, cues, subjects } = ctx;
  if (figures.length === 0 || cues.length === 0) return [];
  // Plain loops below, not closures per figure, cue and metric: every sentence with a figure and a cue comes here.
  const spans: Span[] = [];
  const insideCue: boolean[] = [];
  const change: boolean[] = [];
  for (const f of figures) {
    const span = tokenSpan(words, f.qualifierStart ?? f.start, f.end);
    spans.push(span);
    // A number inside a cue is part of a name ("Fortune 500 companies"), not a figure.
    let inside = false;
    for (const c of cues) if (span.from < c.to && c.from < span.to) inside = true;
    insideCue.push(inside);
    change.push(isChange(f, words, span.from));
  }
  const fits = (fi: number, metric: Metric): boolean => fitsMetric(figures[fi], change[fi], metric, subjects);

  const decided = new Set<number>();
  // The metrics each cue has already been used for.
  const usedCue = cues.map(() => new Set<Metric>());
  const claims: Claim[] = [];
  const claim = (fi: number, ci: number, metric: Metric) => {
    decided.add(fi);
    usedCue[ci].add(metric);
    const figure = figures[fi];
    const cue = cues[ci];
    claims.push({
      figure,
      metric,
      cue: { start: words.starts[cue.from], end: words.ends[cue.to - 1] },
      sentence: { start: ctx.sentence.start, end: ctx.sentence.end },
      time: nearestTime(ctx.times, words, spans[fi]),
    });
  };

  // Pairing needs two figures at least.
  if (figures.length > 1 && namesRespectively(words)) pairRespectively(ctx, insideCue, change, fits, decided, claim);

  const candidates: Candidate[] = [];
  for (let fi = 0; fi < figures.length; fi++) {
    if (insideCue[fi] || decided.has(fi)) continue;
    const figure = figures[fi];
    const span = spans[fi];
    for (let ci = 0; ci < cues.length; ci++) {
      const cue = cues[ci];
      const after = cue.from >= span.to;
      const apart = after ? cue.from - span.to : span.from - cue.to;
      if (apart > MAX_DISTANCE) continue;
      const gapFrom = after ? span.to : cue.to;
      const gapTo = after ? cue.from : span.from;
      let distance = -1;
      for (const metric of cue.values) {
        if (!fits(fi, metric)) continue;
        // A figure of the same sort standing between this one and the cue is the one the cue names.
        if (figureBetween(spans, fi, gapFrom, gapTo, metric, fits)) continue;
        if (distance < 0) {
          const breaks = after
            ? clauseBreaks(ctx.text, figure.end, words.starts[cue.from])
            : clauseBreaks(ctx.text, words.ends[cue.to - 1], figure.qualifierStart ?? figure.start);
          distance = apart + CLAUSE_BREAK * breaks;
        }
        candidates.push({ figure: fi, cue: ci, metric, distance, after });
      }
    }
  }
  candidates.sort((a, b) => a.distance - b.distance || Number(b.after) - Number(a.after) || a.figure - b.figure);

  for (const c of candidates) {
    if (decided.has(c.figure) || usedCue[c.cue].has(c.metric)) continue;
    if (hasRival(candidates, c, usedCue)) {
      decided.add(c.figure); // two metrics fit equally well: do not guess
      continue;
    }
    claim(c.figure, c.cue, c.metric);
  }
  return claims.sort((a, b) => a.figure.start - b.figure.start);
}

interface Span {
  from: number;
  to: number;
}

function fitsMetric(figure: Figure, change: boolean, metric: Metric, subjects: readonly string[]): boolean {
  return subjects.includes(metric.subject) && canState(figure, metric) && (figure.kind === 'percentagePoints' || Boolean(metric.change) === change);
}

function namesRespectively(words: WordRun): boolean {
  for (let k = 0; k < words.length; k++) if (RESPECTIVELY_HASHES.has(words.hashes[k]) && RESPECTIVELY.has(words.norm(k))) return true;
  return false;
}

/** Whether a figure other than `fi` lies within words [gapFrom, gapTo) and fits the metric. */
function figureBetween(spans: readonly Span[], fi: number, gapFrom: number, gapTo: number, metric: Metric, fits: (fi: number, metric: Metric) => boolean): boolean {
  for (let other = 0; other < spans.length; other++) {
    const s = spans[other];
    if (other !== fi && s.from >= gapFrom && s.to <= gapTo && fits(other, metric)) return true;
  }
  return false;
}

/** Whether another metric, not yet used with its cue, fits the candidate's figure equally well. */
function hasRival(candidates: readonly Candidate[], c: Candidate, usedCue: ReadonlyArray<Set<Metric>>): boolean {
  for (const o of candidates) {
    if (o.figure === c.figure && o.distance === c.distance && o.metric !== c.metric && !usedCue[o.cue].has(o.metric)) return true;
  }
  return false;
}

/**
 * "253 and 300 contracted projects, respectively": figures of one sort pair in order with
 * the cues that name metrics of that sort, or, where one cue names the metric for several
 * subjects, with the subjects in the order the sentence names them. Only exact pairings
 * are taken; anything else is left to the nearest-cue rule.
 */
function pairRespectively(
  ctx: SentenceContext,
  insideCue: boolean[],
  change: boolean[],
  fits: (fi: number, metric: Metric) => boolean,
  decided: Set<number>,
  claim: (fi: number, ci: number, metric: Metric) => void,
): void {
  const { figures, cues } = ctx;
  const groups = new Map<string, number[]>();
  figures.forEach((f, fi) => {
    if (insideCue[fi]) return;
    const key = `${f.kind}\u0000${f.unit}\u0000${change[fi]}`;
    groups.set(key, [...(groups.get(key) ?? []), fi]);
  });
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const fitting = (ci: number) => cues[ci].values.filter((m) => group.every((fi) => fits(fi, m)));
    const named = cues.map((_, ci) => ci).filter((ci) => fitting(ci).length > 0);
    if (named.length === group.length && named.every((ci) => fitting(ci).length === 1)) {
      group.forEach((fi, i) => claim(fi, named[i], fitting(named[i])[0]));
    } else if (named.length === 1 && ctx.subjects.length === group.length) {
      const metrics = ctx.subjects.map((id) => fitting(named[0]).filter((m) => m.subject === id));
      if (metrics.every((m) => m.length === 1)) group.forEach((fi, i) => claim(fi, named[0], metrics[i][0]));
    }
    for (const fi of group) decided.add(fi);
  }
}

function clauseBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 0x2013 || c === 0x2014) n++;
  }
  return n;
}

function tokenSpan(words: WordRun, start: number, end: number): Span {
  let from = 0;
  while (from < words.length && words.ends[from] <= start) from++;
  let to = from;
  while (to < words.length && words.starts[to] < end) to++;
  return { from, to };
}

function isChange(figure: Figure, words: WordRun, from: number): boolean {
  if (figure.kind !== 'percent' && figure.kind !== 'multiple') return false;
  for (let i = Math.max(0, from - CHANGE_LOOKBACK); i < from; i++) {
    const word = words.norm(i);
    if (word === 'up' && i > 0 && PHRASAL_UP.has(words.norm(i - 1))) continue;
    if (CHANGE_WORDS.has(word)) return true;
  }
  return false;
}

/** The date or period nearest to a figure, in words; on a tie the one after it ("1,297 trains in 2020"). */
function nearestTime(times: readonly TimeMention[], words: WordRun, span: Span): TimeMention | undefined {
  let best: TimeMention | undefined;
  let bestDistance = Infinity;
  for (const t of times) {
    const at = tokenSpan(words, t.start, t.end);
    const after = at.from >= span.to;
    const d = after ? at.from - span.to : at.to <= span.from ? span.from - at.to + 0.5 : 0;
    if (d < bestDistance) {
      best = t;
      bestDistance = d;
    }
  }
  return best;
}
