// Lookup structures derived from a fact base: which metrics a phrase in prose names,
// which subjects a phrase names, and each subject's ancestors. Built once per fact base
// (the base is immutable once loaded) and shared by every check. A base in memory builds
// them here; a compiled base (compiledBase.ts) loads the same tries from its file and
// reads metrics on demand, so both go through the same checking code.
import { PhraseIndex, PhraseMatcher, PhraseTrieBuilder, type PhraseTrie } from './phrases';
import { METRICS_PER_STEP, runToEnd, type Steps } from './steps';
import type { FactBase, Lang, Metric, Observation, Subject } from './types';

const LANGS: readonly Lang[] = ['en', 'de'];

export interface FactIndex {
  /** Cue phrases → metrics; `matchAll(tokens, subjectIds)` returns only the metrics of those subjects. */
  cues: Record<Lang, PhraseIndex<Metric>>;
  subjects: Record<Lang, PhraseIndex<Subject>>;
  /** For each subject id, the ids of the subjects it lies within (parent, grandparent…). */
  ancestors: Map<string, Set<string>>;
}

/** The part of a FactIndex that is stored in a compiled base: tries over metric and subject numbers. */
export interface IndexTables {
  /** Values are metric numbers (the order metrics were added in), grouped by subject number. */
  cues: Record<Lang, PhraseTrie>;
  /** Values are subject numbers. */
  subjects: Record<Lang, PhraseTrie>;
  /** Subject number → subject id: the subjects, then subject ids that only metrics name. */
  subjectIds: string[];
}

/** Builds IndexTables from subjects and then metrics, one at a time (a compile streams a million metrics through it). */
export class IndexTablesBuilder {
  private readonly cues = { en: new PhraseTrieBuilder(), de: new PhraseTrieBuilder() };
  private readonly subjects = { en: new PhraseTrieBuilder(), de: new PhraseTrieBuilder() };
  private readonly subjectIds: string[] = [];
  private readonly subjectNumbers = new Map<string, number>();
  private metricCount = 0;

  private subjectNumber(id: string): number {
    let n = this.subjectNumbers.get(id);
    if (n === undefined) {
      n = this.subjectIds.length;
      this.subjectIds.push(id);
      this.subjectNumbers.set(id, n);
    }
    return n;
  }

  addSubject(subject: Subject): void {
    const n = this.subjectNumber(subject.id);
    for (const lang of LANGS) for (const name of subject.names[lang] ?? []) this.subjects[lang].add(name, n);
  }

  /** Adds the next metric; its number is the count of metrics added before it. */
  addMetric(metric: Metric): number {
    const n = this.metricCount++;
    const group = this.subjectNumber(metric.subject);
    for (const lang of LANGS) for (const cue of metric.cues[lang] ?? []) this.cues[lang].add(cue, n, group);
    return n;
  }

  build(): IndexTables {
    return {
      cues: { en: this.cues.en.build(), de: this.cues.de.build() },
      subjects: { en: this.subjects.en.build(), de: this.subjects.de.build() },
      subjectIds: this.subjectIds,
    };
  }
}

/** A FactIndex over stored tables: `metricAt(n)` gives metric number n, `subjects` the base's subjects. */
export function indexFromTables(tables: IndexTables, subjects: ReadonlyMap<string, Subject>, metricAt: (n: number) => Metric): FactIndex {
  const numbers = new Map(tables.subjectIds.map((id, n) => [id, n]));
  const groupNumber = (id: string) => numbers.get(id);
  // Every name in the subject tries belongs to a subject of the base (addSubject), so the lookup holds.
  const subjectAt = (n: number) => subjects.get(tables.subjectIds[n])!;
  const cues = {} as Record<Lang, PhraseIndex<Metric>>;
  const subjectIndex = {} as Record<Lang, PhraseIndex<Subject>>;
  for (const lang of LANGS) {
    cues[lang] = new PhraseIndex(new PhraseMatcher(tables.cues[lang]), metricAt, groupNumber);
    subjectIndex[lang] = new PhraseIndex(new PhraseMatcher(tables.subjects[lang]), subjectAt);
  }
  return { cues, subjects: subjectIndex, ancestors: ancestorsOf(subjects) };
}

const built = new WeakMap<FactBase, FactIndex>();

/** The index of a base: the one registered for it (a compiled base), else built once from the base in memory. */
export function factIndex(base: FactBase): FactIndex {
  return built.get(base) ?? runToEnd(factIndexSteps(base));
}

/** factIndex in steps of METRICS_PER_STEP metrics, for a server that builds the index of a new base before it checks drafts against it. */
export function* factIndexSteps(base: FactBase): Steps<FactIndex> {
  let index = built.get(base);
  if (index) return index;
  const builder = new IndexTablesBuilder();
  for (const subject of base.subjects.values()) builder.addSubject(subject);
  const metrics = [...base.metrics.values()];
  for (let i = 0; i < metrics.length; i++) {
    if (i % METRICS_PER_STEP === METRICS_PER_STEP - 1) yield;
    builder.addMetric(metrics[i]);
  }
  index = indexFromTables(builder.build(), base.subjects, (n) => metrics[n]);
  built.set(base, index);
  return index;
}

/** Registers the index that belongs to a base (compiledBase.ts, which loads it from the compiled file). */
export function registerFactIndex(base: FactBase, index: FactIndex): void {
  built.set(base, index);
}

function ancestorsOf(subjects: ReadonlyMap<string, Subject>): Map<string, Set<string>> {
  const ancestors = new Map<string, Set<string>>();
  for (const subject of subjects.values()) {
    const seen = new Set<string>();
    let parent = subject.parent;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      parent = subjects.get(parent)?.parent;
    }
    ancestors.set(subject.id, seen);
  }
  return ancestors;
}

/** The observation whose period ends last: the one a draft should state today. */
export function latestObservation(metric: Metric): Observation | undefined {
  let latest: Observation | undefined;
  for (const o of metric.observations) {
    if (!latest || o.when.end > latest.when.end || (o.when.end === latest.when.end && o.when.start > latest.when.start)) {
      latest = o;
    }
  }
  return latest;
}
