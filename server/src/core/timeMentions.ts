// Dates and periods named in prose ("at the end of 2020", "in den ersten acht Monaten 2021",
// "during the 13th Five-Year Plan"), so that a verdict can tell a figure stated for an older
// period (historical) from one stated as current (outdated). Comparison bases ("over the
// same period last year", "gegenüber dem Vorjahr") name the period a figure is compared
// with, not the figure's own, and are not mentions.
//
// Text is cut into word/number/punctuation tokens by a hand-written scanner, then a small
// hand-written grammar is tried at each token: an optional lead ("as of", "zum Jahresende")
// and a core (a year, month, quarter, day, plan period, or a relative year).
//
// Choices, so that verdicts compare like with like (whole days, both ends inclusive):
// - a year, month, quarter or plan period denotes all its days ("2020" → 2020-01-01..2020-12-31);
// - "end of X" / "Ende X" / "by X" denote the last day of X only (a stock at year end,
//   matching how the fact base dates "as of 2020" observations);
// - "as of X" / "Stand X" denote all of X ("as of July 2021" → 2021-07-01..2021-07-31);
// - "since X" runs from the start of X to today;
// - a month or day without a year takes today's year, or the year before where that
//   would lie after today ("As of November", written in January, means last November);
// - "in the past five years" runs from the same day five years before today to today.

import { grown } from './typedArrays';
import { daysInMonth } from './dates';
import type { DateRange, Lang, TimeMention } from './types';

// ---------------------------------------------------------------- tokens

const WORD = 0;
const NUM = 1;
const PUNCT = 2;

/**
 * Tokens.starts: CORE_START, and 1 + the index of the group of leads (Vocabulary.leadGroups)
 * that start at the token shifted up by LEAD_SHIFT. A core can start only at a word of
 * Vocabulary.coreStarts, a digit-led word, a number a core reads (≤ 99, a year 1900–2100,
 * or a date such as "30.12.2021") or an opening quote (see Reader.core); a lead only at a
 * first word of a lead. Every other token (0) is skipped without looking at it further.
 */
const CORE_START = 1;
const LEAD_SHIFT = 1;
/** Room in a byte for lead groups. */
const MAX_LEAD_GROUPS = 0xff >> LEAD_SHIFT;

/**
 * Tokens as parallel typed arrays: an object per token would load the collector on long
 * drafts. Words carry their lowercased text only if the grammar knows them (WordAutomaton.known).
 * One instance is reused from call to call (calls are synchronous), growing as needed,
 * because the language server calls once per sentence and allocation would dominate.
 */
class Tokens {
  count = 0;
  start = new Int32Array(0);
  end = new Int32Array(0);
  kind = new Uint8Array(0);
  /** For numbers written as plain digits: their value; otherwise -1. */
  value = new Int32Array(0);
  /** What could start at the token (CORE_START, LEAD_SHIFT); 0 (most tokens) lets the grammar skip it at once. */
  starts = new Uint8Array(0);
  /** For known words: 1 + index into `words`; 0 otherwise. */
  private word = new Int32Array(0);
  /** Texts of known words, words[0..wordCount) of this text (kept, not emptied, from call to call). */
  private readonly words: string[] = [];
  private wordCount = 0;
  src = '';

  /** Empties the list for tokens of `src`, with room for `capacity` of them. */
  reset(src: string, capacity: number): void {
    this.src = src;
    this.count = 0;
    this.wordCount = 0;
    if (this.start.length < capacity) {
      const size = Math.max(capacity, 2 * this.start.length);
      this.start = new Int32Array(size);
      this.end = new Int32Array(size);
      this.kind = new Uint8Array(size);
      this.value = new Int32Array(size);
      this.starts = new Uint8Array(size);
      this.word = new Int32Array(size);
    }
  }

  /** Adds a token that is not a known word. */
  push(start: number, end: number, kind: number, value: number, starts: number): void {
    const k = this.count++;
    this.start[k] = start;
    this.end[k] = end;
    this.kind[k] = kind;
    this.value[k] = value;
    this.starts[k] = starts;
    this.word[k] = 0;
  }

  /** Adds a known word with its lowercased text. */
  pushWord(start: number, end: number, word: string, starts: number): void {
    const k = this.count++;
    this.start[k] = start;
    this.end[k] = end;
    this.kind[k] = WORD;
    this.value[k] = -1;
    this.starts[k] = starts;
    this.words[this.wordCount++] = word;
    this.word[k] = this.wordCount;
  }

  /** True if token i is a word that starts with a capital letter. */
  capital(i: number): boolean {
    if (!this.has(i) || this.kind[i] !== WORD) return false;
    const c = this.src.charCodeAt(this.start[i]);
    return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
  }

  has(i: number): boolean {
    return i >= 0 && i < this.count;
  }

  /** Lowercased text of a known word ('' for other words), the digits of a number, the punctuation character; '' out of range. */
  text(i: number): string {
    if (!this.has(i)) return '';
    switch (this.kind[i]) {
      case WORD:
        return this.word[i] > 0 ? this.words[this.word[i] - 1] : '';
      case PUNCT:
        return this.src[this.start[i]];
      default:
        return this.src.slice(this.start[i], this.end[i]);
    }
  }

  length(i: number): number {
    return this.has(i) ? this.end[i] - this.start[i] : 0;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

/** Code of a character in a prefix key: a–z 1–26, ä ö ü ß 27–30, digits 31, others 0. */
function keyCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 48 && c <= 57) return 31;
  switch (c) {
    case 0xe4: case 0xc4: return 27;
    case 0xf6: case 0xd6: return 28;
    case 0xfc: case 0xdc: return 29;
    case 0xdf: return 30;
    default: return 0;
  }
}

/** Words are recognised by their first KEY_LENGTH characters' keyCodes (see WordAutomaton). */
const KEY_LENGTH = 6;

/**
 * Symbols of the characters a known word can hold, as toLowerCase reads them (A–Z as a–z,
 * Ä Ö Ü as ä ö ü), 0 for every other character; SYMBOL_KEY_CODE gives each one's keyCode.
 */
