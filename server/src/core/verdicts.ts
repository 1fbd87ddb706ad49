// Judging a claim against the metric's observations. A figure agrees with an observation
// when the ranges they allow overlap: the draft's range follows from its qualifier and the
// rounding its digits imply ("about 8,750", "US$32 billion"), the observation's from the
// source's qualifier ("more than 240", "approximately 50%").
import { mainSource, sourceLabel, statedValue, whenText, writtenValue } from './cite';
import { latestObservation } from './factIndex';
import { perObject } from './memo';
import type { Approx, Claim, DateRange, FactBase, Observation, Verdict } from './types';
import { inMetricUnit, type Measured } from './units';

interface Range {
  low: number;
  high: number;
}

/** The largest power of ten, not below `precision`, that divides `value`: 8750 → 10, 300 → 100. */
function roundingPlace(value: number, precision: number): number {
  if (value === 0 || !Number.isFinite(value)) return precision;
  let place = precision > 0 ? precision : 1e-12;
  for (let i = 0; i < 30; i++) {
    const next = place * 10;
    const q = value / next;
    if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q))) break;
    place = next;
  }
  return place;
}

/** How many significant digits a value has at a given place: 8750 at 10 → 3. */
function significantDigits(value: number, place: number): number {
  return Math.max(1, Math.floor(Math.log10(Math.abs(value) / place) + 1e-9) + 1);
}

function qualified(low: number, high: number, approx: Approx | null | undefined, tolerance: number): Range {
  switch (approx) {
    case 'more':
    case 'atLeast':
      return { low: low - tolerance, high: Infinity };
    case 'less':
    case 'atMost':
    case 'upTo':
      return { low: -Infinity, high: high + tolerance };
    case 'nearly':
      return { low: low - Math.max(tolerance, Math.abs(low) * 0.05), high: high + tolerance };
    default:
      return { low: low - tolerance, high: high + tolerance };
  }
}

/** The values a draft figure allows. */
function draftRange(m: Measured, approx: Approx | null): Range {
  const place = roundingPlace(m.value, m.precision);
  // Trailing zeros mean rounding ("8,750") where at least two digits remain; a lone digit
  // ("300") is taken literally unless the writer says "about".
  const rounded = approx === 'about' || significantDigits(m.value, place) >= 2 ? place : m.precision;
  return qualified(m.value, m.high, approx, rounded / 2);
}

/**
 * The values an observation allows: as precise as the digits the fact file gives
 * (0.066667 for one-fifteenth stands for 0.0666665…0.0666675), a whole step either way
 * where the source says "approximately".
 */
const observedRange = perObject((o: Observation): Range => {
  const approx = o.qualifier?.approx;
  const place = roundingPlace(o.value, 0);
  return qualified(o.value, o.value, approx, approx === 'about' ? place : place / 2);
});

function overlaps(a: Range, b: Range): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(a.low), Math.abs(b.low));
  return a.low <= b.high + eps && b.low <= a.high + eps;
}

function agrees(draft: Range, of: number | undefined, o: Observation): boolean {
  if (of !== undefined && o.of !== undefined && of !== o.of) return false;
  return overlaps(draft, observedRange(o));
}

function datesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function newest(list: Observation[]): Observation | undefined {
  return list.reduce<Observation | undefined>((a, b) => (!a || b.when.end > a.when.end ? b : a), undefined);
}

function earliest(list: Observation[]): Observation | undefined {
  return list.reduce<Observation | undefined>((a, b) => (!a || b.when.start < a.when.start ? b : a), undefined);
}

/** Judges a claim against its metric's observations. */
export function judge(claim: Claim, base: FactBase, text: string): Verdict {
  const { figure, metric } = claim;
  const measured = inMetricUnit(figure, metric);
  const latest = latestObservation(metric);
  if (!measured || !latest) {
    return { kind: 'unverifiable', severity: 'information', message: `The fact base has no observation of ${metric.measure.en}.` };
  }
  const fig = figure.text;
  const measure = metric.measure.en;
  const value = (o: Observation) => statedValue(o, writtenValue(figure, metric, o));
  const cite = (o: Observation) => `${value(o)} (${whenText(o)}, ${sourceLabel(mainSource(o, base))})`;
  const draft = draftRange(measured, figure.approx);
  const matches = metric.observations.filter((o) => agrees(draft, figure.of, o));

  const time = claim.time;
  if (time) {
    const during = metric.observations.filter((o) => datesOverlap(o.when, time.range));
    const named = () => `“${text.slice(time.start, time.end).trim()}”`;
    if (during.length > 0) {
      const hit = during.find((o) => matches.includes(o));
      if (hit === latest) {
        return { kind: 'verified', message: `${fig} matches the sourced figure for ${measure}: ${cite(latest)}.`, expected: latest, matched: latest };
      }
      if (hit) {
        return {
          kind: 'historical',
          message: `${fig} matches the sourced figure for ${measure} for ${whenText(hit)} (${sourceLabel(mainSource(hit, base))}); the latest is ${cite(latest)}.`,
          expected: hit,
          matched: hit,
        };
      }
      const expected = newest(during)!;
      return {
        kind: 'conflicting',
        severity: 'error',
        message: `${fig} does not match the sourced figure for ${measure} at the time the sentence names (${named()}): ${cite(expected)}.`,
        expected,
      };
    }
    if (!(matches.includes(latest) && time.range.start > latest.when.end)) {
      const before = newest(metric.observations.filter((o) => o.when.end < time.range.start));
      const after = earliest(metric.observations.filter((o) => o.when.start > time.range.end));
      const around = [before && `${cite(before)} before`, after && `${cite(after)} after`].filter(Boolean).join(' and ');
      return {
        kind: 'unverifiable',
        severity: 'information',
        message: `The fact base has no figure for ${measure} at the time the sentence names (${named()})${around ? `; it has ${around}` : ''}.`,
        expected: latest,
        bracket: { before, after },
      };
    }
  }

  if (matches.includes(latest)) {
    return { kind: 'verified', message: `${fig} matches the sourced figure for ${measure}: ${cite(latest)}.`, expected: latest, matched: latest };
  }
  if (matches.length > 0) {
    const matched = newest(matches)!;
    return {
      kind: 'outdated',
      severity: 'warning',
      message: `${fig} is outdated: the latest sourced figure for ${measure} is ${cite(latest)}; ${fig} was the figure for ${whenText(matched)}.`,
      expected: latest,
      matched,
    };
  }
  return {
    kind: 'conflicting',
    severity: 'error',
    message: `${fig} matches no sourced figure for ${measure}: the latest is ${cite(latest)}.`,
    expected: latest,
  };
}
