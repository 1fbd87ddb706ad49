// Figure recognition: finds the numbers a draft states as facts (counts, money, percentages,
// fractions, ranks, multiples) in English or German prose, and leaves alone the numbers that
// are part of names, dates, times, list markers, phone numbers, versions and measurements.
// One hand-written tokenizer pass, then a left-to-right parse over the tokens that looks at a
// bounded number of tokens around each position, so the whole scan is linear in the input.
// Most tokens cannot start a figure (each distinct word is classified once): the parse passes
// them over without reading around them.
//
// Choices worth knowing:
// - precision: the place value of the last digit written, times the scale ("US$32.08 billion" →
//   10^7); a number in words is exact to its last non-zero place ("three hundred" → 100); a
//   fraction ("one-tenth", "1/2") is an exact ratio, so its precision is 1e-9 (float tolerance).
// - IP addresses, versions and digit dates ("192.168.1.2", "1.10.2021") are one chain and no figure.
// - A bare "one"/"ein" counts only with a scale, unit or fraction ("one million", "ein Drittel").
// - "$" and "dollar" are USD, "¥" is CNY: the domain is Chinese cities reported in English and German.
// - Ordinals are figures only in rank constructions ("ranked fifth", "Platz fünf", "fifth among 296").
import type { Approx, Figure, FigureKind, Lang, NumberStyle } from './types';
import {
  englishDenominator, englishOrdinal, englishOrdinalWords, englishSmall, englishSmallWords, germanDenominator, germanNumber, germanOrdinal,
  moneyScaleWord, scaleWord, VULGAR_FRACTIONS,
} from './numberWords';
import { endsQualifier, MAX_QUALIFIER_WORDS, qualifierApprox } from './qualifiers';
import { currencyCode, currencyNames, currencySymbols, minorUnitDigits } from './currencies';
import { grown } from './typedArrays';

// ---------------------------------------------------------------- tokens

type TokType = 'num' | 'word' | 'sym' | 'opaque';
interface Tok {
  type: TokType;
  start: number;
  end: number;
  text: string;
  lc: string;
  /** Whitespace stands right before the token. */
  sp: boolean;
  /** Where the whitespace before the token starts (= start where glued). */
  gapStart: number;
  /** A line break lies between the previous token and this one (or it starts the range). */
  lineStart: boolean;
}

const NUM = 0;
const WORD = 1;
const SYM = 2;
const OPAQUE = 3;
const TYPES: readonly TokType[] = ['num', 'word', 'sym', 'opaque'];
const LINE_START = 1;
/**
 * A figure may start at the token (a number, a word some parser accepts first, a currency sign);
 * any other token is passed over at once, unless it is a sign right before a number.
 */
const CUE = 2;
/** TokInfo.cue bits: a figure may start at the word in English, in German. */
const CUE_EN = 1;
const CUE_DE = 2;

/**
 * The tokens of a range as parallel arrays, without an object per token: the parser makes Tok
 * objects only for the few tokens it reads around a cue. One buffer is kept for the next call.
 */
class TokenBuffer {
  n = 0;
  type: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  gapStart: Int32Array;
  flags: Uint8Array;
  /** The word or symbol of the token (numbers and opaque tokens are cut from the text); for a word that starts nothing, looked up when first read. */
  info: Array<TokInfo | undefined>;
  /** The hash of a word's characters, to look it up later. */
  hash: Int32Array;

  constructor(public capacity: number) {
    this.type = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.gapStart = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.info = new Array<TokInfo | undefined>(capacity).fill(undefined);
    this.hash = new Int32Array(capacity);
  }

  /** Room for `tokens` tokens, made before a scan so that the tokenizer writes without checking. */
  reserve(tokens: number): void {
    if (tokens <= this.capacity) return;
    let capacity = this.capacity * 2;
    while (capacity < tokens) capacity *= 2;
    this.type = grown(this.type, capacity);
    this.start = grown(this.start, capacity);
    this.end = grown(this.end, capacity);
    this.gapStart = grown(this.gapStart, capacity);
    this.flags = grown(this.flags, capacity);
    this.hash = grown(this.hash, capacity);
    for (let k = this.capacity; k < capacity; k++) this.info.push(undefined);
    this.capacity = capacity;
  }
}
/** The buffer kept for the next call, for ranges up to this many characters. */
let spareBuffer: TokenBuffer | undefined;
const MAX_SPARE_TOKENS = 1 << 16;

const LETTER = /[\p{L}\p{M}]/u;
/** Classes of UTF-16 code units, for the tokenizer's one table lookup per unit. */
const C_UNKNOWN = 0;
const C_LETTER = 1;
const C_DIGIT = 2;
const C_OTHER = 3;
/** Space, tab, form feed, vertical tab, no-break, thin, narrow no-break and figure space. */
const C_SPACE = 4;
/** Line feed and carriage return: spaces that also start a line. */
const C_BREAK = 5;
/** Per code unit: its class; units above ASCII are classified on first sight (LETTER runs once per unit). */
const charClass = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  charClass[c] = ((c | 0x20) - 0x61) >>> 0 < 26 ? C_LETTER : c >= 48 && c <= 57 ? C_DIGIT : C_OTHER;
}
for (const c of [32, 9, 11, 12, 0xa0, 0x2009, 0x202f, 0x2007]) charClass[c] = C_SPACE;
charClass[10] = charClass[13] = C_BREAK;
function classify(c: number): number {
  return (charClass[c] = LETTER.test(String.fromCharCode(c)) ? C_LETTER : C_OTHER);
}
function classOf(c: number): number {
  const k = charClass[c];
  return k === C_UNKNOWN ? classify(c) : k;
}
function isLetterCode(c: number): boolean {
  return classOf(c) === C_LETTER;
}
const isLetter = (c: string) => c.length > 0 && isLetterCode(c.charCodeAt(0));
function isSpaceCode(c: number): boolean {
  return charClass[c] >= C_SPACE;
}

function tokenize(text: string, from: number, to: number, lang: Lang, buf: TokenBuffer): void {
  const cueBit = lang === 'en' ? CUE_EN : CUE_DE;
  const filter = lang === 'en' ? englishStartFilter() : undefined;
  // At most one token per code unit: with the room made first, tokens are written without checks.
  buf.reserve(to - from);
  const { type, start, end, gapStart: gaps, flags, info: infos, hash } = buf;
  let n = 0;
  let i = from;
  let gapStart = from;
  let lineStart = LINE_START;
  // The run of non-space characters being read: where it starts, its first token and the gap before it.
  let runStart = -1;
  let runTok = 0;
  let runGapStart = from;
  let runLineStart = LINE_START;
  // False once a lone high surrogate has taken a space along: the run as first scanned ended there.
  let runOpen = true;
  while (i < to) {
    const c = text.charCodeAt(i);
    let k = charClass[c];
    if (k === C_UNKNOWN) k = classify(c);
    if (k >= C_SPACE) {
      if (k === C_BREAK) lineStart = LINE_START;
      i++;
      runStart = -1;
      continue;
    }
    if (runStart < 0) {
      runStart = i;
      runTok = n;
      runGapStart = gapStart;
      runLineStart = lineStart;
      runOpen = true;
    }
    let e = i + 1;
    let opaque = false;
    if (k === C_LETTER) {
      if (c === 119 /* w */ && i === runStart && text.startsWith('www.', i)) opaque = true;
      else {
        // The hash is of the letters with bit 5 set (ASCII lower case), so the start filter can read it.
        let h = c | 0x20;
        // All code units or'ed: below 0x80 for ASCII letters only, bit 5 clear for capitals only.
        let bits = c;
        while (e < to) {
          const d = text.charCodeAt(e);
          const kd = charClass[d];
          if (kd !== C_LETTER && (kd !== C_UNKNOWN || classify(d) !== C_LETTER)) break;
          h = (Math.imul(h, 31) + (d | 0x20)) | 0;
          bits |= d;
          e++;
        }
        type[n] = WORD;
        start[n] = i;
        end[n] = e;
        gaps[n] = gapStart;
        hash[n] = h;
        if (filter !== undefined && bits < 0x80 && (filter[(h & (START_FILTER_BITS - 1)) >> 3] & (1 << (h & 7))) === 0
          && ((bits & 0x20) !== 0 || (e - i !== 3 && e - i !== 4))) {
          // Not a start word and no currency code in capitals: looked up only if the parser reads it.
          flags[n] = lineStart;
          infos[n++] = undefined;
        } else {
          const info = knownText(text, i, e, h, true);
          flags[n] = lineStart | ((info.cue & cueBit) !== 0 ? CUE : 0);
          infos[n++] = info;
        }
      }
    } else if (k === C_DIGIT) {
      while (e < to && charClass[text.charCodeAt(e)] === C_DIGIT) e++;
      type[n] = NUM;
      start[n] = i;
      end[n] = e;
      gaps[n] = gapStart;
      flags[n] = lineStart | CUE;
      infos[n++] = undefined;
    } else {
      // A lone high surrogate takes the next code unit along, which may be the "@" or ":" of an address.
      const pair = c >= 0xd800 && c <= 0xdbff && e < to;
      if (runOpen && (opensAddress(text, i, c) || (pair && opensAddress(text, i + 1, text.charCodeAt(i + 1))))) opaque = true;
      else {
        if (pair) {
          if (isSpaceCode(text.charCodeAt(e))) runOpen = false;
          e++;
        }
        const info = knownText(text, i, e, pair ? (Math.imul(c, 31) + text.charCodeAt(i + 1)) | 0 : c, false);
        type[n] = SYM;
        start[n] = i;
        end[n] = e;
        gaps[n] = gapStart;
        flags[n] = lineStart | (info.cue !== 0 ? CUE : 0);
        infos[n++] = info;
      }
    }
    if (opaque) {
      // URLs and e-mail addresses are one opaque token: no figure inside them counts.
      e = i;
      while (e < to && !isSpaceCode(text.charCodeAt(e))) e++;
      n = runTok;
      type[n] = OPAQUE;
      start[n] = runStart;
      end[n] = e;
      gaps[n] = runGapStart;
      flags[n] = runLineStart;
      infos[n++] = undefined;
    }
    lineStart = 0;
    gapStart = e;
    i = e;
  }
  buf.n = n;
}

/** "@" or "://" at k (c is the code unit at k). */
function opensAddress(text: string, k: number, c: number): boolean {
  return c === 64 || (c === 58 && text.startsWith('://', k));
}

// ---------------------------------------------------------------- word tables

/** Bits of the phrase tables, for TokInfo.opens. */
const OPENS_CURRENCY_BEFORE = 1;
const OPENS_CURRENCY_AFTER_EN = 2;
const OPENS_CURRENCY_AFTER_DE = 4;
const OPENS_PERCENT_EN = 8;
const OPENS_PERCENT_DE = 16;

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'januar', 'jänner', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'okt', 'dez',
]);
/** Currency written before the number, keyed by normalised tokens ("us$", "hk $", "rmb"). */
const CURRENCY_BEFORE = new Map<string, string>([
  ['$', 'USD'], ['us$', 'USD'], ['us $', 'USD'], ['u.s. $', 'USD'], ['u.s.$', 'USD'], ['usd', 'USD'], ['usd$', 'USD'], ['usd $', 'USD'],
  ['hk$', 'HKD'], ['hk $', 'HKD'], ['hkd', 'HKD'], ['c$', 'CAD'], ['c $', 'CAD'], ['cad', 'CAD'], ['cad$', 'CAD'],
  ['a$', 'AUD'], ['aud', 'AUD'], ['aud$', 'AUD'], ['nz$', 'NZD'], ['nzd', 'NZD'], ['nzd$', 'NZD'],
  ['s$', 'SGD'], ['sgd', 'SGD'], ['mex$', 'MXN'], ['mxn$', 'MXN'], ['mxn', 'MXN'],
  ['€', 'EUR'], ['eur', 'EUR'], ['£', 'GBP'], ['gbp', 'GBP'], ['¥', 'CNY'], ['￥', 'CNY'], ['rmb', 'CNY'], ['cny', 'CNY'],
  ['jpy', 'JPY'], ['chf', 'CHF'], ['inr', 'INR'], ['₹', 'INR'], ['sek', 'SEK'], ['krw', 'KRW'], ['₩', 'KRW'],
]);
/**
 * Currency written after the number. A bare "dollar" or "$" is taken as USD and "¥" as CNY:
 * in this product's domain (Chinese cities reported in English and German) that is what they mean.
 */