const SYMBOL = new Uint8Array(256);
const SYMBOLS = (() => {
  let n = 1;
  for (let c = 97; c <= 122; c++) SYMBOL[c] = SYMBOL[c - 32] = n++;
  for (const [lower, upper] of [[0xe4, 0xc4], [0xf6, 0xd6], [0xfc, 0xdc]]) SYMBOL[lower] = SYMBOL[upper] = n++;
  SYMBOL[0xdf] = n++;
  for (let c = 48; c <= 57; c++) SYMBOL[c] = n++;
  return n;
})();
const SYMBOL_KEY_CODE = new Uint8Array(SYMBOLS);
for (let c = 0; c < 0x250; c++) {
  const sym = c < 256 ? SYMBOL[c] : 0;
  if (sym !== 0) SYMBOL_KEY_CODE[sym] = keyCode(c);
  // The automaton reads symbols for keyCodes: they must agree on every character.
  if (SYMBOL_KEY_CODE[sym] !== keyCode(c)) throw new Error(`symbol and key code disagree on U+${c.toString(16)}`);
}

/**
 * isBlank, isDigit or isLetter (CHAR_INFO >> 6) and the SYMBOL (CHAR_INFO & 63) of each
 * character in one lookup: the scanner asks for every character, and chains of comparisons
 * cost more in branches. From U+0250 on no character is a letter, and U+2009 and U+202F are blanks.
 */
const BLANK = 1;
const DIGIT = 2;
const LETTER = 3;
const CHAR_INFO = new Uint8Array(0x250);
for (let c = 0; c < CHAR_INFO.length; c++) {
  const cls = isBlank(c) ? BLANK : isDigit(c) ? DIGIT : isLetter(c) ? LETTER : 0;
  CHAR_INFO[c] = (cls << 6) | (c < 256 ? SYMBOL[c] : 0);
}

function charInfo(c: number): number {
  return c < 0x250 ? CHAR_INFO[c] : c === 0x202f || c === 0x2009 ? BLANK << 6 : 0;
}

/**
 * Words (letters and digits: "h1", "13th"), numbers (digits with inner '.' or ',' before a
 * digit: "1,297", "30.12.2021") and single punctuation characters; blanks separate tokens.
 * Only words whose first six letters start a word of the grammar get their text: most
 * words of a draft never do, and skipping their strings keeps this allocation-light.
 * Words of the grammar themselves ("the", "of", "in", the common case) are recognised by
 * WORDS while scanning and get its shared string; only other known words ("periodic",
 * "13th", "Quartals") are sliced and lowercased.
 * Each token is also marked with what could start there in `lang` (Tokens.starts).
 */
const scratch = new Tokens();

function tokenize(text: string, from: number, to: number, lang: Lang): Tokens {
  const tokens = scratch;
  tokens.reset(text, to - from);
  const automaton = WORDS;
  const shift = lang === 'en' ? 0 : WORD_DE_SHIFT;
  const v = VOCABULARY[lang];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    const first = charInfo(c);
    const cls = first >> 6;
    if (cls === BLANK) {
      i++;
      continue;
    }
    const start = i;
    if (cls === DIGIT || cls === LETTER) {
      // The first character is read here, the rest in the loop.
      let plain = true;
      let letters = cls === LETTER;
      let state = automaton.next(WORD_START, first & 63);
      // The value of a plain digit run, read as it is scanned (meaningless otherwise).
      let value = c - 48;
      // Set when a blank ends the word, which is then skipped with it.
      let blank = false;
      i++;
      while (i < to) {
        const d = text.charCodeAt(i);
        const info = charInfo(d);
        const k = info >> 6;
        if (k === LETTER) letters = true;
        else if (k === DIGIT) value = value * 10 + (d - 48);
        else if ((d === 46 || d === 44) && !letters && i + 1 < to && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i - 1))) plain = false;
        else {
          blank = k === BLANK;
          break;
        }
        if (state !== WORD_DEAD) state = automaton.next(state, info & 63);
        i++;
      }
      if (letters) {
        const exact = automaton.word(state);
        if (exact !== null) {
          tokens.pushWord(start, i, exact, automaton.starts(state, shift));
        } else if (isDigit(c) || automaton.known(state)) {
          const word = text.slice(start, i).toLowerCase();
          tokens.pushWord(start, i, word, (isDigit(c) ? CORE_START : 0) | startBits(v, word));
        } else {
          tokens.push(start, i, WORD, -1, 0);
        }
      } else {
        const n = plain && i - start <= 9 ? value : -1;
        // Cores read numbers as day, month, plan or quarter numbers (≤ 99), years (1900–2100) or "30.12.2021" (no value).
        const core = n < 0 ? dayShaped(text, start, i) : n <= 99 || (n >= 1900 && n <= 2100);
        tokens.push(start, i, NUM, n, core ? CORE_START : 0);
      }
      if (blank) i++;
      continue;
    }
    i++;
    tokens.push(start, i, PUNCT, -1, isQuoteCode(c) ? CORE_START : 0);
  }
  return tokens;
}

/** True if text[from, to) splits at '.' into parts of at most 2, at most 2 and exactly 4 characters, as Reader.day reads "30.12.2021". */
function dayShaped(text: string, from: number, to: number): boolean {
  let dots = 0;
  let first = -1;
  let second = -1;
  for (let k = from; k < to; k++) {
    if (text.charCodeAt(k) !== 46) continue;
    if (dots === 0) first = k;
    else if (dots === 1) second = k;
    dots++;
  }
  return dots === 2 && first - from <= 2 && second - first - 1 <= 2 && to - second - 1 === 4;
}

// ---------------------------------------------------------------- dates

/** A day (shared between calls by parseToday, hence read-only). */
interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** ISO texts of days (key y·512 + m·32 + d), bounded: a draft names few distinct days, and building the text costs more than finding it. */
const ISO_TEXTS = new Map<number, string>();
const ISO_TEXTS_MAX = 4096;

function iso(y: number, m: number, d: number): string {
  // Only plain days have a key of their own.
  const keyed = Number.isInteger(y) && Math.abs(y) < 1e6 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && Number.isInteger(m) && Number.isInteger(d);
  const key = y * 512 + m * 32 + d;
  if (keyed) {
    const known = ISO_TEXTS.get(key);
    if (known !== undefined) return known;
  }
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (keyed) {
    if (ISO_TEXTS.size >= ISO_TEXTS_MAX) ISO_TEXTS.clear();
    ISO_TEXTS.set(key, text);
  }
  return text;
}

function yearRange(y: number): DateRange {
  return { start: iso(y, 1, 1), end: iso(y, 12, 31) };
}

