// Writes a value back into a draft the way the draft wrote the figure it replaces: the same
// currency notation, scale word, percent style and separators; words where the draft used
// words and the value has a simple word form. Only the number itself changes, so whatever
// surrounds it in `figure.text` (currency, scale word, unit) is kept character for character.
import type { Figure, Lang } from './types';
import { fractionWords, integerWords } from './numberWords';

const EN_ORDINAL_OUT = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
const GROUP_CHARS = new Set([',', '.', ' ', '\u00a0', '\u2009', '\u202f', "'"]);

/**
 * Text to put in place of `figure.text` so that the draft states `value` (plain units, same
 * unit as the figure), written the way the figure was written.
 */
export function formatLike(figure: Figure, value: number): string {
  const { style, lang } = figure;
  if (style.words) {
    const words = inWords(figure, value);
    if (words !== undefined) return matchCase(figure.text, words);
  }
  const core = numberCore(figure.text, figure);
  if (!core) return digitsFor(figure, value, 0);
  const rescale = betterScale(figure, value);
  const scaled = value / (rescale?.factor ?? (style.scale || 1));
  const written = digitsFor(figure, scaled, core.intDigits);
  let rest = figure.text.slice(core.end);
  if (rescale) rest = rest.replace(style.scaleWord!, matchCase(style.scaleWord!, rescale.word(Math.abs(scaled) === 1)));
  let out = figure.text.slice(0, core.start) + written + rest;
  // A rank written "5th" keeps its suffix right for the new number.
  if (figure.kind === 'rank' && lang === 'en') out = out.replace(/(\d)(st|nd|rd|th)\b/, (_m, d: string) => d + ordinalSuffix(Math.round(scaled)));
  return out;
}

// Scale words by family, so that a replacement keeps the draft's register ("bn" stays short, "Mrd." dotted).
type Family = Map<number, (one: boolean) => string>;
const fixed = (w: string) => () => w;
const EN_FULL: Family = new Map([[1e3, fixed('thousand')], [1e6, fixed('million')], [1e9, fixed('billion')], [1e12, fixed('trillion')]]);
const EN_SHORT: Family = new Map([[1e6, fixed('mn')], [1e9, fixed('bn')], [1e12, fixed('tn')]]);
const DE_FULL: Family = new Map<number, (one: boolean) => string>([
  [1e3, fixed('Tausend')], [1e6, (one: boolean) => (one ? 'Million' : 'Millionen')],
  [1e9, (one: boolean) => (one ? 'Milliarde' : 'Milliarden')], [1e12, (one: boolean) => (one ? 'Billion' : 'Billionen')],
]);
const DE_SHORT: Family = new Map([[1e3, fixed('Tsd.')], [1e6, fixed('Mio.')], [1e9, fixed('Mrd.')], [1e12, fixed('Bio.')]]);

/**
 * Where the value no longer fits the figure's scale word (1.71 trillion for "1,71 Milliarden"),
 * the scale word of the same family that does: the largest not above the value.
 */
function betterScale(figure: Figure, value: number): { factor: number; word: (one: boolean) => string } | undefined {
  const { scale, scaleWord } = figure.style;
  if (!scaleWord || scale < 1000) return undefined;
  const n = Math.abs(value) / scale;
  // Below one unit only where the draft itself wrote at least one ("US$0.5bn" stays as written).
  if (n === 0 || n < 1000 && (n >= 1 || Math.abs(figure.value) < scale)) return undefined;
  const lc = scaleWord.toLowerCase();
  const family = figure.lang === 'de'
    ? (lc.endsWith('.') || lc === 'mio' || lc === 'mrd' ? DE_SHORT : DE_FULL)
    : (lc.length <= 2 || lc === 'bln' || lc === 'mln' ? EN_SHORT : EN_FULL);
  let best: number | undefined;
  for (const f of family.keys()) if (f <= Math.abs(value) && (best === undefined || f > best)) best = f;
  if (best === undefined || best === scale) return undefined;
  return { factor: best, word: family.get(best)! };
}