const CURRENCY_AFTER: Record<Lang, Map<string, string>> = {
  en: new Map([
    ['dollars', 'USD'], ['dollar', 'USD'], ['us dollars', 'USD'], ['us dollar', 'USD'], ['u.s. dollars', 'USD'], ['u.s. dollar', 'USD'],
    ['american dollars', 'USD'], ['usd', 'USD'], ['$', 'USD'], ['hong kong dollars', 'HKD'], ['hkd', 'HKD'],
    ['canadian dollars', 'CAD'], ['australian dollars', 'AUD'], ['new zealand dollars', 'NZD'], ['singapore dollars', 'SGD'],
    ['yuan', 'CNY'], ['元', 'CNY'], ['chinese yuan', 'CNY'], ['rmb', 'CNY'], ['cny', 'CNY'], ['renminbi', 'CNY'], ['yuan renminbi', 'CNY'], ['¥', 'CNY'],
    ['euro', 'EUR'], ['euros', 'EUR'], ['eur', 'EUR'], ['€', 'EUR'], ['£', 'GBP'], ['gbp', 'GBP'], ['pounds', 'GBP'],
    ['pounds sterling', 'GBP'], ['british pounds', 'GBP'], ['yen', 'JPY'], ['japanese yen', 'JPY'], ['jpy', 'JPY'],
    ['swiss francs', 'CHF'], ['chf', 'CHF'], ['rupees', 'INR'], ['indian rupees', 'INR'], ['inr', 'INR'], ['won', 'KRW'],
  ]),
  de: new Map([
    ['dollar', 'USD'], ['us-dollar', 'USD'], ['us dollar', 'USD'], ['usd', 'USD'], ['$', 'USD'], ['amerikanische dollar', 'USD'],
    ['hongkong-dollar', 'HKD'], ['hkd', 'HKD'], ['kanadische dollar', 'CAD'], ['kanadischen dollar', 'CAD'], ['australische dollar', 'AUD'],
    ['yuan', 'CNY'], ['元', 'CNY'], ['renminbi', 'CNY'], ['rmb', 'CNY'], ['cny', 'CNY'], ['¥', 'CNY'],
    ['euro', 'EUR'], ['eur', 'EUR'], ['€', 'EUR'], ['£', 'GBP'], ['gbp', 'GBP'], ['pfund', 'GBP'], ['pfund sterling', 'GBP'],
    ['yen', 'JPY'], ['jpy', 'JPY'], ['franken', 'CHF'], ['schweizer franken', 'CHF'], ['chf', 'CHF'], ['rupien', 'INR'], ['indische rupien', 'INR'],
  ]),
};
/** The tables above, completed from the platform's currency names and symbols (the tables win). */
const mergedAfter: Partial<Record<Lang, PhraseTable<string>>> = {};
let mergedBefore: PhraseTable<string> | undefined;
function currencyAfterTable(lang: Lang): PhraseTable<string> {
  return (mergedAfter[lang] ??= phraseTable(new Map([...currencyNames(lang), ...currencySymbols(), ...CURRENCY_AFTER[lang]]),
    lang === 'en' ? OPENS_CURRENCY_AFTER_EN : OPENS_CURRENCY_AFTER_DE));
}
function currencyBeforeTable(): PhraseTable<string> {
  return (mergedBefore ??= phraseTable(new Map([...currencySymbols(), ...CURRENCY_BEFORE]), OPENS_CURRENCY_BEFORE));
}
/** Words for a currency's hundredth part, read only after a whole amount ("3 dollars 50 cents"). */
const MINOR_UNITS = new Set(['cent', 'cents', 'penny', 'pence', 'rappen']);
const PERCENT_AFTER: Record<Lang, PhraseTable<'percent' | 'percentagePoints'>> = {
  en: phraseTable(new Map([
    ['%', 'percent'], ['percent', 'percent'], ['per cent', 'percent'], ['percentage', 'percent'], ['percents', 'percent'], ['pct', 'percent'],
    ['percentage points', 'percentagePoints'], ['percentage point', 'percentagePoints'], ['pp', 'percentagePoints'], ['% points', 'percentagePoints'],
  ]), OPENS_PERCENT_EN),
  de: phraseTable(new Map([
    ['%', 'percent'], ['prozent', 'percent'], ['v. h.', 'percent'], ['v.h.', 'percent'], ['vh', 'percent'],
    ['prozentpunkte', 'percentagePoints'], ['prozentpunkten', 'percentagePoints'], ['prozentpunkt', 'percentagePoints'], ['%-punkte', 'percentagePoints'],
  ]), OPENS_PERCENT_DE),
};
/** Units of measure: a number with one of these is a measurement, which factlint does not check. */
const MEASURES = new Set([
  'km', 'cm', 'mm', 'kg', 'mg', 'g', 't', 'ml', 'l', 'inch', 'inches', 'ft', 'feet', 'foot', 'mile', 'miles', 'metre', 'metres',
  'meter', 'meters', 'kilometre', 'kilometres', 'kilometer', 'kilometers', 'square', 'sq', 'hectares', 'hectare', 'ha', 'acres',
  'tons', 'tonnes', 'ton', 'tonne', 'kw', 'mw', 'gw', 'kwh', 'gb', 'mb', 'tb', 'nm', 'degrees', '°', '°c', 'mu', 'teu', 'sqm',
  'quadratkilometer', 'quadratmeter', 'kilometern', 'metern', 'tonnen', 'zoll', 'hektar', 'grad', 'liter', 'kilogramm',
]);
/** Words after which a number is a name part or an identifier, not an amount. */
const ID_BEFORE = new Set(['top', 'no', 'nr', 'no.', 'nr.', 'number', 'nummer', 'version', 'v', 'article', 'section', 'chapter', 'page',
  'artikel', 'kapitel', 'abschnitt', 'seite', 'paragraph', 'grade', 'level', 'phase', 'route', 'line', 'linie', 'fortune',
  'figure', 'fig', 'table', 'exhibit', 'appendix', 'annex', 'room', 'abbildung', 'abb', 'tabelle', 'anhang', 'raum', 'zimmer']);
/** Superlatives after which "the 500" names a ranking list ("the 500 largest companies"). */
const LIST_AFTER = new Set(['largest', 'biggest', 'best', 'top', 'leading', 'richest', 'größten', 'grössten', 'besten', 'wichtigsten',
  'stärksten', 'führenden', 'umsatzstärksten', 'reichsten']);
/** Nouns that, after "the N", make the number a name ("the 33618 system"). */
const NAME_HEADS = new Set(['system', 'model', 'series', 'plan', 'street', 'road', 'strategy', 'project', 'programme', 'program',
  'initiative', 'policy', 'formula', 'framework', 'pattern', 'layout', 'structure', 'campaign']);
const TIME_AFTER = new Set(['am', 'pm', 'a.m.', 'p.m.', 'uhr', "o'clock", 'o’clock', 'h']);
/** Capitalised words that commonly open a sentence or stand before a number without naming anything. */
const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'of', 'to', 'from', 'with', 'and', 'or', 'but', 'since', 'until', 'after', 'before',
  'only', 'just', 'all', 'some', 'about', 'over', 'nearly', 'almost', 'around', 'approximately', 'roughly', 'more', 'less', 'than',
  'this', 'that', 'these', 'those', 'its', 'their', 'our', 'total', 'between', 'among', 'another', 'each', 'every', 'also',
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'im', 'am', 'um', 'auf', 'mit', 'von', 'vom', 'zu', 'zum', 'zur', 'bei',
  'seit', 'bis', 'nach', 'vor', 'und', 'oder', 'aber', 'nur', 'rund', 'etwa', 'über', 'fast', 'knapp', 'mehr', 'weniger', 'als',
  'insgesamt', 'damit', 'dies', 'diese', 'dieser', 'es', 'er', 'sie', 'wir', 'jahr', 'jahre', 'jahren', 'ende', 'anfang', 'mitte',
  'year', 'end', 'beginning', 'early', 'late', 'mid', 'fiscal', 'fy', 'q1', 'q2', 'q3', 'q4', 'platz', 'rang',
]);
/** Words that can open a German sentence after a number ending the previous one ("… auf 322. Das …"). */
const DE_SENTENCE_OPENERS = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'es', 'er', 'sie', 'wir', 'ich', 'man',
  'im', 'in', 'am', 'an', 'auf', 'aus', 'bei', 'mit', 'nach', 'seit', 'von', 'vor', 'zu', 'zum', 'zur', 'damit', 'dabei', 'dazu',
  'dies', 'diese', 'dieser', 'dieses', 'dort', 'hier', 'so', 'auch', 'aber', 'und', 'oder', 'doch', 'denn', 'als', 'wie', 'wenn',
  'insgesamt', 'außerdem', 'zudem', 'davon', 'darunter', 'gleichzeitig', 'heute', 'jetzt', 'nun', 'damals', 'somit', 'laut', 'allein',
  'mehr', 'rund', 'etwa', 'über', 'fast', 'knapp', 'bis', 'ab', 'für', 'gegen', 'um', 'unter', 'zwischen', 'während']);
// Not "had"/"hatte": "had 1988 sales" names the year of the sales.
const COUNT_VERBS = new Set(['dispatched', 'with', 'employs', 'employed', 'reached', 'exported', 'handled',
  'registered', 'opened', 'launched', 'attracted', 'hosted', 'built', 'added', 'sold', 'operated', 'ran', 'saw', 'totalled', 'totaled',
  'insgesamt', 'mit', 'wurden', 'waren', 'sind', 'zählte', 'beschäftigt']);
const RANK_TRIGGERS: Record<Lang, Set<string>> = {
  en: new Set(['ranked', 'ranking', 'ranks', 'rank', 'placed', 'came', 'finished']),
  de: new Set(['platz', 'rang', 'rangplatz', 'position']),
};
const RANK_OF: Record<Lang, Set<string>> = { en: new Set(['among', 'of', 'out']), de: new Set(['von', 'unter']) };
const MULTIPLE_CUES = new Set(['as', 'more', 'higher', 'larger', 'bigger', 'greater', 'the', 'that', 'so']);
const EN_ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
/**
 * Scale letters glued to digits, case-sensitive: "10M" is ten million but "1m" is a metre,
 * "1.2b"/"1.2B" a billion; "mil" and "MM" are finance shorthand for million.
 */
const GLUED_SCALES = new Map<string, number>([['M', 1e6], ['MM', 1e6], ['mil', 1e6], ['b', 1e9], ['B', 1e9]]);
const DASHES = new Set(['-', '–', '—', '‑']);
const OPEN_QUOTES = new Set(['"', '“', '„', '«', '»', '‘', "'", '‚', '‹', '›', '”']);
const CLOSE_QUOTES = new Set(['"', '”', '“', '«', '»', '’', "'", '‘', '‹', '›']);

// ---------------------------------------------------------------- which tokens may start a figure

/** A word or symbol as written, its lower-case form and whether, in each language, a figure may start at it. */
interface TokInfo {
  text: string;
  lc: string;
  /** CUE_EN, CUE_DE: whether, in each language, a figure may start at it. */
  cue: number;
  /** The phrase tables (OPENS_… bits) that have a phrase opening with this word or symbol. */
  opens: number;
}
/**
 * The words and symbols seen so far, in an open-addressed table probed with a hash of their
 * characters: a text already known costs neither a substring nor a lower-casing. Small, to
 * stay in the processor's cache; when half full (a draft has a few hundred to a few thousand
 * distinct words) or out of room for characters, it starts afresh.
 */