function monthsRange(y: number, m1: number, m2: number): DateRange {
  return { start: iso(y, m1, 1), end: iso(y, m2, daysInMonth(y, m2)) };
}

/** The last `today` parsed and its day: callers pass the same one for every sentence of a draft. */
let lastToday = '';
let lastDay: Day = { y: 0, m: 0, d: 0 };

function parseToday(today: string): Day {
  if (today === lastToday) return lastDay;
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const d = Number(today.slice(8, 10));
  if (today.length !== 10 || today[4] !== '-' || today[7] !== '-' || !Number.isInteger(y) || !(m >= 1 && m <= 12) || !(d >= 1 && d <= daysInMonth(y, m))) {
    throw new RangeError(`today must be an ISO date YYYY-MM-DD, got "${today}"`);
  }
  lastToday = today;
  lastDay = { y, m, d };
  return lastDay;
}

/** The year of a month named without one: this year, or last year if the month is still ahead. */
function yearOfMonth(m: number, d: number, today: Day): number {
  return m > today.m || (m === today.m && d > today.d) ? today.y - 1 : today.y;
}

// ---------------------------------------------------------------- vocabulary

interface Vocabulary {
  months: Map<string, number>;
  /** Month names written out (after which a '.' ends the sentence rather than an abbreviation). */
  fullMonths: Set<string>;
  numbers: Map<string, number>;
  /** Leads before a core: word sequences (longest first) and what they do to its range. */
  leads: Array<[string[], LeadKind]>;
  /** The leads grouped by first word (each group longest first), and the index of each first word's group. */
  leadGroups: Array<Array<[string[], LeadKind]>>;
  leadGroup: Map<string, number>;
  /** Words that can begin a core expression (besides numbers, quotes and "13th"), for the same reason. */
  coreStarts: Set<string>;
  rangeSeparators: Set<string>;
  /** Words that make a following date a comparison base ("than 2020", "gegenüber dem Vorjahr"). */
  comparison: Set<string>;
  /** Words skipped when looking back for a comparison word. */
  fillers: Set<string>;
  /** Fillers that by themselves make a comparison base ("the same period of 2020"). */
  samePeriod: Set<string>;
}

type LeadKind = 'in' | 'on' | 'asOf' | 'end' | 'since' | 'between' | 'from';

function words(list: string): string[][] {
  return list.split('|').map((phrase) => phrase.trim().split(' '));
}

function leads(table: Record<LeadKind, string>): Array<[string[], LeadKind]> {
  const all: Array<[string[], LeadKind]> = [];
  for (const kind of Object.keys(table) as LeadKind[]) for (const seq of words(table[kind])) all.push([seq, kind]);
  return all.sort((a, b) => b[0].length - a[0].length);
}

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DE_MONTHS = ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'];

function monthMap(names: string[], extra: Record<string, number>): Map<string, number> {
  const map = new Map<string, number>(names.map((name, i) => [name, i + 1]));
  for (const [k, v] of Object.entries(extra)) map.set(k, v);
  return map;
}

function numberMap(names: string[]): Map<string, number> {
  return new Map(names.map((name, i) => [name, i + 1]));
}

function vocabulary(lang: Lang, v: Omit<Vocabulary, 'leadGroups' | 'leadGroup' | 'coreStarts'>): Vocabulary {
  const coreStarts = new Set([...CORE_STARTS[lang], ...v.months.keys()]);
  const leadGroups: Array<Array<[string[], LeadKind]>> = [];
  const leadGroup = new Map<string, number>();
  for (const lead of v.leads) {
    const g = leadGroup.get(lead[0][0]);
    if (g !== undefined) leadGroups[g].push(lead);
    else leadGroup.set(lead[0][0], leadGroups.push([lead]) - 1);
  }
  if (leadGroups.length > MAX_LEAD_GROUPS) throw new Error('too many first words of leads for Tokens.starts');
  return { ...v, leadGroups, leadGroup, coreStarts };
}

