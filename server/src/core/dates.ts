// Partial ISO dates as written in fact files ("2020", "2020-12", "2020-12-25") and the
// whole-day ranges they stand for. Hand-written because the format is this project's own
// (Date.parse would accept "2021-02-30" by rolling it over into March).

import type { DateRange } from './types';

/** The ISO date "YYYY-MM-DD" of the given day. */
function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads `len` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The days a partial ISO date covers: "2020" → 2020-01-01..2020-12-31,
 * "2021-02" → 2021-02-01..2021-02-28, "2020-12-25" → that day.
 * Returns an error sentence for malformed or impossible dates (month 13, 2021-02-30).
 */
export function partialDateRange(text: string): DateRange | string {
  const len = text.length;
  if (len !== 4 && len !== 7 && len !== 10) return `"${text}" is not a partial ISO date like "2020", "2020-12" or "2020-12-25"`;
  const year = digits(text, 0, 4);
  if (year < 0) return `"${text}" does not start with a four-digit year`;
  if (len === 4) return { start: iso(year, 1, 1), end: iso(year, 12, 31) };
  const month = text[4] === '-' ? digits(text, 5, 2) : -1;
  if (month < 1 || month > 12) return `"${text}" has no valid month (01–12)`;
  const last = daysInMonth(year, month);
  if (len === 7) return { start: iso(year, month, 1), end: iso(year, month, last) };
  const day = text[7] === '-' ? digits(text, 8, 2) : -1;
  if (day < 1 || day > last) return `"${text}" is not a real date: ${iso(year, month, 1).slice(0, 7)} has ${last} days`;
  return { start: iso(year, month, day), end: iso(year, month, day) };
}

/**
 * A point in time written as a partial date. A stock value "as of 2020" holds at the
 * end of 2020, so the point is the last day the partial date covers (start = end).
 */
export function asOfRange(text: string): DateRange | string {
  const r = partialDateRange(text);
  return typeof r === 'string' ? r : { start: r.end, end: r.end };
}

/**
 * A period: an ISO interval of partial dates "2016/2020" (2016-01-01..2020-12-31),
 * "2021-01/2021-08" (2021-01-01..2021-08-31), or one partial date for all the days it covers.
 */
export function periodRange(text: string): DateRange | string {
  const slash = text.indexOf('/');
  if (slash < 0) return partialDateRange(text);
  const a = partialDateRange(text.slice(0, slash));
  if (typeof a === 'string') return a;
  const b = partialDateRange(text.slice(slash + 1));
  if (typeof b === 'string') return b;
  if (b.end < a.start) return `period "${text}" ends before it starts`;
  return { start: a.start, end: b.end };
}