const SLOTS = 1 << 13;
/** Per slot: the hash with its lowest bit set, 0 where the slot is free (a small array, read first). */
const slotHash = new Int32Array(SLOTS);
/** Per slot: where its characters start in `slotChars`, and how many there are. */
const slotAt = new Int32Array(SLOTS);
const slotLength = new Int32Array(SLOTS);
const slotInfo: Array<TokInfo | undefined> = new Array<TokInfo | undefined>(SLOTS).fill(undefined);
/** The characters of the texts in the table, compared with the document's as numbers. */
const slotChars = new Uint16Array(1 << 16);
let slotsUsed = 0;
let charsUsed = 0;
/** Longer texts are read afresh each time: the table's characters stay bounded. */
const MAX_KEPT_LENGTH = 64;

/** The info of text[s, e) (hash h of its characters), a word or else a symbol. */
function knownText(text: string, s: number, e: number, h: number, word: boolean): TokInfo {
  const length = e - s;
  const tag = h | 1;
  let k = h & (SLOTS - 1);
  for (let at = slotHash[k]; at !== 0; at = slotHash[k]) {
    if (at === tag && slotLength[k] === length) {
      let p = slotAt[k];
      let q = s;
      while (q < e && slotChars[p] === text.charCodeAt(q)) {
        p++;
        q++;
      }
      if (q === e) return slotInfo[k]!;
    }
    k = (k + 1) & (SLOTS - 1);
  }
  const t = copyOf(text, s, e);
  const info = word ? wordInfo(t) : symbolInfo(t);
  if (length > MAX_KEPT_LENGTH) return info;
  if (slotsUsed >= SLOTS / 2 || charsUsed + length > slotChars.length) {
    slotHash.fill(0);
    slotInfo.fill(undefined);
    slotsUsed = 0;
    charsUsed = 0;
    k = h & (SLOTS - 1);
  }
  slotHash[k] = tag;
  slotAt[k] = charsUsed;
  slotLength[k] = length;
  for (let q = s; q < e; q++) slotChars[charsUsed++] = text.charCodeAt(q);
  slotInfo[k] = info;
  slotsUsed++;
  return info;
}

/** text[s, e) as a string of its own: a slice of 13 or more characters would keep the whole document alive in the table. */
function copyOf(text: string, s: number, e: number): string {
  let copy = '';
  for (let k = s; k < e; k++) copy += text[k];
  return copy;
}

/** The phrase tables whose phrases can open with this lower-cased word or symbol, as bits. */
function opening(lc: string): number {
  let bits = 0;
  for (const table of [currencyBeforeTable(), currencyAfterTable('en'), currencyAfterTable('de'), PERCENT_AFTER.en, PERCENT_AFTER.de]) {
    if (table.heads.has(lc)) bits |= table.bit;
  }
  return bits;
}

function wordInfo(w: string): TokInfo {
  const lc = w.toLowerCase();
  return { text: w, lc, cue: (wordMayStart(w, lc, 'en') ? CUE_EN : 0) | (wordMayStart(w, lc, 'de') ? CUE_DE : 0), opens: opening(lc) };
}

/** Symbols are never lower-cased ("Ⓐ" has a lower case but is no letter); letters and symbols never share a text. */
function symbolInfo(s: string): TokInfo {
  const opens = opening(s);
  const cue = (opens & OPENS_CURRENCY_BEFORE) !== 0 || VULGAR_FRACTIONS.has(s);
  return { text: s, lc: s, cue: cue ? CUE_EN | CUE_DE : 0, opens };
}

/** Signs that open a figure right before digits: "+86 …" (skipped), "-4", "−4", ".08". */
const SIGNS_BEFORE_DIGITS = new Set(['+', '-', '−', '.']);

const GERMAN_WORD_STARTS = new Set(['hälfte', 'haelfte', 'anderthalb', 'eineinhalb', 'einundhalb', 'dreiviertel',
  'ein', 'eine', 'einen', 'einem', 'einer']);

/**
 * Whether `Scanner.at` can read anything starting at this word; where not, it returns the next
 * index at once. A superset of the first step of each reader: rankAt (trigger or ordinal),
 * multipleAt ("twice", a small number before "times", "doppelt", "dreimal"), currencyBefore
 * (a phrase or an ISO code), the minus words, englishWords/englishFraction ("a", a number word,
 * "hundred", a bare "half"/"quarter") and germanWords.
 */
function wordMayStart(w: string, lc: string, lang: Lang): boolean {
  if (currencyCode(w) !== undefined) return true;
  if (lang === 'en') return englishStarts().has(lc);
  if (RANK_TRIGGERS.de.has(lc) || currencyBeforeHeads().has(lc) || lc === 'minus' || lc === 'negative') return true;
  return germanOrdinal(lc) !== undefined || germanNumber(lc) !== undefined || GERMAN_WORD_STARTS.has(lc)
    || lc === 'doppelt' || lc === 'zweimal' || lc.endsWith('mal') || lc.endsWith('einhalb');
}

/** The lower-cased English words wordMayStart accepts besides currency codes: a finite set. */
let enStarts: Set<string> | undefined;
function englishStarts(): Set<string> {
  return (enStarts ??= new Set([...RANK_TRIGGERS.en, ...currencyBeforeHeads(), 'minus', 'negative', ...englishOrdinalWords(),
    ...englishSmallWords(), 'twice', 'a', 'an', 'hundred', 'half', 'quarter']));
}

/**
 * A filter over the hashes (as the tokenizer computes them on lower-cased letters) of the
 * English start words: a word of ASCII letters whose hash is not in it starts nothing in
 * English, unless it is a currency code, so the tokenizer need not look it up at all.
 */
const START_FILTER_BITS = 1 << 14;
let enStartFilter: Uint8Array | undefined;
function englishStartFilter(): Uint8Array {
  if (!enStartFilter) {
    enStartFilter = new Uint8Array(START_FILTER_BITS >> 3);
    for (const w of englishStarts()) {
      let h = 0;
      for (let k = 0; k < w.length; k++) h = k === 0 ? w.charCodeAt(0) | 0x20 : (Math.imul(h, 31) + (w.charCodeAt(k) | 0x20)) | 0;
      enStartFilter[(h & (START_FILTER_BITS - 1)) >> 3] |= 1 << (h & 7);
    }
  }
  return enStartFilter;
}

// ---------------------------------------------------------------- parsed quantities

interface Quantity {
  startTok: number;
  /** Token index after the quantity. */
  next: number;
  start: number;
  end: number;
  value: number;
  precision: number;
  words: boolean;
  dec: '.' | ',';
  group: string;
  /** Integer digits only, no separators, no decimals: a candidate year, list marker or name part. */
  plain: boolean;
  digits: string;
  scale: number;
  scaleWord?: string;
  kind: 'number' | 'fraction' | 'ordinal';
  /** The number word is "one"/"ein"-like: a figure only together with a scale, unit or fraction. */
  weak: boolean;
}

interface Unit {
  kind: FigureKind;
  unit: string | null;
  /** Index of the next token after everything read. */
  next: number;
  end: number;
  currencyText?: string;
  currencyBefore?: boolean;
  percentText?: string;
  /** A factor the currency carries: 10^6 for "MUSD". */
  factor?: number;
}

/**
 * The words a currency-before phrase can open with: its prefixes that end where a word token
 * ends (before a space or a symbol), so "us" (of "us$") but not "in" (of "inr").
 */
let beforeHeads: Set<string> | undefined;
function currencyBeforeHeads(): Set<string> {
  if (!beforeHeads) {
    beforeHeads = new Set();
    for (const key of currencyBeforeTable().map.keys()) {
      for (let n = 1; n <= key.length; n++) if (n === key.length || !isLetterCode(key.charCodeAt(n))) beforeHeads.add(key.slice(0, n));
    }
  }
  return beforeHeads;
}

/**
 * A table of phrases (lower-cased tokens joined by a space where spaced) with every prefix of
 * every key, so that a phrase search stops at the first token that leads nowhere, and the bit
 * that marks, in a word's TokInfo, that a phrase can open with the word.
 */
interface PhraseTable<T> {
  map: Map<string, T>;
  prefixes: Set<string>;
  /** The prefixes that end where a token can end: the texts a first token must have. */
  heads: Set<string>;
  bit: number;
}
function phraseTable<T>(map: Map<string, T>, bit: number): PhraseTable<T> {
  const prefixes = new Set<string>();
  const heads = new Set<string>();
  for (const key of map.keys()) {
    for (let n = 1; n <= key.length; n++) {
      prefixes.add(key.slice(0, n));
      // Two letters on either side of n: no token ends there (a word token takes every letter in a row).
      if (n === key.length || !isLetterCode(key.charCodeAt(n - 1)) || !isLetterCode(key.charCodeAt(n))) heads.add(key.slice(0, n));
    }
  }
  return { map, prefixes, heads, bit };
}

export function findFigures(text: string, lang: Lang, from = 0, to = text.length): Figure[] {
  const start = Math.max(0, from);
  const end = Math.min(text.length, to);
  // A range has at most one token per character: a long one gets a buffer of its own, made once.
  if (end - start > MAX_SPARE_TOKENS) return scan(text, lang, start, end, new TokenBuffer(end - start));
  const buf = spareBuffer ?? new TokenBuffer(1024);
  spareBuffer = undefined; // in use: a call from inside this one would make its own
  try {
    return scan(text, lang, start, end, buf);
  } finally {
    spareBuffer = buf;
  }
}

function scan(text: string, lang: Lang, start: number, end: number, buf: TokenBuffer): Figure[] {
  tokenize(text, start, end, lang, buf);
  return new Scanner(text, lang, buf).run();
}

/**
 * Token objects made so far, direct-mapped by token index modulo MADE_SLOTS (the parsers read a
 * few tokens around each cue), tagged with the scanner that made them.
 */
const MADE_SLOTS = 128;
const made: Array<Tok | undefined> = new Array<Tok | undefined>(MADE_SLOTS).fill(undefined);
const madeAt: number[] = new Array<number>(MADE_SLOTS).fill(-1);
const madeBy: number[] = new Array<number>(MADE_SLOTS).fill(-1);
let scans = 0;

class Scanner {
  private readonly n: number;
  private readonly out: Figure[] = [];
  /** Tags this scanner's tokens in the cache of token objects. */
  private readonly id = scans++;
  private readonly currencyAfter: PhraseTable<string>;

  constructor(private readonly text: string, private readonly lang: Lang, private readonly b: TokenBuffer) {
    this.n = b.n;
    this.currencyAfter = currencyAfterTable(lang);
  }

  run(): Figure[] {
    const { type, flags, info } = this.b;
    const n = this.n;
    let i = 0;
    while (i < n) {
      // Nearly every token starts nothing: pass it over without reading around it.
      if ((flags[i] & CUE) === 0 && !(i + 1 < n && type[i + 1] === NUM && type[i] === SYM && SIGNS_BEFORE_DIGITS.has(info[i]!.text))) {
        i++;
        continue;
      }
      const next = this.at(i);
      i = next > i ? next : i + 1;
    }
    return this.out;
  }

  // ------------------------------------------------------------ helpers

