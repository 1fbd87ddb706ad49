// Cross-file checks of a loaded fact base: references that point nowhere, observations
// that contradict each other, cues that would let the checker confuse two metrics,
// metrics that prose cannot name in one of the languages, quotes too long to be quotes.

import { perObject } from './memo';
import { METRICS_PER_STEP, runToEnd, type Steps } from './steps';
import type { FactBase, FactProblem, Lang, Location, Metric } from './types';

/** Quotes longer than this are no longer "the few words around the figure". */
const MAX_QUOTE_WORDS = 40;
const LANGS: Lang[] = ['en', 'de'];

/** "facts/trade.yaml:12" (one-based line, as editors show it). */
function where(l: Location): string {
  return `${l.file}:${l.line + 1}`;
}

/** The problem for an id defined twice; the loader keeps the first definition. */
export function duplicateIdProblem(kind: 'source' | 'subject' | 'metric', id: string, first: Location, second: Location): FactProblem {
  return {
    severity: 'error',
    code: 'duplicate-id',
    message: `${kind} id "${id}" is defined twice, at ${where(first)} and ${where(second)}`,
    location: second,
  };
}

/**
 * A cue as the checker matches it: case-insensitive, hyphens and dashes as spaces,
 * ’ as ', runs of spaces as one.
 */
export function normalizeCue(cue: string): string {
  // replace() builds one flat string: the metric checks keep a key per cue, and a string built
  // up character by character is a tree of a node per character (36 MB of 90 for 10,000 metrics).
  return cue.toLowerCase().replace(DASHES_AND_SPACES, ' ').replace(/’/g, "'").trim();
}
/** Runs of white space and hyphens or dashes: one space between words. */
const DASHES_AND_SPACES = /[\s\-‐‑–—]+/g;

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const ws = s.charCodeAt(i) <= 32;
    if (!ws && !inWord) n++;
    inWord = !ws;
  }
  return n;
}

function liesWithinItself(base: FactBase, id: string): boolean {
  const seen = new Set<string>([id]);
  for (let p = base.subjects.get(id)?.parent; p !== undefined; p = base.subjects.get(p)?.parent) {
    if (seen.has(p)) return p === id;
    seen.add(p);
  }
  return false;
}

/** Why a value cannot be right for its unit (a rank of 2.5, a fraction of 3), or undefined. */
function implausibleValue(unit: string, value: number, of: number | undefined): string | undefined {
  if (unit === 'rank') {
    if (!Number.isInteger(value) || value < 1) return `a rank must be a whole number from 1, got ${value}`;
    if (of !== undefined && value > of) return `rank ${value} is beyond the ${of} it is out of`;
  } else if (of !== undefined) {
    return `"of" only applies to ranks, but the unit is ${unit}`;
  }
  if (unit === 'fraction' && !(value > 0 && value <= 1)) return `a fraction must lie between 0 and 1, got ${value}`;
  if (unit === 'count' && (!Number.isInteger(value) || value < 0)) return `a count must be a whole number, got ${value}`;
  return undefined;
}

function error(code: string, message: string, location: Location): FactProblem {
  return { severity: 'error', code, message, location };
}

/** What validating a metric finds in the metric alone: the same whichever base it is in. */
interface MetricChecks {
  /** Per language: the problem of having no cues, and each cue with the key that no other metric's cue may share. */
  cues: Record<Lang, { missing?: FactProblem; keys: Array<[cue: string, key: string]> }>;
  /** Per observation: its value for the unit, its quote's length, and whether it contradicts an earlier one. */
  observations: FactProblem[][];
}

/**
 * A metric's own checks, worked out once: the server loads the whole base again after an
 * edit to one fact file, and the other files' metrics are the same objects as before
 * (factBase.ts keeps their parses), so only the cross-references are checked again.
 */