/** Core expressions start with a number, an opening quote, a digit-led word ("13th", "Q1" aside) or one of these. */
const CORE_STARTS: Record<Lang, string[]> = {
  en: ['first', 'second', 'third', 'fourth', 'this', 'last', 'past', 'fyp', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2'],
  de: ['ersten', 'zweiten', 'dritten', 'vierten', 'dieses', 'diesem', 'laufenden', 'letztes', 'letzten', 'vergangenes', 'vergangenen', 'vorjahr', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2'],
};

const VOCABULARY: Record<Lang, Vocabulary> = {
  en: vocabulary('en', {
    fullMonths: new Set(EN_MONTHS),
    months: monthMap(EN_MONTHS, { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 }),
    numbers: numberMap(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']),
    leads: leads({
      end: 'at the end of|by the end of|at end of|by end of|the end of|end of|at end -|by end -|end -|as of the end of|as at the end of|as of end -|at year - end|year - end|by',
      asOf: 'as of|as at',
      since: 'since',
      between: 'between',
      from: 'from',
      on: 'on',
      in: 'in|in the|in the year|during|during the|throughout|throughout the|for|for the|within|within the',
    }),
    rangeSeparators: new Set(['-', '–', '—', 'to', 'through', 'until', 'till']),
    // "on" leads days ("on 30 December"); before anything else it is a comparison ("up 5% on 2020").
    comparison: new Set(['than', 'over', 'versus', 'vs', 'compared', 'comparison', 'against', 'relative', 'on']),
    fillers: new Set(['the', 'same', 'period', 'of', 'in', 'to', 'with', 'a', 'that']),
    samePeriod: new Set(['same', 'period']),
  }),
  de: vocabulary('de', {
    fullMonths: new Set(DE_MONTHS),
    months: monthMap(DE_MONTHS, { jänner: 1, jan: 1, feb: 2, mrz: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dez: 12 }),
    numbers: numberMap(['ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf']),
    leads: leads({
      end: 'ende|bis ende|zum ende|ende des jahres|zum ende des jahres|zum jahresende|jahresende|bis zum jahresende|per ende|stand ende|stand : ende|bis',
      asOf: 'stand|stand :|per|zum stand',
      since: 'seit|seit dem jahr',
      between: 'zwischen',
      from: 'von',
      on: 'am',
      in: 'im|im jahr|im jahre|in|in den|in der|während|während des|während der|für|für das jahr|im zeitraum',
    }),
    rangeSeparators: new Set(['-', '–', '—', 'bis']),
    comparison: new Set(['gegenüber', 'als', 'wie', 'verglichen', 'vergleich']),
    fillers: new Set(['dem', 'den', 'des', 'der', 'die', 'das', 'gleichen', 'selben', 'zeitraum', 'zu', 'zum', 'mit', 'im', 'in']),
    samePeriod: new Set(['gleichen', 'selben', 'zeitraum']),
  }),
};

/** "13th", "1st": an English ordinal written in digits. */
const ORDINAL = /^(\d{1,2})(st|nd|rd|th)$/;
/** "Q1"–"Q4", "H1", "H2" (lowercased). */
const PERIOD_CODE = /^([qh])([1-4])$/;
const QUOTES = new Set(['"', '“', '”', '„', '«', '»', "'", '‘', '’', '‚']);
const DASHES = new Set(['-', '–', '—']);
const ORDINAL_WORDS: Record<Lang, Map<string, number>> = {
  en: numberMap(['first', 'second', 'third', 'fourth']),
  de: numberMap(['ersten', 'zweiten', 'dritten', 'vierten']),
};

// ---------------------------------------------------------------- grammar

// Word choices and sequences the grammar reads, built once.
const ANY_COMMA_OF = new Set([',', 'of']);
const ANY_ST_ND_RD_TH = new Set(['st', 'nd', 'rd', 'th']);
const ANY_FIRST_ERSTEN = new Set(['first', 'ersten']);
const ANY_MONTHS_MONATEN_MONATE = new Set(['months', 'monaten', 'monate']);
const ANY_DIESES_DIESEM_LAUFENDEN = new Set(['dieses', 'diesem', 'laufenden']);
const ANY_LETZTES_LETZTEN_VERGANGENES_VERGANGENEN = new Set(['letztes', 'letzten', 'vergangenes', 'vergangenen']);
const ANY_PAST_LAST = new Set(['past', 'last']);
const ANY_LETZTEN_VERGANGENEN = new Set(['letzten', 'vergangenen']);
const ANY_YEARS = new Set(['years']);
const ANY_JAHREN_JAHRE = new Set(['jahren', 'jahre']);
const SEQ_THIS_YEAR: readonly string[] = ['this', 'year'];
const SEQ_LAST_YEAR: readonly string[] = ['last', 'year'];
const SEQ_DES_JAHRES: readonly string[] = ['des', 'jahres'];
const SEQ_DIESES_JAHRES: readonly string[] = ['dieses', 'jahres'];
const SEQ_LAUFENDEN_JAHRES: readonly string[] = ['laufenden', 'jahres'];
const SEQ_DES_LAUFENDEN_JAHRES: readonly string[] = ['des', 'laufenden', 'jahres'];
const SEQ_DES_VORJAHRES: readonly string[] = ['des', 'vorjahres'];
const SEQ_LETZTEN_JAHRES: readonly string[] = ['letzten', 'jahres'];
const SEQ_FIVE_DASH_YEAR_PLAN: readonly string[] = ['five', '-', 'year', 'plan'];
const SEQ_FIVE_YEAR_PLAN: readonly string[] = ['five', 'year', 'plan'];

/** A core expression: where it ends (token index, exclusive) and what it denotes. */
interface Core {
  end: number;
  range: DateRange;
  /** False for expressions that cannot be a comparison base (plan periods, spans of years, "the past five years"). */
  comparable: boolean;
  /** True for two-ended expressions ("2016-2020", "January to August"), the only ones "between"/"from" lead. */
  twoEnded: boolean;
}

class Reader {
  private readonly v: Vocabulary;
  /** Today, set for each call. */
  t: Day = { y: 0, m: 0, d: 0 };

  constructor(
    private readonly tokens: Tokens,
    private readonly lang: Lang,
  ) {
    this.v = VOCABULARY[lang];
  }

  /** True if token i is an opening or closing quote. */
  private isQuote(i: number): boolean {
    const t = this.tokens;
    return t.has(i) && t.kind[i] === PUNCT && isQuoteCode(t.src.charCodeAt(t.start[i]));
  }

  private word(i: number, options: ReadonlySet<string>): boolean {
    return this.tokens.kind[i] !== NUM && options.has(this.tokens.text(i));
  }

  private text(i: number): string {
    return this.tokens.text(i);
  }

  /** True if tokens from i read as the sequence `seq`. */
  sequence(i: number, seq: readonly string[]): boolean {
    for (let k = 0; k < seq.length; k++) if (this.text(i + k) !== seq[k]) return false;
    return true;
  }

  /** A plausible year written as four plain digits at i, or -1. */
  private year(i: number): number {
    const t = this.tokens;
    if (!t.has(i) || t.kind[i] !== NUM || t.length(i) !== 4 || t.value[i] < 1900 || t.value[i] > 2100) return -1;
    return t.value[i];
  }

  /** A month name at i (capitalised, abbreviations with an optional '.'): [month, end] or null. */
  private month(i: number): [number, number] | null {
    if (!this.tokens.capital(i)) return null;
    const text = this.text(i);
    const m = this.v.months.get(text);
    if (m === undefined) return null;
    return [m, !this.v.fullMonths.has(text) && this.text(i + 1) === '.' ? i + 2 : i + 1];
  }

  /** A small number in digits or words at i ("eight", "8", "acht"), or -1. */
  private count(i: number): number {
    const t = this.tokens;
    if (!t.has(i)) return -1;
    if (t.kind[i] === NUM) return t.value[i] >= 1 && t.value[i] <= 12 ? t.value[i] : -1;
    return this.v.numbers.get(t.text(i)) ?? -1;
  }

  /** The year a phrase like "2021", ", 2021", "of 2021", "this year", "des Jahres 2021" names: [year, end] or null. */
  private yearSpec(i: number): [number, number] | null {
    let y = this.year(i);
    if (y >= 0) return [y, i + 1];
    if (this.lang === 'en') {
      const j = this.word(i, ANY_COMMA_OF) ? i + 1 : i;
      y = this.year(j);
      if (y >= 0) return [y, j + 1];
      if (this.sequence(j, SEQ_THIS_YEAR)) return [this.t.y, j + 2];
      if (this.sequence(j, SEQ_LAST_YEAR)) return [this.t.y - 1, j + 2];
      return null;
    }
    if (this.sequence(i, SEQ_DES_JAHRES)) {
      y = this.year(i + 2);
      if (y >= 0) return [y, i + 3];
      return [this.t.y, i + 2];
    }
    if (this.sequence(i, SEQ_DIESES_JAHRES) || this.sequence(i, SEQ_LAUFENDEN_JAHRES)) return [this.t.y, i + 2];
    if (this.sequence(i, SEQ_DES_LAUFENDEN_JAHRES)) return [this.t.y, i + 3];
    if (this.sequence(i, SEQ_DES_VORJAHRES) || this.sequence(i, SEQ_LETZTEN_JAHRES)) return [this.t.y - 1, i + 2];
    return null;
  }

  /** "(2016-2020)", "(2016–2020)": [from, to, end] or null. */
  private parenYears(i: number): [number, number, number] | null {
    if (this.text(i) !== '(') return null;
    const r = this.yearPair(i + 1, false);
    if (!r || this.text(r[2]) !== ')') return null;
    return [r[0], r[1], r[2] + 1];
  }

  /** "2016-2020", "2016 to 2020" (and "2016 and 2020" after "between"): [from, to, end] or null. */
  private yearPair(i: number, and: boolean): [number, number, number] | null {
    const a = this.year(i);
    if (a < 0) return null;
    const sep = this.text(i + 1);
    if (!this.v.rangeSeparators.has(sep) && !(and && (sep === 'and' || sep === 'und'))) return null;
    const b = this.year(i + 2);
    if (b <= a || b - a > 50) return null;
    return [a, b, i + 3];
  }

  /** The n-th Five-Year Plan ("13th Five-Year Plan (2016-2020)", "14. Fünfjahresplans"). */
  private plan(i: number): Core | null {
    let n = -1;
    if (this.isQuote(i)) i++;
    let j = i;
    const t = this.tokens;
    if (!t.has(i)) return null;
    const kind = t.kind[i];
    if (this.lang === 'en' && kind === WORD) {
      const m = ORDINAL.exec(t.text(i));
      if (m) n = Number(m[1]);
      j = i + 1;
    } else if (this.lang === 'de' && kind === NUM && t.value[i] >= 1 && t.value[i] <= 99 && this.text(i + 1) === '.') {
      n = t.value[i];
      j = i + 2;
    }
    if (n < 1) return null;
    if (this.isQuote(j)) j++;
    if (this.lang === 'en') {
      if (this.sequence(j, SEQ_FIVE_DASH_YEAR_PLAN)) j += 4;
      else if (this.sequence(j, SEQ_FIVE_YEAR_PLAN)) j += 3;
      else if (this.text(j) === 'fyp') j += 1;
      else return null;
      if (this.isQuote(j)) j++;
      if (this.text(j) === 'period') j++;
    } else {
      if (!this.text(j).startsWith('fünfjahresplan')) return null;
      j++;
      if (this.isQuote(j)) j++;
      if (DASHES.has(this.text(j)) && this.text(j + 1).startsWith('periode')) j += 2;
    }
    const stated = this.parenYears(j);
    if (stated) return { end: stated[2], range: { start: iso(stated[0], 1, 1), end: iso(stated[1], 12, 31) }, comparable: false, twoEnded: false };
    // Plans run five years from 1953, with a three-year pause before the third (1966).
    const first = n === 1 ? 1953 : n === 2 ? 1958 : 1966 + 5 * (n - 3);
    return { end: j, range: { start: iso(first, 1, 1), end: iso(first + 4, 12, 31) }, comparable: false, twoEnded: false };
  }

  /** "December 30, 2021", "30 December 2021", "30. Dezember 2021", "30.12.2021", "2021-12-30". */
  private day(i: number): Core | null {
    const t = this.tokens;
    if (!t.has(i)) return null;
    if (t.kind[i] === NUM && t.value[i] < 0) {
      // "30.12.2021" as one number token.
      const parts = this.text(i).split('.');
      if (parts.length === 3 && parts[2].length === 4 && parts[0].length <= 2 && parts[1].length <= 2) {
        return this.dayCore(Number(parts[2]), Number(parts[1]), Number(parts[0]), i + 1);
      }
    }
    const y = this.year(i);
    if (y >= 0 && this.text(i + 1) === '-' && this.text(i + 3) === '-' && this.text(i + 2).length === 2 && this.text(i + 4).length === 2) {
      return this.dayCore(y, this.tokens.value[i + 2], this.tokens.value[i + 4], i + 5);
    }
    const month = this.month(i);
    if (month && this.lang === 'en') {
      const d = this.dayNumber(month[1]);
      if (d > 0) {
        const ys = this.yearSpec(month[1] + 1);
        return this.dayCore(ys ? ys[0] : -1, month[0], d, ys ? ys[1] : month[1] + 1);
      }
      return null;
    }
    const d = this.dayNumber(i);
    if (d < 0) return null;
    let j = i + 1;
    if (this.lang === 'de') {
      if (this.text(j) !== '.') return null;
      j++;
    } else if (this.word(j, ANY_ST_ND_RD_TH)) j++;
    const m = this.month(j);
    if (!m) return null;
    const ys = this.yearSpec(m[1]);
    return this.dayCore(ys ? ys[0] : -1, m[0], d, ys ? ys[1] : m[1]);
  }

  private dayNumber(i: number): number {
    const t = this.tokens;
    if (!t.has(i)) return -1;
    const kind = t.kind[i];
    if (kind === NUM && t.length(i) <= 2 && t.value[i] >= 1 && t.value[i] <= 31) return t.value[i];
    const m = kind === WORD ? ORDINAL.exec(t.text(i)) : null;
    return m && Number(m[1]) <= 31 ? Number(m[1]) : -1;
  }

  private dayCore(y: number, m: number, d: number, end: number): Core | null {
    if (!(m >= 1 && m <= 12)) return null;
    const year = y >= 0 ? y : yearOfMonth(m, d, this.t);
    if (!(d >= 1 && d <= daysInMonth(year, m))) return null;
    const day = iso(year, m, d);
    return { end, range: { start: day, end: day }, comparable: true, twoEnded: false };
  }

  /** "January–August 2021", "January to September this year", "between January and September". */
  private monthRange(i: number, and: boolean): Core | null {
    const a = this.month(i);
    if (!a) return null;
    const sep = this.text(a[1]);
    if (!this.v.rangeSeparators.has(sep) && !(and && (sep === 'and' || sep === 'und'))) return null;
    const b = this.month(a[1] + 1);
    if (!b || b[0] < a[0]) return null;
    const ys = this.yearSpec(b[1]);
    const y = ys ? ys[0] : yearOfMonth(b[0], 1, this.t);
    return { end: ys ? ys[1] : b[1], range: monthsRange(y, a[0], b[0]), comparable: true, twoEnded: true };
  }

  /** "July 2021", "July this year"; a bare month only after a lead ("as of November"). */
  private monthYear(i: number, led: boolean): Core | null {
    const m = this.month(i);
    if (!m) return null;
    const ys = this.yearSpec(m[1]);
    if (!ys && !led) return null;
    const y = ys ? ys[0] : yearOfMonth(m[0], 1, this.t);
    return { end: ys ? ys[1] : m[1], range: monthsRange(y, m[0], m[0]), comparable: true, twoEnded: false };
  }

  /** "first eight months of 2021", "ersten acht Monaten 2021". */
  private firstMonths(i: number): Core | null {
    if (!this.word(i, ANY_FIRST_ERSTEN)) return null;
    const n = this.count(i + 1);
    if (n < 1 || !this.word(i + 2, ANY_MONTHS_MONATEN_MONATE)) return null;
    const ys = this.yearSpec(i + 3);
    if (!ys) return null;
    return { end: ys[1], range: monthsRange(ys[0], 1, n), comparable: true, twoEnded: false };
  }

  /** "Q1 2021", "H1 2021", "first quarter of 2021", "second half of 2021", "im ersten Quartal 2021", "1. Halbjahr 2021". */
  private quarter(i: number): Core | null {
    const t = this.tokens;
    if (!t.has(i)) return null;
    const kind = t.kind[i];
    // A number's digits are no code or ordinal word: skip slicing them.
    const text = kind === NUM ? '' : t.text(i);
    let n = -1;
    let months = 0;
    let j = i + 1;
    const code = PERIOD_CODE.exec(text);
    if (code && kind === WORD) {
      n = Number(code[2]);
      months = code[1] === 'q' ? 3 : 6;
    } else {
      const ordinal = ORDINAL_WORDS[this.lang].get(text);
      if (ordinal !== undefined) n = ordinal;
      else if (this.lang === 'de' && kind === NUM && t.value[i] >= 1 && t.value[i] <= 4 && this.text(i + 1) === '.') {
        n = t.value[i];
        j = i + 2;
      }
      const unit = this.text(j);
      if (unit === 'quarter' || unit.startsWith('quartal')) months = 3;
      else if (unit === 'half' || unit.startsWith('halbjahr') || unit.startsWith('jahreshälfte')) months = 6;
      else return null;
      j++;
    }
    if (n < 1 || n * months > 12) return null;
    const ys = this.yearSpec(j);
    if (!ys) return null;
    return { end: ys[1], range: monthsRange(ys[0], (n - 1) * months + 1, n * months), comparable: true, twoEnded: false };
  }

  /** "this year", "last year", "im Vorjahr", "in the past five years", "in den letzten fünf Jahren". */
  private relative(i: number): Core | null {
    const en = this.lang === 'en';
    if (en ? this.sequence(i, SEQ_THIS_YEAR) : this.word(i, ANY_DIESES_DIESEM_LAUFENDEN) && this.text(i + 1) === 'jahr') {
      return { end: i + 2, range: yearRange(this.t.y), comparable: true, twoEnded: false };
    }
    if (en ? this.sequence(i, SEQ_LAST_YEAR) : this.word(i, ANY_LETZTES_LETZTEN_VERGANGENES_VERGANGENEN) && this.text(i + 1) === 'jahr') {
      return { end: i + 2, range: yearRange(this.t.y - 1), comparable: true, twoEnded: false };
    }
    // "Vorjahr" names a period only as "im Vorjahr"; "gegenüber dem Vorjahr" is a comparison base.
    if (!en && this.text(i) === 'vorjahr' && this.text(i - 1) === 'im') {
      return { end: i + 1, range: yearRange(this.t.y - 1), comparable: true, twoEnded: false };
    }
    if (en ? this.word(i, ANY_PAST_LAST) : this.word(i, ANY_LETZTEN_VERGANGENEN)) {
      const n = this.count(i + 1);
      if (n >= 1 && (en ? this.word(i + 2, ANY_YEARS) : this.word(i + 2, ANY_JAHREN_JAHRE))) {
        const t = this.t;
        const d = Math.min(t.d, daysInMonth(t.y - n, t.m));
        return { end: i + 3, range: { start: iso(t.y - n, t.m, d), end: iso(t.y, t.m, t.d) }, comparable: false, twoEnded: false };
      }
    }
    return null;
  }

  /**
   * A year or a year range, unless the number is a quantity ("2000 %") or, in English and
   * without a lead, part of a name ("Business Environment Report 2020", "the 2021 Smart China Expo").
   */
  private years(i: number, led: boolean, and: boolean): Core | null {
    const pair = this.yearPair(i, and);
    // A span of years is a period written about ("over 2016–2020"), not a comparison base.
    if (pair) return { end: pair[2], range: { start: iso(pair[0], 1, 1), end: iso(pair[1], 12, 31) }, comparable: false, twoEnded: true };
    const y = this.year(i);
    if (y < 0) return null;
    const next = this.text(i + 1);
    if (next === '%' || next === 'percent' || next === 'per' || next === 'prozent') return null;
    if (!led && this.lang === 'en' && (this.isNameWord(i - 1) || this.isNameWord(i + 1))) return null;
    return { end: i + 1, range: yearRange(y), comparable: true, twoEnded: false };
  }

  /** True for a capitalised word the grammar does not know: a word of a name, not "The" or "In". */
  private isNameWord(i: number): boolean {
    const t = this.tokens;
    return t.capital(i) && t.text(i) === '';
  }

  /**
   * The core expression at i, if any; `led` when a lead precedes it, `and` after "between".
   * Only CORE_START tokens can start one. Numbers and quotes go only to the parsers that
   * accept them as first token (the others start with a word and fail on them anyway).
   */
  core(i: number, led: boolean, and: boolean): Core | null {
    const t = this.tokens;
    if (!t.has(i) || (t.starts[i] & CORE_START) === 0) return null;
    const kind = t.kind[i];
    if (kind === NUM) {
      return this.lang === 'en' ? this.day(i) ?? this.years(i, led, and) : this.plan(i) ?? this.day(i) ?? this.quarter(i) ?? this.years(i, led, and);
    }
    // An opening quote: "“14th Five-Year Plan”".
    if (kind === PUNCT) return this.plan(i);
    return (
      this.plan(i) ??
      this.day(i) ??
      this.monthRange(i, and) ??
      this.monthYear(i, led) ??
      this.firstMonths(i) ??
      this.quarter(i) ??
      this.relative(i) ??
      this.years(i, led, and)
    );
  }

  /** The leads whose first word is at i, longest first (whether the rest follows is for `sequence` to tell). */
  leadsFrom(i: number): ReadonlyArray<[string[], LeadKind]> {
    const g = this.tokens.starts[i] >> LEAD_SHIFT;
    return g === 0 ? NO_LEADS : this.v.leadGroups[g - 1];
  }

  /** True if the expression starting at token i is a comparison base ("over the same period of 2020"). */
  comparedWith(i: number): boolean {
    let j = i - 1;
    let samePeriod = false;
    for (let steps = 0; j >= 0 && steps < 5 && this.v.fillers.has(this.text(j)); steps++, j--) {
      if (this.v.samePeriod.has(this.text(j))) samePeriod = true;
    }
    if (samePeriod) return true;
    const w = this.text(j);
    if (this.v.comparison.has(w)) return true;
    // "up from 2019", "gestiegen von 2019": a change from a base. Ranges ("from 2016 to 2020") are led by "from" itself.
    return (w === 'from' || w === 'von') && j > 0 && CHANGE_VERBS.has(this.text(j - 1));
  }

  get length(): number {
    return this.tokens.count;
  }

  span(first: number, end: number): [number, number] {
    return [this.tokens.start[first], this.tokens.end[end - 1]];
  }

  /** The range a lead makes of a core's range. */
  apply(kind: LeadKind | null, range: DateRange): DateRange {
    switch (kind) {
      case 'end':
        return { start: range.end, end: range.end };
      case 'since': {
        const today = iso(this.t.y, this.t.m, this.t.d);
        return range.start <= today ? { start: range.start, end: today } : range;
      }
      default:
        return range;
    }
  }
}

const NO_LEADS: ReadonlyArray<[string[], LeadKind]> = [];

const CHANGE_VERBS = new Set(['up', 'down', 'rose', 'risen', 'rise', 'increased', 'increase', 'fell', 'fallen', 'grew', 'grown', 'dropped', 'declined', 'climbed', 'jumped', 'gestiegen', 'gesunken', 'gewachsen']);

// Words the grammar compares tokens with outside the vocabulary tables.
const GRAMMAR_WORDS = [
  'of', 'this', 'year', 'years', 'last', 'past', 'five', 'plan', 'fyp', 'period', 'st', 'nd', 'rd', 'th', 'months', 'quarter',
  'half', 'and', 'first', 'percent', 'per', 'from', 'des', 'jahr', 'jahre', 'jahren', 'jahres', 'dieses', 'diesem', 'laufenden',
  'vorjahr', 'vorjahres', 'letzten', 'letztes', 'vergangenes', 'vergangenen', 'fünfjahresplan', 'periode', 'monaten', 'monate',
  'quartal', 'halbjahr', 'jahreshälfte', 'im', 'und', 'ersten', 'prozent', 'von',
];

/** Every word the grammar knows, in either language. */
const KNOWN_WORDS: Set<string> = (() => {
  const all = new Set<string>(GRAMMAR_WORDS);
  for (const lang of ['en', 'de'] as const) {
    const v = VOCABULARY[lang];
    for (const m of v.months.keys()) all.add(m);
    for (const n of v.numbers.keys()) all.add(n);
    for (const [seq] of v.leads) for (const w of seq) all.add(w);
    for (const set of [v.rangeSeparators, v.comparison, v.fillers, v.samePeriod, v.coreStarts]) for (const w of set) all.add(w);
    for (const w of ORDINAL_WORDS[lang].keys()) all.add(w);
  }
  for (const w of CHANGE_VERBS) all.add(w);
  return all;
})();

const QUOTE_CODES: Set<number> = new Set([...QUOTES].map((q) => q.charCodeAt(0)));
/** QUOTE_CODES below U+0100 as a table: most punctuation ('.', ',', '%') is there, and a lookup beats a Set's. */
const LATIN_QUOTES = new Uint8Array(0x100);
for (const q of QUOTE_CODES) if (q < 0x100) LATIN_QUOTES[q] = 1;

function isQuoteCode(c: number): boolean {
  return c < 0x100 ? LATIN_QUOTES[c] === 1 : QUOTE_CODES.has(c);
}

/** What a known word can start in a language (Tokens.starts): a core and/or a group of leads. */
function startBits(v: Vocabulary, word: string): number {
  return (v.coreStarts.has(word) ? CORE_START : 0) | (((v.leadGroup.get(word) ?? -1) + 1) << LEAD_SHIFT);
}

/**
 * Known words recognised while a word is scanned, one table lookup per character, without
 * slicing or lowercasing it. A state pairs where the word stands in the trie of
 * KNOWN_WORDS spelled out (as toLowerCase would spell it) with where its prefix key stands
 * in the trie of their prefix keys (keyCodes of the first KEY_LENGTH characters, leading
 * zeros dropped as the packed number drops them, so that KNOWN is exactly "the word's
 * prefix key is a known word's") and how many characters the key has read.
 */
const WORD_DEAD = 0;
const WORD_START = 1;
const WORD_DE_SHIFT = 8;
/** Flag of a state whose prefix key is a known word's. */
const WORD_KNOWN = 1 << 16;

class WordAutomaton {
  private readonly table: Uint16Array;
  private readonly words: Array<string | null>;
  private readonly flags: Uint32Array;

  constructor(known: Iterable<string>) {
    // Spelling trie by symbol (node 0 dead, 1 root) and key trie by key code (node 0 root).
    const spell: Array<Array<number | undefined>> = [[], []];
    const spelled: Array<string | null> = [null, null];
    const keys: Array<Array<number | undefined>> = [[]];
    const keyEnds: boolean[] = [false];
    for (const w of known) {
      let node = 0;
      for (let k = 0; k < w.length && k < KEY_LENGTH; k++) {
        const code = keyCode(w.charCodeAt(k));
        if (node === 0 && code === 0) continue;
        let next = keys[node][code];
        if (next === undefined) {
          next = keys.push([]) - 1;
          keyEnds.push(false);
          keys[node][code] = next;
        }
        node = next;
      }
      keyEnds[node] = true;
      // Punctuation in the vocabulary ("-", ":") is never a word token: it has a key only.
      if (![...w].every((ch) => ch.length === 1 && SYMBOL[ch.charCodeAt(0)] !== 0 && ch === ch.toLowerCase())) continue;
      node = 1;
      for (let k = 0; k < w.length; k++) {
        const sym = SYMBOL[w.charCodeAt(k)];
        let next = spell[node][sym];
        if (next === undefined) {
          next = spell.push([]) - 1;
          spelled.push(null);
          spell[node][sym] = next;
        }
        node = next;
      }
      spelled[node] = w;
    }
    // The product automaton, built breadth-first from the start state; [spell node, key node or -1, key length].
    const states: Array<[number, number, number]> = [[0, -1, 0], [1, 0, 0]];
    // States by number, [spell node, key node + 1, key length] packed (key lengths stay below KEY_LENGTH + 1).
    const stateId = (sp: number, key: number, length: number) => (sp * (keys.length + 1) + key + 1) * (KEY_LENGTH + 1) + length;
    const ids = new Map<number, number>([[stateId(0, -1, 0), WORD_DEAD], [stateId(1, 0, 0), WORD_START]]);
    // Grown by doubling: a plain array pushed to a few hundred thousand times was most of the module's load time.
    let table = new Uint16Array(1 << 16);
    let used = 0;
    const words: Array<string | null> = [];
    const flags: number[] = [];
    for (let st = 0; st < states.length; st++) {
      const [sp, key, length] = states[st];
      const word = spelled[sp];
      words.push(word);
      flags.push((word === null ? 0 : startBits(VOCABULARY.en, word) | (startBits(VOCABULARY.de, word) << WORD_DE_SHIFT)) | (key >= 0 && keyEnds[key] ? WORD_KNOWN : 0));
      for (let sym = 0; sym < SYMBOLS; sym++) {
        let next = WORD_DEAD;
        if (st !== WORD_DEAD) {
          const sp2 = sp !== 0 && sym !== 0 ? spell[sp][sym] ?? 0 : 0;
          let key2 = key;
          let length2 = length;
          if (key >= 0 && length < KEY_LENGTH) {
            const code = SYMBOL_KEY_CODE[sym];
            key2 = key === 0 && code === 0 ? 0 : keys[key][code] ?? -1;
            length2 = length + 1;
          }
          if (key2 < 0) length2 = 0;
          if (sp2 !== 0 || key2 >= 0) {
            const id = stateId(sp2, key2, length2);
            next = ids.get(id) ?? -1;
            if (next < 0) {
              next = states.push([sp2, key2, length2]) - 1;
              ids.set(id, next);
            }
          }
        }
        if (used === table.length) table = grown(table, table.length * 2);
        table[used++] = next;
      }
    }
    if (states.length > 0xffff) throw new Error('the word automaton outgrew its table');
    this.table = table.slice(0, used);
    this.words = words;
    this.flags = Uint32Array.from(flags);
  }

  /** The state after reading a character of symbol `sym` in `state` (WORD_DEAD stays dead). */
  next(state: number, sym: number): number {
    return this.table[state * SYMBOLS + sym];
  }

  /** The known word spelled out to `state`, or null. */
  word(state: number): string | null {
    return this.words[state];
  }

  /** True if a word ending in `state` has a known word's prefix key. */
  known(state: number): boolean {
    return (this.flags[state] & WORD_KNOWN) !== 0;
  }

  /** Tokens.starts of the word at `state` in English, or (shift WORD_DE_SHIFT) German. */
  starts(state: number, shift: number): number {
    return (this.flags[state] >> shift) & 0xff;
  }
}

const WORDS = new WordAutomaton(KNOWN_WORDS);

const READERS: Record<Lang, Reader> = { en: new Reader(scratch, 'en'), de: new Reader(scratch, 'de') };

/** Dates and periods named in text[start, end) in the given language. `today` (ISO YYYY-MM-DD) resolves "this year", "last year", "as of July this year"; `published`-style anchors are the caller's business (it passes today). */
export function findTimeMentions(text: string, start: number, end: number, lang: Lang, today: string): TimeMention[] {
  const day = parseToday(today);
  const tokens = tokenize(text, start, end, lang);
  // One reader per language over the shared tokens (calls are synchronous).
  const reader = READERS[lang];
  reader.t = day;
  const mentions: TimeMention[] = [];
  const starts = tokens.starts;
  let i = 0;
  while (i < reader.length) {
    const can = starts[i];
    if (can === 0) {
      i++;
      continue;
    }
    let found: { first: number; core: Core; kind: LeadKind | null } | null = null;
    if (can >> LEAD_SHIFT !== 0) {
      const leads = reader.leadsFrom(i);
      for (let k = 0; k < leads.length; k++) {
        const seq = leads[k][0];
        const kind = leads[k][1];
        const at = i + seq.length;
        // A lead counts only before a core, and cores start only at CORE_START tokens.
        if (at >= reader.length || (starts[at] & CORE_START) === 0 || !reader.sequence(i, seq)) continue;
        const ranged = kind === 'between' || kind === 'from';
        const core = reader.core(at, true, kind === 'between');
        // "between"/"from" lead only a range, "on"/"am" only a day; "from 2019" and "on 2020"
        // are left to the comparison check.
        if (core && (ranged ? core.twoEnded : kind !== 'on' || core.range.start === core.range.end)) {
          found = { first: i, core, kind: ranged ? null : kind };
          break;
        }
      }
    }
    if (!found && can & CORE_START) {
      const core = reader.core(i, false, false);
      if (core) found = { first: i, core, kind: null };
    }
    if (!found) {
      i++;
      continue;
    }
    if (!(found.core.comparable && reader.comparedWith(found.first))) {
      const [s, e] = reader.span(found.first, found.core.end);
      mentions.push({ start: s, end: e, range: reader.apply(found.kind, found.core.range) });
    }
    i = found.core.end;
  }
  return mentions;
}
