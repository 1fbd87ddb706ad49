// Number words, ordinal words and fraction words of English and German, looked up in maps
// (no regular expressions). The readers take words already lower-cased (figure recognition
// lower-cases each distinct word once). German writes numbers below a million as one compound word
// ("dreihundertneunundneunzigtausendfünfhundertneun"), read here by longest-match morphemes.
import type { Lang } from './types';

const EN_SMALL = new Map<string, number>([
  ['zero', 0], ['nought', 0], ['naught', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
]);
const EN_TENS = new Map<string, number>([
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);
/** Scale words in both languages, lower-cased, with their factor. German "Billion" is 10^12. */
const SCALES: Record<Lang, Map<string, number>> = {
  en: new Map([
    ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12],
    ['bn', 1e9], ['bln', 1e9], ['mn', 1e6], ['mln', 1e6], ['tn', 1e12], ['tln', 1e12], ['k', 1e3],
    // Indian English scale words
    ['lakh', 1e5], ['lakhs', 1e5], ['crore', 1e7], ['crores', 1e7],
  ]),
  de: new Map([
    ['hundert', 100], ['tausend', 1e3], ['tsd.', 1e3], ['mio.', 1e6], ['mio', 1e6], ['million', 1e6], ['millionen', 1e6],
    ['mrd.', 1e9], ['mrd', 1e9], ['milliarde', 1e9], ['milliarden', 1e9], ['billion', 1e12], ['billionen', 1e12], ['bio.', 1e12],
  ]),
};
/** Scale words that only count as such right after money ("$5m"), where "m" cannot mean metres. */
const MONEY_SCALES = new Map<string, number>([['m', 1e6], ['b', 1e9], ['bn', 1e9], ['mm', 1e6]]);

/** Scale word, lower-cased ("million", "mrd.") → factor. */
export function scaleWord(word: string, lang: Lang): number | undefined {
  return SCALES[lang].get(word);
}
export function moneyScaleWord(word: string): number | undefined {
  return MONEY_SCALES.get(word);
}

/** Every English number word below a hundred, with its value and whether it is a tens word. */
const EN_BELOW_HUNDRED = new Map<string, Readonly<{ value: number; tens: boolean }>>([
  ...[...EN_SMALL].map(([w, value]) => [w, { value, tens: false }] as const),
  ...[...EN_TENS].map(([w, value]) => [w, { value, tens: true }] as const),
]);

/** English number word below a hundred ("seven", "forty") → value and whether it is a tens word. */
export function englishSmall(word: string): Readonly<{ value: number; tens: boolean }> | undefined {
  return EN_BELOW_HUNDRED.get(word);
}

const EN_ORDINALS = new Map<string, number>([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7], ['eighth', 8],
  ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13], ['fourteenth', 14],
  ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18], ['nineteenth', 19], ['twentieth', 20],
  ['thirtieth', 30], ['fortieth', 40], ['fiftieth', 50], ['hundredth', 100], ['thousandth', 1000], ['millionth', 1e6], ['billionth', 1e9], ['trillionth', 1e12],
]);
/** Every English number word below a hundred that englishSmall reads. */
export function englishSmallWords(): Iterable<string> {
  return EN_BELOW_HUNDRED.keys();
}

/** English ordinal word ("fifth") → 5. */
export function englishOrdinal(word: string): number | undefined {
  return EN_ORDINALS.get(word);
}

/** Every English ordinal word that englishOrdinal reads. */
export function englishOrdinalWords(): Iterable<string> {
  return EN_ORDINALS.keys();
}

/**
 * English fraction denominator ("tenth", "thirds", "quarter", "half") → denominator.
 * Plural forms ("thirds") are flagged because they need a numerator above one.
 */
export function englishDenominator(w: string): { den: number; plural: boolean } | undefined {
  if (w === 'half') return { den: 2, plural: false };
  if (w === 'halves') return { den: 2, plural: true };
  if (w === 'quarter') return { den: 4, plural: false };
  if (w === 'quarters') return { den: 4, plural: true };
  if (w === 'first' || w === 'second' || w === 'seconds') return undefined; // "a second" is time, never a fraction
  const o = EN_ORDINALS.get(w);
  if (o !== undefined) return { den: o, plural: false };
  if (w.endsWith('s')) {
    const p = EN_ORDINALS.get(w.slice(0, -1));
    if (p !== undefined) return { den: p, plural: true };
  }
  return undefined;
}