const metricChecks = perObject((m: Metric): MetricChecks => {
  const cues = {} as MetricChecks['cues'];
  for (const lang of LANGS) {
    const list = m.cues[lang] ?? [];
    cues[lang] = {
      missing: list.length === 0 ? error('missing-cues', `metric "${m.id}" has no ${lang === 'en' ? 'English' : 'German'} cues, so ${lang} prose cannot name it`, m.location) : undefined,
      // Joined, not a template: a template's parts stay linked as a tree of strings, kept as long as the metric.
      keys: list.map((cue) => [cue, [lang, m.subject, m.unit, m.change === true, normalizeCue(cue)].join('\u0000')]),
    };
  }
  // Two unqualified values for the same time cannot both be right.
  const byWhen = new Map<string, number>();
  const observations = m.observations.map((o, i) => {
    const found: FactProblem[] = [];
    const bad = implausibleValue(m.unit, o.value, o.of);
    if (bad) found.push(error('bad-value', `metric "${m.id}" observation ${i + 1}: ${bad}`, o.location));
    const words = countWords(o.quote);
    if (words > MAX_QUOTE_WORDS) {
      found.push({ severity: 'warning', code: 'long-quote', message: `metric "${m.id}" observation ${i + 1} quotes ${words} words; quote at most about 25`, location: o.location });
    }
    if (o.qualifier || o.expectation) return found;
    const key = `${o.when.start}/${o.when.end}`;
    const j = byWhen.get(key);
    if (j === undefined) byWhen.set(key, i);
    else if (m.observations[j].value !== o.value) {
      const p = m.observations[j];
      found.push(error('contradiction', `metric "${m.id}" has ${p.value} (${where(p.location)}) and ${o.value} for the same time ${o.whenLabel}`, o.location));
    }
    return found;
  });
  return { cues, observations };
});

export function validateFactBase(base: FactBase): FactProblem[] {
  return runToEnd(validateFactBaseSteps(base));
}

/** validateFactBase in steps of METRICS_PER_STEP metrics. */
export function* validateFactBaseSteps(base: FactBase): Steps<FactProblem[]> {
  const problems: FactProblem[] = [];
  const report = (code: string, message: string, location: Location) => problems.push(error(code, message, location));

  for (const s of base.sources.values()) {
    if (s.editionOf !== undefined && !base.sources.has(s.editionOf)) {
      report('unknown-source', `source "${s.id}" is an edition of unknown source "${s.editionOf}"`, s.location);
    }
  }
  // Prose names a subject to pick its metrics: a name two subjects share picks neither.
  const nameOwner = new Map<string, string>();
  for (const s of base.subjects.values()) {
    if (s.parent !== undefined && !base.subjects.has(s.parent)) {
      report('unknown-subject', `subject "${s.id}" lies within unknown subject "${s.parent}"`, s.location);
    } else if (s.parent !== undefined && liesWithinItself(base, s.id)) {
      report('parent-cycle', `subject "${s.id}" lies within itself through its parents`, s.location);
    }
    for (const lang of LANGS) {
      for (const name of s.names[lang] ?? []) {
        const key = `${lang}\u0000${normalizeCue(name)}`;
        const other = nameOwner.get(key);
        if (other === undefined) nameOwner.set(key, s.id);
        else if (other !== s.id) report('shared-name', `name "${name}" (${lang}) names both subject "${other}" and subject "${s.id}"`, s.location);
      }
    }
  }

  // Cues of metrics with the same subject and unit must differ: a figure of that unit next
  // to the cue would otherwise name two metrics at once. A rate of change and a level are
  // told apart by the words before the figure, so `change` is part of the key too.
  const cueOwner = new Map<string, Metric>();
  let n = 0;
  for (const m of base.metrics.values()) {
    if (++n % METRICS_PER_STEP === 0) yield;
    if (!base.subjects.has(m.subject)) {
      report('unknown-subject', `metric "${m.id}" is about unknown subject "${m.subject}"`, m.location);
    }
    const checks = metricChecks(m);
    for (const lang of LANGS) {
      const { missing, keys } = checks.cues[lang];
      if (missing) problems.push(missing);
      for (const [cue, key] of keys) {
        const other = cueOwner.get(key);
        if (other === undefined) cueOwner.set(key, m);
        else if (other !== m) {
          report('shared-cue', `cue "${cue}" (${lang}) names both metric "${other.id}" and metric "${m.id}"; make the more specific one's cue longer`, m.location);
        }
      }
    }
    for (let i = 0; i < m.observations.length; i++) {
      const o = m.observations[i];
      for (const id of o.sources) {
        if (!base.sources.has(id)) report('unknown-source', `metric "${m.id}" cites unknown source "${id}"`, o.location);
      }
      for (const p of checks.observations[i]) problems.push(p);
    }
  }
  return problems;
}
