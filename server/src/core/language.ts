// Deciding whether a stretch of prose is English or German, so that figures are read
// with the right rules (a German "1.234" is a thousand, an English one is not).
// Evidence is counted per word without slicing substrings: each short word is packed
// into a number (5 bits per letter) and looked up in one map of function words.

import type { Lang } from './types';

/** Counts of English and German evidence in a stretch of text. */
export interface LanguageEvidence {
  en: number;
  de: number;
}

// Function words that are frequent in one language and rare or absent in the other.
// Words shared by both ("in", "an", "was", "so", "die" in English) are left out.
const EN_WORDS = [
  'the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'are', 'were', 'has', 'have', 'this',
  'it', 'its', 'by', 'from', 'on', 'at', 'be', 'been', 'which', 'than', 'or', 'not', 'their',
  'these', 'more', 'new', 'year', 'over', 'into', 'such', 'as', 'a', 'had', 'but', 'they', 'we',
  'our', 'would', 'after', 'about',
];
const DE_WORDS = [
  'der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'von', 'zu', 'den', 'für', 'auf', 'dem',
  'des', 'ein', 'eine', 'einer', 'eines', 'im', 'sich', 'sind', 'wird', 'auch', 'als', 'bei',
  'nach', 'wie', 'über', 'zum', 'zur', 'werden', 'oder', 'noch', 'aus', 'seit', 'jahr', 'mehr',
  'neue', 'wurde', 'wurden', 'sowie', 'einem', 'durch', 'es', 'sie', 'dass', 'war', 'haben', 'unter',
  'vom', 'ihre', 'diese', 'dieser', 'einen',
];

/** Letter code for packing: a–z → 1–26, ä ö ü ß → 27–30, anything else → 0 (not packable). */
function letterCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  switch (c) {
    case 0xe4: case 0xc4: return 27; // ä Ä
    case 0xf6: case 0xd6: return 28; // ö Ö
    case 0xfc: case 0xdc: return 29; // ü Ü
    case 0xdf: return 30; // ß
    default: return 0;
  }
}

/** Words up to this many letters are packed (6 × 5 bits stays within a small integer). */
const MAX_PACKED = 6;

function pack(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = key * 32 + letterCode(word.charCodeAt(i));
  return key;
}

/** Packed word → +1 for English, -1 for German. */
const FUNCTION_WORDS = new Map<number, number>();
for (const w of EN_WORDS) FUNCTION_WORDS.set(pack(w), 1);
for (const w of DE_WORDS) FUNCTION_WORDS.set(pack(w), -1);

/** True for code units that belong to a word (letters of Latin scripts, apostrophe excluded). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Counts function words of each language and German letters (ä ö ü ß: one point per
 * word containing any) in text[start, end). Linear, allocation-free.
 */
export function languageEvidence(text: string, start = 0, end = text.length): LanguageEvidence {
  let en = 0;
  let de = 0;
  let i = start;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let key = 0;
    let len = 0;
    let packable = true;
    let umlaut = false;
    while (i < end && isWordChar((c = text.charCodeAt(i)))) {
      const code = letterCode(c);
      if (code === 0) packable = false;
      else if (code >= 27) umlaut = true;
      if (++len <= MAX_PACKED) key = key * 32 + code;
      i++;
    }
    if (umlaut) de++;
    if (packable && len <= MAX_PACKED) {
      const w = FUNCTION_WORDS.get(key);
      if (w === 1) en++;
      else if (w === -1) de++;
    }
  }
  return { en, de };
}

/** The language the evidence favours; the fallback on a tie. */
export function decideLanguage(evidence: LanguageEvidence, fallback: Lang): Lang {
  if (evidence.de > evidence.en) return 'de';
  if (evidence.en > evidence.de) return 'en';
  return fallback;
}

/** 'en' or 'de' for text[start, end), by majority of evidence; ties and no evidence → the fallback. */
export function detectLanguage(text: string, start = 0, end = text.length, fallback: Lang = 'en'): Lang {
  return decideLanguage(languageEvidence(text, start, end), fallback);
}