// German morphemes for the compound reader, longest first when they share a prefix.
const DE_MORPHEMES: Array<[string, number, 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' | 'und']> = [
  ['eins', 1, 'unit'], ['ein', 1, 'unit'], ['zwei', 2, 'unit'], ['zwo', 2, 'unit'], ['drei', 3, 'unit'], ['vier', 4, 'unit'],
  ['fünf', 5, 'unit'], ['fuenf', 5, 'unit'], ['sechs', 6, 'unit'], ['sieben', 7, 'unit'], ['acht', 8, 'unit'], ['neun', 9, 'unit'],
  ['zehn', 10, 'teen'], ['elf', 11, 'teen'], ['zwölf', 12, 'teen'], ['zwoelf', 12, 'teen'], ['dreizehn', 13, 'teen'],
  ['vierzehn', 14, 'teen'], ['fünfzehn', 15, 'teen'], ['fuenfzehn', 15, 'teen'], ['sechzehn', 16, 'teen'],
  ['siebzehn', 17, 'teen'], ['achtzehn', 18, 'teen'], ['neunzehn', 19, 'teen'],
  ['zwanzig', 20, 'tens'], ['dreißig', 30, 'tens'], ['dreissig', 30, 'tens'], ['vierzig', 40, 'tens'], ['fünfzig', 50, 'tens'],
  ['fuenfzig', 50, 'tens'], ['sechzig', 60, 'tens'], ['siebzig', 70, 'tens'], ['achtzig', 80, 'tens'], ['neunzig', 90, 'tens'],
  ['hundert', 100, 'hundred'], ['tausend', 1000, 'thousand'], ['und', 0, 'und'],
];

/**
 * A German number word below a million ("einundzwanzig" → 21, "zweitausend" → 2000) with the
 * place value of its smallest part, or undefined when the word is not wholly a number.
 * The bare articles "ein"/"eine" are not read as numbers here; callers decide.
 */
export function germanNumber(word: string): Readonly<{ value: number; precision: number }> | undefined {
  let known = germanNumbers.get(word);
  if (known === undefined) {
    if (germanNumbers.size >= MAX_GERMAN_NUMBERS) germanNumbers.clear();
    germanNumbers.set(word, (known = readGermanNumber(word) ?? null));
  }
  return known ?? undefined;
}
/** Words read so far (null: no number), bounded: a draft has a few thousand distinct words. */
const germanNumbers = new Map<string, Readonly<{ value: number; precision: number }> | null>();
const MAX_GERMAN_NUMBERS = 20_000;

function readGermanNumber(w: string): { value: number; precision: number } | undefined {
  let i = 0;
  let total = 0;
  let current = 0;
  let precision = 1;
  let last: string | undefined;
  let parts = 0;
  while (i < w.length) {
    let best: (typeof DE_MORPHEMES)[number] | undefined;
    for (const m of DE_MORPHEMES) {
      if ((best === undefined || m[0].length > best[0].length) && w.startsWith(m[0], i)) best = m;
    }
    if (!best) return undefined;
    const [text, value, kind] = best;
    if (kind === 'und') {
      if (last !== 'unit') return undefined;
    } else if (kind === 'unit' || kind === 'teen') {
      if (last === 'unit' || last === 'teen' || last === 'tens' || last === 'und') return undefined;
      current += value;
      precision = 1;
    } else if (kind === 'tens') {
      if (last === 'tens' || last === 'teen' || last === 'unit') return undefined;
      current += value;
      precision = 1;
    } else if (kind === 'hundred') {
      if (last === 'hundred' || last === 'und' || last === 'tens') return undefined;
      current = (current || 1) * 100;
      precision = 100;
    } else {
      if (last === 'thousand' || last === 'und' || total > 0) return undefined;
      total = (current || 1) * 1000;
      current = 0;
      precision = 1000;
    }
    last = kind;
    parts++;
    i += text.length;
  }
  if (last === 'und' || parts === 0) return undefined;
  if (w === 'ein') return undefined;
  return { value: total + current, precision };
}

