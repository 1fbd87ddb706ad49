// Lookup structures derived from a fact base: which metrics a phrase in prose names,
// which subjects a phrase names, and each observation's date order. Built once per
// fact base (the base is immutable once loaded) and shared by every check.
import { PhraseIndex } from './phrases';
import type { FactBase, Lang, Metric, Observation, Subject } from './types';

export interface FactIndex {
  cues: Record<Lang, PhraseIndex<Metric>>;
  subjects: Record<Lang, PhraseIndex<Subject>>;
  /** For each subject id, the ids of the subjects it lies within (parent, grandparent…). */
  ancestors: Map<string, Set<string>>;
}

const built = new WeakMap<FactBase, FactIndex>();

export function factIndex(base: FactBase): FactIndex {
  let index = built.get(base);
  if (!index) {
    index = buildIndex(base);
    built.set(base, index);
  }
  return index;
}

function buildIndex(base: FactBase): FactIndex {
  const cues = { en: new PhraseIndex<Metric>(), de: new PhraseIndex<Metric>() };
  const subjects = { en: new PhraseIndex<Subject>(), de: new PhraseIndex<Subject>() };
  for (const metric of base.metrics.values()) {
    for (const lang of ['en', 'de'] as const) {
      for (const cue of metric.cues[lang] ?? []) cues[lang].add(cue, metric);
    }
  }
  for (const subject of base.subjects.values()) {
    for (const lang of ['en', 'de'] as const) {
      for (const name of subject.names[lang] ?? []) subjects[lang].add(name, subject);
    }
  }
  const ancestors = new Map<string, Set<string>>();
  for (const subject of base.subjects.values()) {
    const seen = new Set<string>();
    let parent = subject.parent;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      parent = base.subjects.get(parent)?.parent;
    }
    ancestors.set(subject.id, seen);
  }
  return { cues, subjects, ancestors };
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