  /** The token at index i (0 <= i < n). */
  private tk(i: number): Tok {
    const k = i & (MADE_SLOTS - 1);
    return madeAt[k] === i && madeBy[k] === this.id ? made[k]! : this.make(i, k);
  }
  private make(i: number, k: number): Tok {
    const b = this.b;
    const type = b.type[i];
    const start = b.start[i];
    const end = b.end[i];
    const gapStart = b.gapStart[i];
    let text: string;
    let lc: string;
    if (type === WORD || type === SYM) {
      const info = this.infoAt(i);
      text = info.text;
      lc = info.lc;
    } else {
      text = lc = this.text.slice(start, end);
    }
    const t: Tok = { type: TYPES[type], start, end, text, lc, sp: gapStart < start, gapStart, lineStart: (b.flags[i] & LINE_START) !== 0 };
    madeAt[k] = i;
    madeBy[k] = this.id;
    made[k] = t;
    return t;
  }
  /** The info of word or symbol token i, looked up now where the tokenizer left it. */
  private infoAt(i: number): TokInfo {
    const b = this.b;
    return b.info[i] ?? (b.info[i] = knownText(this.text, b.start[i], b.end[i], b.hash[i], true));
  }
  private tok(i: number): Tok | undefined {
    return i >= 0 && i < this.n ? this.tk(i) : undefined;
  }
  private glued(i: number): boolean {
    const t = this.tok(i);
    return t !== undefined && !t.sp;
  }
  private gapOf(t: Tok): string {
    return this.text.slice(t.gapStart, t.start);
  }
  /** Whether token i exists, is glued to the one before and is the symbol `sym`; read without making a token object. */
  private gluedSym(i: number, sym: string): boolean {
    const b = this.b;
    return i >= 0 && i < this.n && b.type[i] === SYM && b.gapStart[i] === b.start[i] && b.info[i]!.text === sym;
  }
  /** Whether token i exists, is glued to the one before and is a number; read without making a token object. */
  private gluedNum(i: number): boolean {
    const b = this.b;
    return i >= 0 && i < this.n && b.type[i] === NUM && b.gapStart[i] === b.start[i];
  }
  /** Whether token i is a dash; read without making a token object. */
  private isDash(i: number): boolean {
    return i >= 0 && i < this.n && this.b.type[i] === SYM && DASHES.has(this.b.info[i]!.text);
  }
  /** Whether token i is the word (or symbol) w; w is never digits nor an address. */
  private isWord(i: number, w: string): boolean {
    return this.lcAt(i) === w;
  }
  /** The lower-case text of token i if it is a word or symbol, read without making a token object. */
  private lcAt(i: number): string | undefined {
    if (i < 0 || i >= this.n) return undefined;
    const type = this.b.type[i];
    return type === WORD || type === SYM ? this.infoAt(i).lc : undefined;
  }

  /** The longest phrase of `map` starting at token i (tokens joined by single spaces where spaced). */
  private phrase<T>(i: number, table: PhraseTable<T>, maxToks = 6): { value: T; next: number; key: string } | undefined {
    // Most tokens open no phrase: one bit of the first token's info tells, without making token objects.
    if (i < 0 || i >= this.n) return undefined;
    const type = this.b.type[i];
    if ((type !== WORD && type !== SYM) || (this.infoAt(i).opens & table.bit) === 0) return undefined;
    const { map, prefixes } = table;
    let key = '';
    let best: { value: T; next: number; key: string } | undefined;
    for (let j = i; j < i + maxToks && j < this.n; j++) {
      const t = this.tk(j);
      if (t.type === 'num' || t.type === 'opaque') break;
      if (j > i && t.lineStart) break;
      key += (j > i && t.sp ? ' ' : '') + t.lc;
      // No phrase of the table starts with the words read so far: none can match further on.
      if (!prefixes.has(key)) break;
      const v = map.get(key);
      if (v !== undefined) best = { value: v, next: j + 1, key };
    }
    return best;
  }

  /** Where a sentence starts right before token i (start of range, or after . ! ? : ; or a quote). */
  private sentenceInitial(i: number): boolean {
    const p = this.tok(i - 1);
    return p === undefined || (p.type === 'sym' && '.!?:;()[]"“”„'.includes(p.text)) || this.tk(i).lineStart;
  }

  // ------------------------------------------------------------ figure at a position

  /** Reads whatever starts at token i; returns the token index to continue from. */
  private at(i: number): number {
    const t = this.tk(i);
    if (t.type === 'opaque') return i + 1;
    if (t.type === 'sym' && t.text === '+' && this.tok(i + 1)?.type === 'num' && this.glued(i + 1)) return this.skipChain(i + 1);

    const rank = this.rankAt(i);
    if (rank) return rank;
    const mult = this.multipleAt(i);
    if (mult) return mult;

    // Currency before the number ("US$", "RMB ", "€"); digits open none.
    const cur = t.type === 'num' ? undefined : this.currencyBefore(i);
    let j = cur ? cur.next : i;
    let negative = false;
    const s = this.tok(j);
    if (!s) return i + 1;
    if (s.type === 'sym' && (s.text === '-' || s.text === '−') && this.tok(j + 1)?.type === 'num' && this.glued(j + 1) && (j === 0 || s.sp)) {
      negative = true;
      j++;
    } else if (!cur && (s.lc === 'minus' || s.lc === 'negative') && this.tok(j + 1) && this.tok(j + 1)!.sp) {
      const q = this.quantity(j + 1);
      if (q && q !== 'skip' && q.kind !== 'ordinal') negative = true;
      if (negative) j++;
    }
    const q = this.quantity(j, cur !== undefined);
    if (q === 'skip') return this.skipChain(j);
    if (!q) return cur ? cur.next : i + 1;
    if (q.kind === 'ordinal') return q.next;
    const start = cur || negative ? this.tk(i).start : q.start;
    return this.finish(i, start, q, negative, cur);
  }

  /** Completes a figure from its first quantity: unit, range, filters, qualifier. */
  private finish(firstTok: number, start: number, q: Quantity, negative: boolean, cur?: { code: string; next: number; text: string; factor?: number }): number {
    let unit: Unit | undefined = cur
      ? { kind: 'money', unit: cur.code, next: q.next, end: q.end, currencyText: cur.text, currencyBefore: true, factor: cur.factor }
      : undefined;
    // Scale words that only exist after money ("$5m").
    if (cur && q.scale === 1 && !q.words) {
      const t = this.tok(q.next);
      const f = t && t.type === 'word' ? moneyScaleWord(t.lc) : undefined;
      if (f && !isLetter(this.text[t!.end] ?? '')) {
        q = { ...q, scale: f, scaleWord: t!.text, value: q.value * f, precision: q.precision * f, next: q.next + 1, end: t!.end, plain: false };
        unit = { ...unit!, next: q.next, end: q.end };
      }
    }
    if (!unit) {
      const u = this.unitAfter(q);
      if (u === null) return q.next;
      unit = u;
    }
    if (!unit && q.weak && !negative) return q.next;
    if (!unit && q.scale > 1) unit = this.sharedCurrency(q);
    if (unit?.factor !== undefined) {
      q = { ...q, value: q.value * unit.factor, precision: q.precision * unit.factor, scale: q.scale * unit.factor, plain: false };
    } else if (unit?.kind === 'money' && !unit.currencyBefore && q.scale === 1) {
      // "75 USD million": the scale after the currency.
      const sc = this.scaleAt(unit.next);
      if (sc) {
        q = { ...q, value: q.value * sc.factor, precision: q.precision * sc.factor, scale: sc.factor, scaleWord: sc.text, plain: false };
        unit = { ...unit, next: sc.next, end: sc.end };
      }
    }
    if (unit?.kind === 'money' && unit.unit) {
      const minor = this.minorPart(q, unit.unit, unit.next);
      if (minor) {
        q = { ...q, value: q.value + minor.value, precision: minor.precision, plain: false };
        unit = { ...unit, next: minor.next, end: minor.end };
      }
    }

    let end = unit ? unit.end : q.end;
    let next = unit ? unit.next : q.next;
    const kind: FigureKind = unit ? unit.kind : q.kind === 'fraction' ? 'fraction' : 'count';

    // A range: "5 to 10 %", "zwischen 5 und 10 Prozent", "5–10".
    let rangeTo: number | undefined;
    let value = negative ? -q.value : q.value;
    let precision = q.precision;
    if (!unit && q.kind === 'number' && this.isDate(firstTok, q)) return this.skipDateRange(q.next);
    const range = this.rangeAfter(firstTok, q, unit, next);
    if (range) {
      if (range.q.plain && q.plain && isYear(q) && isYear(range.q)) return range.next;
      if (!unit && range.unit) {
        unit = range.unit;
      }
      if (q.scale === 1 && range.q.scale > 1) {
        value *= range.q.scale;
        precision *= range.q.scale;
      }
      rangeTo = range.q.value;
      end = range.end;
      next = range.next;
    }
    const finalKind: FigureKind = unit ? unit.kind : range ? (range.q.kind === 'fraction' ? 'fraction' : 'count') : kind;

    // What makes a bare number something other than an amount.
    if (!range && q.plain && this.glued(next) && DASHES.has(this.tok(next)?.text ?? '') && this.tok(next + 1)?.type === 'num' && this.glued(next + 1)) {
      return this.skipChain(next); // "50-50", "3-2": scores and pairs, no amounts
    }
    if (!unit && !range && q.kind === 'number' && this.notAnAmount(firstTok, q)) return q.next;
    if (!unit && q.kind === 'number' && this.nameLike(firstTok, q)) return next;

    const qual = this.qualifierBefore(firstTok);
    if (!unit && !range && q.plain && isYear(q) && !this.countContext(firstTok, q, qual !== undefined)) return q.next;

    const style: NumberStyle = {
      words: q.words,
      decimalSeparator: q.dec,
      groupSeparator: q.group,
      scale: q.scale,
    };
    if (q.scaleWord) style.scaleWord = q.scaleWord;
    if (unit?.currencyText) {
      style.currencyText = unit.currencyText;
      style.currencyBefore = unit.currencyBefore;
    }
    if (unit?.percentText !== undefined) style.percentText = unit.percentText;
    const fig: Figure = {
      text: this.text.slice(start, end),
      start,
      end,
      value,
      unit: unit ? unit.unit : null,
      kind: finalKind,
      approx: qual ? qual.approx : null,
      precision,
      lang: this.lang,
      style,
    };
    if (qual) fig.qualifierStart = qual.start;
    if (rangeTo !== undefined) fig.rangeTo = rangeTo;
    this.out.push(fig);
    return next;
  }

  // ------------------------------------------------------------ quantities

  /**
   * A number at token i: digits (with the language's separators, a scale word), number words,
   * or a fraction. 'skip' where the digits belong to a chain that is no amount (phone number,
   * time, date, version, IP address); undefined where nothing numeric starts here.
   */
  private quantity(i: number, afterCurrency = false): Quantity | 'skip' | undefined {
    const q = this.baseQuantity(i, afterCurrency);
    if (!q || q === 'skip' || q.kind === 'ordinal') return q;
    return this.extend(q);
  }

  private baseQuantity(i: number, afterCurrency = false): Quantity | 'skip' | undefined {
    const t = this.tok(i);
    if (!t) return undefined;
    if (t.type === 'num') return this.digits(i, afterCurrency);
    if (t.type === 'sym') {
      const n = this.tok(i + 1);
      // ".08": a decimal without its leading zero.
      if (this.lang === 'en' && t.text === '.' && (i === 0 || t.sp) && n && n.type === 'num' && !n.sp) {
        const after = this.tok(i + 2);
        if (after && !after.sp && (after.type === 'word' || after.type === 'num' || after.text === '.')) return 'skip';
        return { ...this.simple(i, i + 2, Number('.' + n.text), 10 ** -n.text.length, false, 'number'), end: n.end };
      }
      const v = VULGAR_FRACTIONS.get(t.text);
      if (v === undefined) return undefined;
      return this.simple(i, i + 1, v, 1e-9, true, 'fraction');
    }
    if (t.type !== 'word') return undefined;
    return this.lang === 'en' ? this.englishWords(i) : this.germanWords(i);
  }

  /** A scale word at token i ("million", "Mrd.") that multiplies what precedes it. */
  private scaleAt(i: number): { factor: number; next: number; end: number; text: string } | undefined {
    const m = this.tok(i);
    if (!m || m.type !== 'word' || !m.sp || m.lineStart) return undefined;
    const dotted = this.tok(i + 1);
    if (this.lang === 'de' && dotted && dotted.text === '.' && !dotted.sp && scaleWord(m.lc + '.', 'de') !== undefined) {
      return { factor: scaleWord(m.lc + '.', 'de')!, next: i + 2, end: dotted.end, text: m.text + '.' };
    }
    const f = scaleWord(m.lc, this.lang);
    return f !== undefined && f >= 1000 ? { factor: f, next: i + 1, end: m.end, text: m.text } : undefined;
  }