/** German fraction noun ("Viertel", "Fünfzehntel", "Hälfte") → denominator. */
export function germanDenominator(w: string): number | undefined {
  if (w === 'hälfte' || w === 'haelfte') return 2;
  if (w === 'drittel') return 3;
  if (w === 'siebtel') return 7;
  if (w === 'achtel') return 8;
  const stem = w.endsWith('stel') ? w.slice(0, -4) : w.endsWith('tel') ? w.slice(0, -3) : undefined;
  if (!stem) return undefined;
  const n = germanNumber(stem);
  return n && n.value >= 4 ? n.value : undefined;
}

const DE_ORDINAL_STEMS = new Map<string, number>([
  ['erst', 1], ['zweit', 2], ['dritt', 3], ['viert', 4], ['fünft', 5], ['fuenft', 5], ['sechst', 6], ['siebt', 7],
  ['siebent', 7], ['acht', 8], ['neunt', 9], ['zehnt', 10], ['elft', 11], ['zwölft', 12], ['zwoelft', 12],
]);
/** German ordinal adjective or noun in any ending ("fünfter", "fünften", "Dritte", "zwanzigste") → number. */
export function germanOrdinal(w: string): number | undefined {
  for (const ending of ['e', 'er', 'en', 'em', 'es']) {
    if (!w.endsWith(ending)) continue;
    const stem = w.slice(0, -ending.length);
    const direct = DE_ORDINAL_STEMS.get(stem);
    if (direct !== undefined) return direct;
    if (stem.endsWith('st')) {
      const n = germanNumber(stem.slice(0, -2));
      if (n && n.value >= 20) return n.value;
    }
    if (stem.endsWith('t')) {
      const n = germanNumber(stem.slice(0, -1));
      if (n && n.value >= 13 && n.value < 20) return n.value;
    }
  }
  return undefined;
}

/** Unicode vulgar fractions ("½") → value. */
export const VULGAR_FRACTIONS = new Map<string, number>([
  ['½', 1 / 2], ['⅓', 1 / 3], ['⅔', 2 / 3], ['¼', 1 / 4], ['¾', 3 / 4], ['⅕', 1 / 5], ['⅙', 1 / 6], ['⅛', 1 / 8], ['⅒', 1 / 10],
]);

const EN_WORDS_OUT = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS_OUT = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const DE_WORDS_OUT = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf',
  'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const DE_TENS_OUT = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];

/** An integer 0–99 in words ("twenty-one", "einundzwanzig"), or undefined outside that range. */
export function integerWords(n: number, lang: Lang): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 99) return undefined;
  const small = lang === 'en' ? EN_WORDS_OUT : DE_WORDS_OUT;
  if (n < 20) return small[n];
  const tens = (lang === 'en' ? EN_TENS_OUT : DE_TENS_OUT)[Math.floor(n / 10)];
  const unit = n % 10;
  if (unit === 0) return tens;
  return lang === 'en' ? `${tens}-${small[unit]}` : `${unit === 1 ? 'ein' : small[unit]}und${tens}`;
}

const EN_DEN_OUT = new Map<number, string>([[2, 'half'], [3, 'third'], [4, 'quarter'], [5, 'fifth'], [6, 'sixth'], [8, 'eighth'], [10, 'tenth'], [15, 'fifteenth'], [20, 'twentieth'], [100, 'hundredth']]);
const DE_DEN_OUT = new Map<number, string>([[2, 'Hälfte'], [3, 'Drittel'], [4, 'Viertel'], [5, 'Fünftel'], [6, 'Sechstel'], [8, 'Achtel'], [10, 'Zehntel'], [15, 'Fünfzehntel'], [20, 'Zwanzigstel'], [100, 'Hundertstel']]);

/** A simple fraction in words ("one-tenth", "two-thirds", "ein Zehntel"), if value is n/d for a small d. */
export function fractionWords(value: number, lang: Lang): string | undefined {
  for (const den of (lang === 'en' ? EN_DEN_OUT : DE_DEN_OUT).keys()) {
    const num = Math.round(value * den);
    if (num < 1 || num >= den || Math.abs(num / den - value) > 1e-9) continue;
    if (lang === 'en') {
      const d = EN_DEN_OUT.get(den)!;
      const numWord = integerWords(num, 'en')!;
      return num === 1 ? `one-${d}` : `${numWord}-${d === 'half' ? 'halves' : d + 's'}`;
    }
    const d = DE_DEN_OUT.get(den)!;
    if (den === 2) return 'die Hälfte';
    return `${num === 1 ? 'ein' : integerWords(num, 'de')} ${d}`;
  }
  return undefined;
}