/** Words for the value where the figure was written in words, or undefined to fall back to digits. */
function inWords(figure: Figure, value: number): string | undefined {
  const { style, lang } = figure;
  if (figure.kind === 'fraction') {
    const w = fractionWords(value, lang);
    if (w === undefined) return undefined;
    return lang === 'en' && !figure.text.includes('-') ? w.replace('-', ' ') : w;
  }
  if (figure.kind === 'rank') {
    return lang === 'en' && Number.isInteger(value) && value > 0 && value <= 20 ? EN_ORDINAL_OUT[value] : undefined;
  }
  const scale = style.scale || 1;
  const n = value / scale;
  const w = integerWords(n, lang);
  if (w === undefined) return undefined;
  const scalePart = style.scaleWord ? ` ${style.scaleWord}` : '';
  if (figure.kind === 'percent' || figure.kind === 'percentagePoints') return w + scalePart + (style.percentText ?? '');
  if (figure.kind === 'money') {
    const cur = style.currencyText ?? '';
    return style.currencyBefore ? `${cur}${w}${scalePart}` : `${w}${scalePart} ${cur}`;
  }
  return w + scalePart;
}

/** The span of the (first) written number in the figure's text, and how many integer digits it has. */
function numberCore(text: string, figure: Figure): { start: number; end: number; intDigits: number } | undefined {
  let s = 0;
  while (s < text.length && !(text[s] >= '0' && text[s] <= '9')) s++;
  if (s === text.length) return undefined;
  const dec = figure.style.decimalSeparator;
  const group = figure.style.groupSeparator;
  let e = s;
  let intDigits = 0;
  let inFraction = false;
  while (e < text.length) {
    const c = text[e];
    if (c >= '0' && c <= '9') {
      if (!inFraction) intDigits++;
      e++;
    } else if ((c === dec || (group !== '' && c === group)) && text[e + 1] >= '0' && text[e + 1] <= '9') {
      if (c === dec && group !== dec) inFraction = true;
      e++;
    } else break;
  }
  if (s > 0 && (text[s - 1] === '-' || text[s - 1] === '−')) s--;
  return { start: s, end: e, intDigits };
}

/** The number in digits with the figure's separators; `origIntDigits` tells whether the draft had occasion to group. */
function digitsFor(figure: Figure, n: number, origIntDigits: number): string {
  const { style, lang } = figure;
  let intPart: string;
  let fracPart: string | undefined;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    // Whole numbers (most sourced figures) need no search for the decimals to show.
    intPart = String(Math.abs(n));
  } else {
    [intPart, fracPart] = fractionalDigits(n);
  }
  let group = style.groupSeparator;
  if (group === '' && origIntDigits < 4) group = defaultGroup(lang);
  let grouped = intPart;
  if (group !== '' && intPart.length > 3) {
    const head = intPart.length % 3 || 3;
    grouped = intPart.slice(0, head);
    for (let i = head; i < intPart.length; i += 3) grouped += group + intPart.slice(i, i + 3);
  }
  return (n < 0 ? '-' : '') + grouped + (fracPart ? style.decimalSeparator + fracPart : '');
}

/** The integer and fraction digits of a value that is not whole, as few decimals as show it (up to 6). */
function fractionalDigits(n: number): [string, string | undefined] {
  let digits = recentDigits.get(n);
  if (digits === undefined) {
    let decimals = 0;
    while (decimals < 6 && Math.abs(Number(n.toFixed(decimals)) - n) > 1e-9 * Math.max(1, Math.abs(n))) decimals++;
    const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
    digits = [int, frac];
    // Sourced values recur in every check of a draft: keep the last few thousand, no more.
    if (recentDigits.size >= 4096) recentDigits.clear();
    recentDigits.set(n, digits);
  }
  return digits;
}
const recentDigits = new Map<number, [string, string | undefined]>();

function defaultGroup(lang: Lang): string {
  return lang === 'en' ? ',' : '.';
}

function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** Capitalises the replacement where the original started with a capital letter. */
function matchCase(original: string, words: string): string {
  const first = original[0];
  if (first && first !== first.toLowerCase() && GROUP_CHARS.has(first) === false) return words[0].toUpperCase() + words.slice(1);
  return words;
}