  /** Mixed numbers ("one and a half", "3 million and a half"), "one out of three", "five point five". */
  private extend(q: Quantity): Quantity {
    const t = this.tok(q.next);
    if (!t || t.lineStart) return q;
    // "two thirds of a million"
    if (q.kind === 'fraction' && q.words && t.lc === 'of' && this.isWord(q.next + 1, 'a')) {
      const sc = this.scaleAt(q.next + 2);
      if (sc) return { ...this.scaledFraction(q.startTok, q.value, sc), start: q.start };
    }
    if (q.kind !== 'number') return q;
    // "3 dozen", "3 dozens"
    if (q.plain && t.sp && (t.lc === 'dozen' || (t.lc === 'dozens' && q.value > 1))) {
      return { ...q, value: q.value * 12, precision: 12, next: q.next + 1, end: t.end, plain: false };
    }
    // "2 1/4": a whole number and a proper fraction.
    if (q.plain && t.type === 'num' && t.sp && this.gapOf(t).length <= 2) {
      const f = this.baseQuantity(q.next);
      if (f && f !== 'skip' && f.kind === 'fraction' && !f.words) {
        return { ...q, value: q.value + f.value, next: f.next, end: f.end, precision: 1e-9, plain: false, kind: 'fraction' };
      }
    }
    // "one over three", "1 over 20": a ratio, only where the divisor ends the clause ("over 3 years" is time).
    if (t.lc === 'over' && q.scale === 1 && Number.isInteger(q.value)) {
      const d = this.baseQuantity(q.next + 1);
      const after = d && d !== 'skip' ? this.tok(d.next) : undefined;
      if (d && d !== 'skip' && d.kind === 'number' && d.scale === 1 && Number.isInteger(d.value) && d.value > 0
        && (!after || after.lineStart || (after.type === 'sym' && '.,;:!?)'.includes(after.text)))) {
        return { ...q, value: q.value / d.value, next: d.next, end: d.end, precision: 1e-9, plain: false, kind: 'fraction', weak: false };
      }
    }
    // "zwei Komma drei": German decimals in words.
    if (this.lang === 'de' && q.words && q.scale === 1 && t.lc === 'komma') {
      let digits = '';
      let k = q.next + 1;
      for (let d = this.tok(k); d && d.type === 'word'; d = this.tok(++k)) {
        const v = d.lc === 'null' ? 0 : germanNumber(d.lc)?.value;
        if (v === undefined || v > 9) break;
        digits += String(v);
      }
      if (digits) return { ...q, value: Number(`${q.value}.${digits}`), next: k, end: this.tk(k - 1).end, precision: 10 ** -digits.length, weak: false };
    }
    // "4 thousand 3 hundred and 21": a descending chain of scaled parts, "and" only after "hundred".
    if (this.lang === 'en' && !q.words && q.scale > 1 && Number.isInteger(q.value / q.scale)) {
      const afterAnd = t.lc === 'and';
      if (!afterAnd || q.scale === 100) {
        const q2 = this.baseQuantity(afterAnd ? q.next + 1 : q.next);
        const fits = q2 && q2 !== 'skip' && q2.kind === 'number' && q2.value > 0 && q2.value < q.scale && Number.isInteger(q2.value)
          && (afterAnd ? q2.scale === 1 && q2.value < 100 : q2.scale > 1);
        if (fits) {
          const part = q2 as Quantity;
          return this.extend({ ...q, value: q.value + part.value, next: part.next, end: part.end, precision: part.precision, scale: part.scale,
            scaleWord: part.scaleWord, plain: false });
        }
      }
    }
    if (t.lc === 'and' || t.lc === 'und') {
      const f = this.baseQuantity(q.next + 1);
      if (f && f !== 'skip' && f.kind === 'fraction' && f.words && f.value < 1) {
        let value = q.value + f.value * q.scale;
        let { next, end, scale, scaleWord: sw } = f;
        scale = q.scale;
        sw = q.scaleWord;
        const after = q.scale === 1 ? this.scaleAt(next) : undefined;
        if (after) {
          value *= after.factor;
          next = after.next;
          end = after.end;
          scale = after.factor;
          sw = after.text;
        }
        return { ...q, value, next, end, precision: 1e-9 * scale, plain: false, scale, scaleWord: sw, weak: false };
      }
      // "five and a half million" (5.5 million), "one billion and a half million" (1.0005 billion)
      if (f && f !== 'skip' && f.kind === 'number' && f.words && f.scale > 1 && f.value < f.scale) {
        const value = q.scale === 1 ? q.value * f.scale + f.value : q.value + f.value;
        const scale = q.scale === 1 ? f.scale : q.scale;
        return { ...q, value, next: f.next, end: f.end, precision: 1e-9 * scale, plain: false, scale, scaleWord: q.scale === 1 ? f.scaleWord : q.scaleWord, weak: false };
      }
      return q;
    }
    if (q.scale === 1 && Number.isInteger(q.value) && q.value > 0 && !isYear(q)) {
      const k = t.lc === 'out' && this.isWord(q.next + 1, 'of') ? q.next + 2 : this.lang === 'en' && t.lc === 'in' ? q.next + 1 : -1;
      if (k > 0) {
        const d = this.baseQuantity(k);
        if (d && d !== 'skip' && d.kind === 'number' && d.scale === 1 && Number.isInteger(d.value) && d.value > q.value && !isYear(d)) {
          return { ...q, value: q.value / d.value, next: d.next, end: d.end, precision: 1e-9, plain: false, kind: 'fraction', weak: false };
        }
      }
    }
    if (this.lang === 'en' && q.words && q.scale === 1 && t.lc === 'point') {
      let digits = '';
      let k = q.next + 1;
      const first = this.tok(k);
      const firstSmall = first && first.type === 'word' ? englishSmall(first.lc) : undefined;
      if (firstSmall && firstSmall.value >= 10) {
        const two = this.englishWords(k);
        if (two && !two.weak && two.value < 100) {
          digits = String(two.value);
          k = two.next;
        }
      } else {
        for (let d = this.tok(k); d && d.type === 'word'; d = this.tok(++k)) {
          const v = englishSmall(d.lc);
          if (!v || v.value > 9 || v.tens) break;
          digits += String(v.value);
        }
      }
      if (digits) {
        return { ...q, value: Number(`${q.value}.${digits}`), next: k, end: this.tk(k - 1).end, precision: 10 ** -digits.length, weak: false };
      }
    }
    return q;
  }

  /** Indian digit grouping after token i: "12,34,567" (pairs, then a final group of three). */
  private indianGroups(i: number): { digits: string; last: number } | undefined {
    let digits = this.tk(i).text;
    let j = i;
    let pairs = 0;
    for (;;) {
      if (!this.gluedSym(j + 1, ',') || !this.gluedNum(j + 2)) return undefined;
      const b = this.tk(j + 2);
      j += 2;
      digits += b.text;
      if (b.text.length === 3) break;
      // At most six pairs (a hundred thousand crore): the look-ahead stays bounded.
      if (b.text.length !== 2 || ++pairs > 6) return undefined;
    }
    const c = this.tok(j + 1);
    const d = this.tok(j + 2);
    if (pairs === 0 || (c && c.text === ',' && !c.sp && d && d.type === 'num' && !d.sp)) return undefined;
    return { digits, last: j };
  }

  private simple(i: number, next: number, value: number, precision: number, words: boolean, kind: Quantity['kind'], weak = false): Quantity {
    return {
      startTok: i, next, start: this.tk(i).start, end: this.tk(next - 1).end, value, precision, words,
      dec: this.lang === 'en' ? '.' : ',', group: '', plain: false, digits: '', scale: 1, kind, weak,
    };
  }

  private digits(i: number, afterCurrency: boolean): Quantity | 'skip' | undefined {
    const t = this.tk(i);
    // Glued to letters before ("G20", "A380", "Testbed2") or to a hyphenated word ("COVID-19").
    if (i > 0 && !t.sp) {
      const prev = this.tk(i - 1);
      if (prev.type === 'word' && !CURRENCY_BEFORE.has(prev.lc)) return 'skip';
      if (prev.type === 'sym' && DASHES.has(prev.text) && this.tok(i - 2)?.type === 'word' && this.glued(i - 1)) return 'skip';
      if (prev.type === 'sym' && '+#_/@&=^*\\.:'.includes(prev.text)) return 'skip';
    }
    const groupSep = this.lang === 'en' ? ',' : '.';
    const decSep = this.lang === 'en' ? '.' : ',';
    // "023", "0470": a leading zero marks a code (phone, postcode), not an amount.
    if (t.text.length > 1 && t.text[0] === '0' && !this.gluedSym(i + 1, decSep)) return 'skip';
    let intDigits = t.text;
    let group = '';
    let j = i;
    const indian = this.lang === 'en' && t.text.length <= 2 ? this.indianGroups(i) : undefined;
    if (indian) {
      intDigits = indian.digits;
      group = ',';
      j = indian.last;
    } else if (t.text.length <= 3) {
      const { type, start, end, gapStart } = this.b;
      for (;;) {
        if (this.gluedSym(j + 1, groupSep) && this.gluedNum(j + 2) && end[j + 2] - start[j + 2] === 3 && (group === '' || group === groupSep)) {
          intDigits += this.tk(j + 2).text;
          group = groupSep;
          j += 2;
          continue;
        }
        const a = j + 1;
        const gap = a < this.n && type[a] === NUM && end[a] - start[a] === 3 ? this.text.slice(gapStart[a], start[a]) : '';
        if (gap !== '' && (gap === ' ' || gap === '\u00a0' || gap === '\u2009' || gap === '\u202f') && (group === '' || group === gap)) {
          intDigits += this.tk(a).text;
          group = gap;
          j += 1;
          continue;
        }
        break;
      }
    }
    let frac = '';
    if (this.gluedSym(j + 1, decSep) && this.gluedNum(j + 2)) {
      frac = this.tk(j + 2).text;
      j += 2;
    }
    // Chains: "192.168.1.2", "v1.2.3", "1.10.2021", "10:30", "5/17/2018", "+86-23-67230470".
    if (this.gluedNum(j + 2) && this.b.type[j + 1] === SYM && this.b.gapStart[j + 1] === this.b.start[j + 1]) {
      const a = this.tk(j + 1);
      const b = this.tk(j + 2);
      if (a.text === '.' || a.text === ':' || (a.text === ',' && this.lang === 'de')) return 'skip';
      if (a.text === '/') {
        const c = this.tok(j + 3);
        if (c && c.type === 'sym' && c.text === '/' && !c.sp) return 'skip';
        if (group || frac) return 'skip';
        // Only proper fractions: "24/7" and "2020/21" are no shares.
        const den = Number(b.text);
        if (den === 0 || Number(intDigits) >= den) return 'skip';
        const q = this.simple(i, j + 3, Number(intDigits) / den, 1e-9, false, 'fraction');
        return q;
      }
      if (DASHES.has(a.text)) {
        const c = this.tok(j + 3);
        const d = this.tok(j + 4);
        if (c && d && DASHES.has(c.text) && !c.sp && d.type === 'num' && !d.sp) return 'skip';
      }
    }
    let value = decimalValue(intDigits, frac);
    let precision = frac ? 10 ** -frac.length : 1;
    let next = j + 1;
    let end = this.tk(j).end;
    let scale = 1;
    let scaleWordText: string | undefined;
    // Exponent glued: "1e10", "12.32e+14", "1.3x10^6", "6.23×10^-4"; a power: "1.1^23", "2.5^-1".
    const e = this.tok(next);
    const tenTo = e && !e.sp && (e.lc === 'x' || e.text === '×') && this.tok(next + 1)?.text === '10' && this.glued(next + 1)
      && this.tok(next + 2)?.text === '^' && this.glued(next + 2) ? this.gluedExponent(next + 3) : undefined;
    const exp = e && e.type === 'word' && !e.sp && e.lc === 'e' ? this.gluedExponent(next + 1) : tenTo;
    if (exp) {
      value *= 10 ** exp.exp;
      precision *= 10 ** exp.exp;
      next = exp.next;
      end = exp.end;
    } else if (e && e.text === '^' && !e.sp) {
      const power = this.gluedExponent(next + 1);
      if (!power) return 'skip';
      value **= power.exp;
      precision = 1e-9 * Math.abs(value);
      next = power.next;
      end = power.end;
    }
    const after = this.tok(next);
    if (after && after.type === 'word' && !after.sp) {
      // Glued letters after the digits: an ordinal, a scale, a currency code, or a name ("8D", "1980s").
      if (this.lang === 'en' && EN_ORDINAL_SUFFIX.has(after.lc) && !frac && !group) {
        return { ...this.simple(i, next + 1, value, 1, false, 'ordinal'), end: after.end };
      }
      // "10k" is ten thousand; "4K" is a screen resolution.
      const f = after.text === 'K' ? undefined : scaleWord(after.lc, this.lang) ?? (afterCurrency || this.currencyAfterAt(next + 1) ? moneyScaleWord(after.lc) : undefined);
      const glueScale = f !== undefined && after.lc !== 'hundert' && after.lc !== 'hundred' && after.lc !== 'tausend' && after.lc !== 'thousand';
      if (glueScale) {
        scale = f!;
        scaleWordText = after.text;
        next++;
        end = after.end;
      } else if (GLUED_SCALES.has(after.text) && !isLetter(this.text[after.end] ?? '')) {
        scale = GLUED_SCALES.get(after.text)!;
        scaleWordText = after.text;
        next++;
        end = after.end;
      } else if (!CURRENCY_AFTER[this.lang].has(after.lc) || (after.lc.length < 3 && after.lc.charCodeAt(0) < 0x3000)) {
        return 'skip';
      }
    } else if (after && after.type === 'word' && after.sp && !after.lineStart) {
      const f = scaleWord(after.lc, this.lang);
      // "Mio." and "Tsd." carry their dot.
      const dotted = this.tok(next + 1);
      if (this.lang === 'de' && dotted && dotted.text === '.' && !dotted.sp && scaleWord(after.lc + '.', 'de') !== undefined) {
        scale = scaleWord(after.lc + '.', 'de')!;
        scaleWordText = after.text + '.';
        next += 2;
        end = dotted.end;
      } else if (f !== undefined && (f !== 100 || after.lc === 'hundred')) {
        scale = f;
        scaleWordText = after.text;
        next++;
        end = after.end;
      } else if (afterCurrency && moneyScaleWord(after.lc) !== undefined && after.lc !== 'm' && after.lc !== 'b') {
        scale = moneyScaleWord(after.lc)!;
        scaleWordText = after.text;
        next++;
        end = after.end;
      }
    }
    if (!Number.isFinite(value * scale)) return 'skip'; // hundreds of digits: no amount anyone states
    const plain = !group && !frac && scale === 1 && value === decimalValue(intDigits, '');
    return {
      startTok: i, next, start: t.start, end, value: value * scale, precision: precision * scale, words: false,
      dec: decSep, group, plain, digits: intDigits, scale, scaleWord: scaleWordText, kind: 'number', weak: false,
    };
  }

  /** A signed integer glued at token k ("23", "+23", "-4"): an exponent. */
  private gluedExponent(k: number): { exp: number; next: number; end: number } | undefined {
    let sign = 1;
    const s = this.tok(k);
    if (s && s.type === 'sym' && !s.sp && (s.text === '+' || s.text === '-' || s.text === '−')) {
      sign = s.text === '+' ? 1 : -1;
      k++;
    }
    const n = this.tok(k);
    if (!n || n.type !== 'num' || n.sp || n.text.length > 3) return undefined;
    return { exp: sign * Number(n.text), next: k + 1, end: n.end };
  }

  private englishWords(i: number): Quantity | undefined {
    const first = this.tk(i);
    let total = 0;
    let current = 0;
    let last: 'none' | 'a' | 'small' | 'tens' | 'hundred' | 'scale' | 'and' = 'none';
    let j = i;
    let endTok = -1;
    let value = 0;
    let onlyOne = true;
    let scale = 1;
    let scaleText: string | undefined;
    for (;;) {
      const t = this.tok(j);
      if (!t || (j > i && t.lineStart)) break;
      if (t.type === 'sym' && DASHES.has(t.text) && last === 'tens') {
        const n = this.tok(j + 1);
        const s = n && n.type === 'word' ? englishSmall(n.lc) : undefined;
        if (s && !s.tens && s.value > 0 && s.value < 10) {
          current += s.value;
          last = 'small';
          j += 2;
          endTok = j;
          value = total + current;
          continue;
        }
        break;
      }
      if (t.type !== 'word') break;
      const w = t.lc;
      if ((w === 'a' || w === 'an') && last === 'none') {
        last = 'a';
        j++;
        continue;
      }
      if (w === 'and' && (last === 'hundred' || last === 'scale')) {
        const n = this.tok(j + 1);
        const d = this.tok(j + 2)?.type === 'sym' ? this.tok(j + 3) : this.tok(j + 2);
        if (n && n.type === 'word' && englishSmall(n.lc) && !(d && englishDenominator(d.lc))) {
          last = 'and';
          j++;
          continue;
        }
        break;
      }
      const s = englishSmall(w);
      if (s) {
        if (s.tens && (last === 'none' || last === 'hundred' || last === 'scale' || last === 'and')) {
          current += s.value;
          last = 'tens';
        } else if (!s.tens && (last === 'none' || last === 'hundred' || last === 'scale' || last === 'and'
          || (last === 'tens' && s.value > 0 && s.value < 10))) {
          current += s.value;
          last = 'small';
        } else break;
        if (s.value !== 1 || current !== 1 || total !== 0) onlyOne = false;
        j++;
        endTok = j;
        value = total + current;
        continue;
      }
      // "hundred thousand dollars": a bare "hundred" opening the number is one hundred.
      if (w === 'hundred' && (last === 'small' || last === 'tens' || last === 'a' || last === 'none')) {
        current = (current || 1) * 100;
        last = 'hundred';
        onlyOne = false;
        j++;
        endTok = j;
        value = total + current;
        continue;
      }
      if ((w === 'dozen' || (w === 'dozens' && current > 1)) && (last === 'small' || last === 'a') && total === 0) {
        current = (current || 1) * 12;
        last = 'scale';
        onlyOne = false;
        j++;
        endTok = j;
        value = current;
        break;
      }
      const f = scaleWord(w, 'en');
      // "three lakh crore", "a thousand million": a larger scale right after a scale multiplies it.
      if (f !== undefined && last === 'scale' && current === 0 && f > scale && total === value && w.length > 2) {
        total *= f;
        scale *= f;
        scaleText += ' ' + t.text;
        j++;
        endTok = j;
        value = total;
        continue;
      }
      if (f !== undefined && f >= 1000 && w.length > 2 && (last === 'small' || last === 'tens' || last === 'hundred' || last === 'a')) {
        total += (current || 1) * f;
        current = 0;
        last = 'scale';
        onlyOne = false;
        scale = f;
        scaleText = t.text;
        j++;
        endTok = j;
        value = total;
        continue;
      }
      break;
    }
    const fraction = this.englishFraction(i, endTok > 0 ? value : last === 'a' ? 1 : undefined, endTok > 0 ? endTok : last === 'a' ? i + 1 : i);
    if (fraction) return fraction;
    if (endTok < 0) return undefined;
    // "one" alone is a pronoun as often as a number; it counts only with a scale, unit or fraction.
    const weak = onlyOne;
    const precision = wordPrecision(value);
    const q = this.simple(i, endTok, value, precision, true, 'number', weak);
    q.start = first.start;
    if (scale > 1 && total === value) {
      q.scale = scale;
      q.scaleWord = scaleText;
    }
    return q;
  }

  /** "one-tenth", "a third of", "two-thirds", "one half", "half of"; numerator read up to token `at`. */
  private englishFraction(i: number, numerator: number | undefined, at: number): Quantity | undefined {
    let k = at;
    let hyphen = false;
    const h = this.tok(k);
    if (numerator !== undefined && h && h.type === 'sym' && DASHES.has(h.text)) {
      hyphen = true;
      k++;
    }
    const d = this.tok(k);
    if (!d || d.type !== 'word') return undefined;
    let den = englishDenominator(d.lc);
    const tens = englishSmall(d.lc);
    if (!den && tens?.tens) {
      // "twenty-first", "twenty fifths"
      let u = k + 1;
      if (this.tok(u)?.type === 'sym' && DASHES.has(this.tok(u)!.text)) u++;
      const w = this.tok(u)?.lc ?? '';
      const plural = w.endsWith('s');
      const unit = englishOrdinal(plural ? w.slice(0, -1) : w);
      if (unit === undefined || unit > 9) return undefined;
      den = { den: tens.value + unit, plural };
      k = u;
    }
    if (!den) return undefined;
    const after = this.tok(k + 1);
    const followedOk = !after || after.type === 'sym' || after.lc === 'of' || after.lc === 'a' || after.lc === 'an';
    if (numerator === undefined) {
      // Bare "half": only "half of", "half a million" or after a qualifier ("more than half").
      if (k !== i) return undefined;
      if (d.lc === 'quarter' && this.scaleAt(k + 1)) return this.scaledFraction(i, 0.25, this.scaleAt(k + 1)!);
      if (d.lc !== 'half') return undefined;
      const p = this.tok(i - 1);
      if (p && (englishOrdinal(p.lc) !== undefined || p.lc === 'the' || p.lc === 'and')) return undefined;
      const scaled = this.scaleAt(k + 1);
      if (scaled) return this.scaledFraction(i, 0.5, scaled);
      if (after?.lc !== 'of' && !this.qualifierBefore(i)) return undefined;
      return this.simple(i, k + 1, 0.5, 1e-9, true, 'fraction');
    }
    if (den.plural !== (numerator > 1)) return undefined;
    // "half a million", "a quarter million", "three quarters billion"
    const scaled = this.scaleAt(k + 1);
    if (scaled && (den.den === 2 || den.den === 4)) return this.scaledFraction(i, numerator / den.den, scaled);
    if (!hyphen && !followedOk && den.den !== 2) return undefined;
    if (after && after.type === 'sym' && DASHES.has(after.text) && !after.sp) return undefined;
    return this.simple(i, k + 1, numerator / den.den, 1e-9, true, 'fraction');
  }

  private scaledFraction(i: number, fraction: number, scaled: { factor: number; next: number; end: number; text: string }): Quantity {
    const q = this.simple(i, scaled.next, fraction * scaled.factor, 1e-9 * scaled.factor, true, 'number');
    q.scale = scaled.factor;
    q.scaleWord = scaled.text;
    return q;
  }

  private germanWords(i: number): Quantity | undefined {
    const t = this.tk(i);
    const w = t.lc;
    // "die Hälfte", "zur Hälfte"
    if ((w === 'hälfte' || w === 'haelfte')) {
      const p = this.tok(i - 1);
      if (p && (p.lc === 'die' || p.lc === 'der' || p.lc === 'zur') && germanOrdinal(this.tok(i - 2)?.lc ?? '') === undefined) {
        const q = this.simple(i - 1, i + 1, 0.5, 1e-9, true, 'fraction');
        return q;
      }
      return undefined;
    }
    if (w === 'anderthalb' || w === 'eineinhalb' || w === 'einundhalb') return this.germanScaled(i, 1.5, 0.5);
    if (w.endsWith('einhalb') && w.length > 7) {
      const n = germanNumber(w.slice(0, -7));
      if (n) return this.germanScaled(i, n.value + 0.5, 0.5);
    }
    if (w === 'dreiviertel') return this.simple(i, i + 1, 0.75, 1e-9, true, 'fraction');
    const article = w === 'ein' || w === 'eine' || w === 'einen' || w === 'einem' || w === 'einer';
    const n = article ? { value: 1, precision: 1 } : germanNumber(w);
    if (!n) return undefined;
    // German number words are lower-case; a capitalised one inside a sentence is a name ("Claudia Tausend").
    if (isCapitalised(t) && !this.sentenceInitial(i)) return undefined;
    // A fraction: "ein Zehntel", "zwei Drittel".
    const d = this.tok(i + 1);
    if (d && d.type === 'word' && d.sp) {
      const den = germanDenominator(d.lc);
      if (den !== undefined && den > n.value) {
        const scaled = this.scaleAt(i + 2);
        if (scaled) return this.scaledFraction(i, n.value / den, scaled);
        return this.simple(i, i + 2, n.value / den, 1e-9, true, 'fraction');
      }
      if (d.lc === 'halbe' || d.lc === 'halbes' || d.lc === 'halben' || d.lc === 'halber') {
        const scaled = this.scaleAt(i + 2);
        if (scaled) return this.scaledFraction(i, n.value * 0.5, scaled);
        if (d.lc === 'halbes' && this.isWord(i + 2, 'dutzend')) return this.simple(i, i + 3, 6, 1, true, 'number');
        return this.simple(i, i + 2, n.value / 2, 1e-9, true, 'fraction');
      }
    }
    const q = this.germanScaled(i, n.value, n.precision);
    if (!q) return undefined;
    // An article is "one" only before a currency ("einen Euro"); then it is weak like "one".
    if (article && q.value === 1 && !this.currencyAfterAt(i + 1)) return undefined;
    if (n.value === 1 && q.value === 1) q.weak = w !== 'eins';
    return q;
  }

  /** A German number word with an optional scale ("zwei Millionen") and remainder ("… eintausendeinhundert"). */
  private germanScaled(i: number, value: number, precision: number): Quantity | undefined {
    const m = this.tok(i + 1);
    let f: number | undefined;
    let next = i + 1;
    let scaleText: string | undefined;
    if (m && m.type === 'word' && m.sp) {
      const dotted = this.tok(i + 2);
      if (dotted && dotted.text === '.' && !dotted.sp && scaleWord(m.lc + '.', 'de') !== undefined) {
        f = scaleWord(m.lc + '.', 'de');
        scaleText = m.text + '.';
        next = i + 3;
      } else if (scaleWord(m.lc, 'de') !== undefined && scaleWord(m.lc, 'de')! >= 1e6) {
        f = scaleWord(m.lc, 'de');
        scaleText = m.text;
        next = i + 2;
      } else if (m.lc === 'dutzend') {
        return this.simple(i, i + 2, value * 12, 1, true, 'number');
      }
    }
    if (f === undefined) return this.simple(i, i + 1, value, precision, true, 'number');
    let total = value * f;
    let prec = precision * f;
    const r = this.tok(next);
    const rest = r && r.type === 'word' && r.sp ? germanNumber(r.lc) : undefined;
    if (rest && rest.value < f) {
      total += rest.value;
      prec = rest.precision;
      next++;
    }
    const q = this.simple(i, next, total, prec, true, 'number');
    q.scale = rest ? 1 : f;
    if (!rest) q.scaleWord = scaleText;
    return q;
  }

  // ------------------------------------------------------------ units

  private currencyBefore(i: number): { code: string; next: number; text: string; factor?: number } | undefined {
    const p: { value: string; next: number; factor?: number } | undefined = this.phrase(i, currencyBeforeTable(), 5) ?? this.codeAt(i);
    if (!p) return undefined;
    const n = this.tok(p.next);
    if (!n || n.type !== 'num' || (n.start - n.gapStart > 1)) return undefined;
    const first = this.tk(i);
    // Codes written in letters must stand apart from other letters ("USD115" is fine, "xUSD" is not).
    const prev = this.tok(i - 1);
    if (prev && !first.sp && prev.type === 'word') return undefined;
    return { code: p.value, next: p.next, text: this.text.slice(first.start, this.tk(p.next - 1).end), factor: p.factor };
  }

  /** An ISO 4217 code in capitals at token i ("CHF", "MUSD"), as a phrase match. */
  private codeAt(i: number): { value: string; next: number; key: string; factor?: number } | undefined {
    const t = this.tok(i);
    const c = t && t.type === 'word' ? currencyCode(t.text) : undefined;
    return c ? { value: c.code, next: i + 1, key: t!.lc, factor: c.factor === 1 ? undefined : c.factor } : undefined;
  }

  private currencyAfterAt(i: number): boolean {
    return this.phrase(i, this.currencyAfter) !== undefined;
  }

  /** The unit after a quantity; undefined for a bare number, null where the number is a measurement or compound. */
  private unitAfter(q: Quantity): Unit | undefined | null {
    const i = q.next;
    const t = this.tok(i);
    if (!t || t.lineStart) return undefined;
    if (q.kind === 'fraction') return undefined;
    const pct = this.phrase(i, PERCENT_AFTER[this.lang]);
    if (pct && (pct.key !== 'percentage' || !this.isWord(pct.next, 'points'))) {
      const last = this.tk(pct.next - 1);
      return { kind: pct.value, unit: pct.value === 'percent' ? '%' : 'pp', next: pct.next, end: last.end, percentText: this.text.slice(q.end, last.end) };
    }
    const cur: { value: string; next: number; key: string; factor?: number } | undefined = this.phrase(i, this.currencyAfter) ?? this.codeAt(i);
    if (cur && (cur.key.length > 1 || !isLetter(this.text[this.tk(cur.next - 1).end] ?? ''))) {
      const first = this.tk(i);
      const last = this.tk(cur.next - 1);
      const u: Unit = { kind: 'money', unit: cur.value, next: cur.next, end: last.end, currencyText: this.text.slice(first.start, last.end), currencyBefore: false };
      if (cur.factor !== undefined) u.factor = cur.factor;
      return u;
    }
    if (t.type === 'word' && MEASURES.has(t.lc) && !(t.lc === 'l' && this.lang === 'de')) return null;
    if (t.type === 'sym' && DASHES.has(t.text) && !t.sp) {
      const w = this.tok(i + 1);
      // "a one-yen bid", "ein siebenhundert-Euro-Schein": money even as a compound adjective.
      const c = w && w.type === 'word' && !w.sp ? this.phrase(i + 1, this.currencyAfter) : undefined;
      if (c && c.key.length > 1) {
        const last = this.tk(c.next - 1);
        return { kind: 'money', unit: c.value, next: c.next, end: last.end, currencyText: this.text.slice(w!.start, last.end), currencyBefore: false };
      }
      // "12-inch", "five-year", "two-door": a compound adjective, not an amount.
      if (w && w.type === 'word' && !w.sp) return null;
    }
    if (t.type === 'sym' && t.text === '°') return null;
    return undefined;
  }

  /**
   * The minor-unit part of a compound amount: "3 dollars 50 cents", "thirteen dollars and
   * forty-five cents", "15 dollars 50.", "zwei Euro fünfzig", "15 Dollar und 15 Cent". The part
   * fits the currency's minor unit (below 100 for cents; none for yen); without a minor-unit word
   * it must end the clause, so "5 dollars and 20 people" stays two figures.
   */
  private minorPart(q: Quantity, code: string, i: number): { value: number; precision: number; next: number; end: number } | undefined {
    if (q.scale !== 1 || !Number.isInteger(q.value) || q.kind !== 'number') return undefined;
    const t = this.tok(i);
    if (!t || t.lineStart) return undefined;
    const k = t.lc === 'and' || t.lc === 'und' ? i + 1 : i;
    const first = this.tok(k);
    if (!first || first.type === 'sym') return undefined;
    const part = this.baseQuantity(k);
    const digits = minorUnitDigits(code);
    if (!part || part === 'skip' || part.kind !== 'number' || part.scale !== 1 || !Number.isInteger(part.value)
      || part.value <= 0 || part.value >= 10 ** digits || (!part.words && part.digits.length > digits)) return undefined;
    const w = this.tok(part.next);
    const value = part.value / 10 ** digits;
    const precision = 10 ** -digits;
    if (w && w.type === 'word' && !w.lineStart && MINOR_UNITS.has(w.lc)) return { value, precision, next: part.next + 1, end: w.end };
    const ends = !w || w.lineStart || (w.type === 'sym' && '.,;:!?)'.includes(w.text)) || w.lc === 'and' || w.lc === 'und' || w.lc === 'more' || w.lc === 'mehr';
    return ends ? { value, precision, next: part.next, end: part.end } : undefined;
  }

  /**
   * "104 billion and 71 billion yuan": a scaled amount coordinated with one that names its
   * currency shares that currency. The currency is not part of this figure's text.
   */
  private sharedCurrency(q: Quantity): Unit | undefined {
    const t = this.tok(q.next);
    if (!t || !(t.lc === 'and' || t.lc === 'und' || t.lc === 'or' || t.lc === 'oder' || t.text === ',')) return undefined;
    const q2 = this.baseQuantity(q.next + 1);
    if (!q2 || q2 === 'skip' || q2.kind !== 'number' || q2.scale !== q.scale) return undefined;
    const u2 = this.unitAfter(q2);
    if (!u2 || u2.kind !== 'money') return undefined;
    return { kind: 'money', unit: u2.unit, next: q.next, end: q.end };
  }

  /** "to 10", "– 10", "bis 10", "and 200" after "between": the upper end of a range. */
  private rangeAfter(firstTok: number, q: Quantity, unit: Unit | undefined, i: number): { q: Quantity; unit?: Unit; next: number; end: number } | undefined {
    const t = this.tok(i);
    if (!t || t.lineStart) return undefined;
    const before = this.tok(firstTok - 1);
    if (before && (before.lc === 'from' || before.lc === 'von')) return undefined;
    let ok = false;
    if (t.type === 'sym' && (DASHES.has(t.text))) ok = true;
    else if (t.lc === 'to' || t.lc === 'bis') ok = true;
    else if ((t.lc === 'and' || t.lc === 'und') && before && (before.lc === 'between' || before.lc === 'zwischen')) ok = true;
    if (!ok) return undefined;
    if (t.type === 'sym' && t.sp !== (this.tok(i + 1)?.sp ?? false)) return undefined;
    let j = i + 1;
    const cur = unit?.currencyBefore ? this.currencyBefore(j) : undefined;
    if (cur) j = cur.next;
    const q2 = this.quantity(j, cur !== undefined);
    if (!q2 || q2 === 'skip' || q2.kind === 'ordinal' || q2.weak) return undefined;
    if (q2.kind !== q.kind) return undefined;
    const u2 = this.unitAfter(q2);
    if (u2 === null) return undefined;
    if (unit && !unit.currencyBefore) {
      // "50 % to 60 %": repeated unit must match; a bare second number keeps the first's unit.
      if (u2 && u2.unit !== unit.unit) return undefined;
    }
    if (unit && unit.currencyBefore && !cur && u2 && u2.unit !== unit.unit) return undefined;
    if (q2.value <= q.value && q2.scale === q.scale) return undefined;
    const end = u2 ? u2.end : q2.end;
    return { q: q2, unit: u2 ?? undefined, next: u2 ? u2.next : q2.next, end };
  }

  // ------------------------------------------------------------ filters

  /** Dates, times, list markers: a bare number that is not an amount. */
  private notAnAmount(i: number, q: Quantity): boolean {
    const prev = this.tok(i - 1);
    const next = this.tok(q.next);
    if (q.words) return false;
    // Times: "9 am", "10 Uhr".
    if (next && TIME_AFTER.has(next.lc)) return true;
    if (next && next.lc === 'a' && this.tok(q.next + 1)?.text === '.' && this.tok(q.next + 2)?.lc === 'm') return true;
    // List markers: "1." or "1)" opening a line.
    const afterMarker = this.tok(q.next + 1);
    if (q.plain && this.tk(i).lineStart && next && !next.sp && (next.text === '.' || next.text === ')')
      && afterMarker !== undefined && afterMarker.sp && !afterMarker.lineStart) return true;
    if (q.plain && prev && prev.text === '(' && prev.lineStart && next?.text === ')') return true;
    // German ordinals: "14. Fünfjahresplan", "am 3. Oktober".
    if (this.lang === 'de' && q.plain && next && next.text === '.' && !next.sp) {
      const w = this.tok(q.next + 1);
      if (w && w.type === 'word' && !w.lineStart) {
        const lower = w.text[0] === w.lc[0];
        if (lower || !DE_SENTENCE_OPENERS.has(w.lc)) return true;
      }
    }
    return false;
  }

  /** Dates: "October 1", "30 December", "1. Oktober", "Oktober 2021". */
  private isDate(i: number, q: Quantity): boolean {
    if (!q.plain) return false;
    const prev = this.tok(i - 1);
    const next = this.tok(q.next);
    if (prev && MONTHS.has(prev.lc)) return true;
    if (prev && prev.text === '.' && MONTHS.has(this.tok(i - 2)?.lc ?? '')) return true;
    if (next && MONTHS.has(next.lc) && q.value <= 31) return true;
    return next !== undefined && next.text === '.' && !next.sp && MONTHS.has(this.tok(q.next + 1)?.lc ?? '');
  }

  /** After a date's day, "to 7" / "–7" / "bis 7" still belongs to the date. */
  private skipDateRange(i: number): number {
    const t = this.tok(i);
    const n = this.tok(i + 1);
    if (t && n && n.type === 'num' && (t.lc === 'to' || t.lc === 'bis' || t.lc === 'and' || t.lc === 'und' || DASHES.has(t.text))) return i + 2;
    return i;
  }

  /** Numbers in names and identifiers: "Fortune 500", "the 33618 system", "“20 Measures”", "Windows 11". */
  private nameLike(i: number, q: Quantity): boolean {
    const prev = this.tok(i - 1);
    const next = this.tok(q.next);
    if (prev && prev.type === 'sym' && OPEN_QUOTES.has(prev.text) && !this.tk(i).sp) return true;
    if (next && next.type === 'sym' && CLOSE_QUOTES.has(next.text) && !next.sp && prev && prev.type === 'sym' && OPEN_QUOTES.has(prev.text)) return true;
    if (q.words) return false;
    if (prev && ID_BEFORE.has(prev.lc)) return true;
    if (prev && prev.text === '.' && ID_BEFORE.has((this.tok(i - 2)?.lc ?? '') + '.')) return true;
    const next2 = this.tok(q.next + 1);
    if (next && next.type === 'word' && (LIST_AFTER.has(next.lc) || (next2 !== undefined && LIST_AFTER.has(next2.lc)))) return true;
    if (this.lang === 'en' && prev?.lc === 'the' && next && next.type === 'word' && NAME_HEADS.has(next.lc)) return true;
    // A capitalised word right before, not opening the sentence (or with a capitalised word after
    // too, "Super 80 Street"): part of a proper name.
    if (prev && prev.type === 'word' && isCapitalised(prev) && !FUNCTION_WORDS.has(prev.lc) && !MONTHS.has(prev.lc)
      && !CURRENCY_BEFORE.has(prev.lc) && !(this.lang === 'de' && !q.plain)
      && (!this.sentenceInitial(i - 1) || (this.lang === 'en' && next !== undefined && next.type === 'word' && isCapitalised(next)))) return true;
    return false;
  }

  /** A bare year-like number is a count only after a counting word and before a plural noun ("a total of 1493 … trains"). */
  private countContext(i: number, q: Quantity, qualified: boolean): boolean {
    const prev = this.tok(i - 1);
    const countPrev = qualified || (prev !== undefined && (COUNT_VERBS.has(prev.lc) || (prev.lc === 'of' && this.tok(i - 2)?.lc === 'total')));
    if (!countPrev) return false;
    for (let k = q.next; k < q.next + 6; k++) {
      const t = this.tok(k);
      if (!t) return false;
      if (t.type === 'sym' && DASHES.has(t.text)) continue;
      if (t.type !== 'word') return false;
      if (MONTHS.has(t.lc)) return false;
      if (this.lang === 'de') return t.text[0] !== t.lc[0];
      if (t.lc.length > 3 && t.lc.endsWith('s') && !t.lc.endsWith('ss') && !t.lc.endsWith('us')) return true;
    }
    return false;
  }

  private qualifierBefore(i: number): { approx: Approx; start: number } | undefined {
    let key = '';
    let best: { approx: Approx; start: number } | undefined;
    let words = 0;
    for (let k = i - 1; k >= 0 && k >= i - 2 * MAX_QUALIFIER_WORDS; k--) {
      const t = this.tk(k);
      if (t.type === 'num' || t.type === 'opaque') break;
      if (t.type === 'sym' && t.text !== '.') break;
      const nextTok = this.tk(k + 1);
      key = t.lc + (k < i - 1 && nextTok.sp ? ' ' : '') + key;
      if (t.type === 'word' && ++words > MAX_QUALIFIER_WORDS) break;
      // No qualifier ends with the words read so far: none can match further back.
      if (!endsQualifier(key, this.lang)) break;
      const a = qualifierApprox(key, this.lang);
      if (a) best = { approx: a, start: t.start };
      if (this.tk(k).lineStart) break;
    }
    return best;
  }

  /** Skips a chain of digits and separators that is no amount (phone number, date, IP, version). */
  private skipChain(i: number): number {
    // A code with a leading zero ("023 6723 0470") runs on over digit groups set apart by one space.
    const code = this.tk(i).type === 'num' && this.tk(i).text.length > 1 && this.tk(i).text[0] === '0';
    let j = i;
    while (j + 1 < this.n) {
      const a = this.tk(j + 1);
      if (a.sp && !(code && a.type === 'num' && a.text.length > 1 && this.gapOf(a) === ' ' && this.tk(j).type === 'num')) break;
      if (a.type === 'num' || a.type === 'word' || (a.type === 'sym' && '.,:/-–+'.includes(a.text))) j++;
      else break;
    }
    return j + 1;
  }

  // ------------------------------------------------------------ ranks and multiples

  private ordinalAt(i: number): { value: number; next: number } | undefined {
    const t = this.tok(i);
    if (!t) return undefined;
    if (t.type === 'word') {
      const v = this.lang === 'en' ? englishOrdinal(t.lc) : germanOrdinal(t.lc);
      return v === undefined ? undefined : { value: v, next: i + 1 };
    }
    if (t.type === 'num') {
      const s = i + 1;
      const b = this.b;
      if (s < this.n && (b.type[s] === WORD || b.type[s] === SYM) && b.gapStart[s] === b.start[s]
        && (this.lang === 'en' ? EN_ORDINAL_SUFFIX.has(this.infoAt(s).lc) : this.infoAt(s).text === '.')) return { value: Number(t.text), next: i + 2 };
    }
    return undefined;
  }

  /** "ranked fifth", "fifth among 296 cities", "Platz fünf", "an fünfter Stelle", "Fünfter von 296". */
  private rankAt(i: number): number | undefined {
    const t = this.tk(i);
    let valueTok = -1;
    let value = 0;
    let next = i;
    if (t.type === 'word' && RANK_TRIGGERS[this.lang].has(t.lc)) {
      let k = i + 1;
      while (this.tok(k) && ['no', 'no.', 'number', 'the', 'at', 'auf', 'nr'].includes(this.tok(k)!.lc)) k++;
      if (this.tok(k)?.text === '.') k++;
      const o = this.ordinalAt(k);
      const n = o ? undefined : this.tok(k);
      if (o) {
        value = o.value;
        next = o.next;
        valueTok = k;
      } else if (n && this.lang === 'de' && n.type === 'word' && germanNumber(n.lc)) {
        value = germanNumber(n.lc)!.value;
        next = k + 1;
        valueTok = k;
      } else if (n && n.type === 'num' && this.lang === 'de' && this.tok(k + 1)?.text !== '.' && this.tok(k + 1)?.text !== ',') {
        value = Number(n.text);
        next = k + 1;
        valueTok = k;
      } else return undefined;
    } else {
      const o = this.ordinalAt(i);
      if (!o) return undefined;
      const after = this.tok(o.next);
      const isStelle = this.lang === 'de' && after?.lc === 'stelle';
      const isPlatz = this.lang === 'de' && (after?.lc === 'platz' || after?.lc === 'rang');
      const hasOf = after !== undefined && RANK_OF[this.lang].has(after.lc) && this.rankOf(o.next) !== undefined;
      if (!isStelle && !isPlatz && !hasOf) return undefined;
      value = o.value;
      next = o.next;
      valueTok = i;
      if (isStelle || isPlatz) {
        this.pushRank(valueTok, next, value, undefined);
        return o.next + 1;
      }
    }
    const of = this.rankOf(next);
    this.pushRank(valueTok, next, value, of?.value);
    return of ? of.next : next;
  }

  private rankOf(i: number): { value: number; next: number } | undefined {
    let k = i;
    const t = this.tok(k);
    if (!t || !RANK_OF[this.lang].has(t.lc)) return undefined;
    k++;
    if (t.lc === 'out' && this.isWord(k, 'of')) k++;
    if (this.isWord(k, 'the') || this.isWord(k, 'all') || this.isWord(k, 'den')) k++;
    const q = this.quantity(k);
    if (!q || q === 'skip' || q.kind !== 'number' || q.weak) return undefined;
    return { value: q.value, next: q.next };
  }

  private pushRank(valueTok: number, next: number, value: number, of: number | undefined): void {
    if (!Number.isFinite(value)) return;
    const start = this.tk(valueTok).start;
    const end = this.tk(next - 1).end;
    const words = this.tk(valueTok).type === 'word';
    const fig: Figure = {
      text: this.text.slice(start, end), start, end, value, unit: null, kind: 'rank', approx: null, precision: 1, lang: this.lang,
      style: { words, decimalSeparator: this.lang === 'en' ? '.' : ',', groupSeparator: '', scale: 1 },
    };
    if (of !== undefined) fig.of = of;
    this.out.push(fig);
  }

  /** "twice as many", "three times the", "3-fold", "doppelt so", "dreimal so viel". */
  private multipleAt(i: number): number | undefined {
    const t = this.tk(i);
    let value: number | undefined;
    let next = i + 1;
    if (this.lang === 'en') {
      if (t.lc === 'twice') value = 2;
      else if (this.isWord(i + 1, 'times') || (this.isDash(i + 1) && this.isWord(i + 2, 'fold'))) {
        const q = t.type === 'num' ? Number(t.text) : englishSmall(t.lc)?.value;
        if (q === undefined || (t.type === 'num' && this.glued(i))) return undefined;
        value = q;
        next = this.isWord(i + 1, 'times') ? i + 2 : i + 3;
        if (next === i + 3) {
          this.pushMultiple(i, next, value);
          return next;
        }
      }
    } else {
      if (t.lc === 'doppelt' || t.lc === 'zweimal') value = 2;
      else if (t.lc.endsWith('mal') && t.lc.length > 3) value = germanNumber(t.lc.slice(0, -3))?.value;
      else if (t.type === 'num' && (this.isWord(i + 1, 'mal') || (this.tok(i + 1)?.text === '-' && this.isWord(i + 2, 'mal')))) {
        value = Number(t.text);
        next = this.isWord(i + 1, 'mal') ? i + 2 : i + 3;
      }
    }
    if (value === undefined) return undefined;
    const cue = this.tok(next);
    if (!cue || !MULTIPLE_CUES.has(cue.lc)) return undefined;
    this.pushMultiple(i, next, value);
    return next;
  }

  private pushMultiple(i: number, next: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const t = this.tk(i);
    const start = t.start;
    const end = this.tk(next - 1).end;
    this.out.push({
      text: this.text.slice(start, end), start, end, value, unit: null, kind: 'multiple', approx: this.qualifierBefore(i)?.approx ?? null,
      precision: 1, lang: this.lang,
      style: { words: t.type === 'word', decimalSeparator: this.lang === 'en' ? '.' : ',', groupSeparator: '', scale: 1 },
    });
  }
}

function isCapitalised(t: Tok): boolean {
  return t.text[0] !== t.lc[0];
}

/**
 * Number(intDigits + "." + frac) without making the string: up to 15 digits the integer they
 * spell is exact, and so is its quotient by a power of ten (IEEE division rounds once, as parsing does).
 */
function decimalValue(intDigits: string, frac: string): number {
  if (intDigits.length + frac.length > 15) return Number(intDigits + (frac ? '.' + frac : ''));
  let n = 0;
  for (let k = 0; k < intDigits.length; k++) n = n * 10 + (intDigits.charCodeAt(k) - 48);
  for (let k = 0; k < frac.length; k++) n = n * 10 + (frac.charCodeAt(k) - 48);
  return frac.length === 0 ? n : n / 10 ** frac.length;
}

function isYear(q: Quantity): boolean {
  return q.plain && q.digits.length === 4 && q.value >= 1000 && q.value <= 2199;
}

/** Place value of the last non-zero digit of a number written in words ("three hundred" → 100). */
function wordPrecision(value: number): number {
  let p = 1;
  while (value !== 0 && value % (p * 10) === 0) p *= 10;
  return p;
}
