// Deciding whether a stretch of prose is English or German, so that figures are read
// with the right rules (a German "1.234" is a thousand, an English one is not).
// Evidence is counted per word without slicing substrings: each short word is packed
// into a number (5 bits per letter) and looked up in one table of function words.

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

// Packed word → +1 for English, -1 for German, in an open-addressing table (a look-up per
// short word costs a fraction of a Map's). Key 0 marks a free slot: letter codes start at 1.
const SLOTS = 1024;
const SLOT_KEYS = new Int32Array(SLOTS);
const SLOT_SIDES = new Int8Array(SLOTS);

function slotOf(key: number): number {
  let h = Math.imul(key, 0x9e3779b1) >>> 22;
  while (SLOT_KEYS[h] !== 0 && SLOT_KEYS[h] !== key) h = (h + 1) & (SLOTS - 1);
  return h;
}

for (const [words, side] of [[EN_WORDS, 1], [DE_WORDS, -1]] as const) {
  for (const w of words) {
    const h = slotOf(pack(w));
    SLOT_KEYS[h] = pack(w);
    SLOT_SIDES[h] = side;
  }
}

/** True for code units that belong to a word (letters of Latin scripts, apostrophe excluded). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

// The text is read as UTF-8, written natively by TextEncoder.encodeInto into a reused buffer:
// reading bytes of a typed array costs a fraction of charCodeAt per unit, and only counts come
// out, so byte offsets never matter. Word characters are ASCII letters (one byte) and U+00C0–
// U+024F (two bytes, lead byte 0xC3–0xC9); every other character, whatever its bytes, separates words.

/** A word character that packs to nothing (é, ł, ...): its word is no function word. */
const UNPACKABLE = 31;
/** Lead bytes, by the code points they start: U+00C0–U+00FF, U+0100–U+023F, U+0240–U+027F. */
const LEAD_C3 = 32;
const LEAD_C4_C8 = 33;
const LEAD_C9 = 34;

/** Per byte: 0 outside words, a letter code 1–26, or a lead byte. */
const BYTE_CLASS = new Uint8Array(256);
for (let c = 65; c <= 90; c++) BYTE_CLASS[c] = BYTE_CLASS[c + 32] = letterCode(c);
BYTE_CLASS[0xc3] = LEAD_C3;
for (let b = 0xc4; b <= 0xc8; b++) BYTE_CLASS[b] = LEAD_C4_C8;
BYTE_CLASS[0xc9] = LEAD_C9;

/** After lead byte 0xC3, per low six bits of the next: 0 (× ÷), 27–30 (ä ö ü ß) or UNPACKABLE. */
const AFTER_C3 = new Uint8Array(64);
for (let low = 0; low < 64; low++) AFTER_C3[low] = isWordChar(0xc0 + low) ? letterCode(0xc0 + low) || UNPACKABLE : 0;

/** Per letter code, what it tells of its word, as bits: a German letter, a letter that does not pack. */
const GERMAN_LETTER = 1;
const NOT_PACKED = 2;
const LETTER_FLAGS = new Uint8Array(32);
for (let code = 27; code <= 30; code++) LETTER_FLAGS[code] = GERMAN_LETTER;
LETTER_FLAGS[UNPACKABLE] = NOT_PACKED;

/** The last MAX_PACKED letter codes of a word: all of them in the short words that are looked up. */
const KEY_MASK = 2 ** (5 * MAX_PACKED) - 1;

/** Code units encoded at a time (each takes at most 3 bytes): bounds the buffer for long texts. */
const CHUNK = 16384;
const encoder = new TextEncoder();
const SPACE = 32;
/** One byte more than a chunk can take, for the separator that ends the last word. */
const bytes = new Uint8Array(CHUNK * 3 + 1);

/**
 * Counts function words of each language and German letters (ä ö ü ß: one point per
 * word containing any) in text[start, end). Linear; a word may run on into the next chunk.
 */
export function languageEvidence(text: string, start = 0, end = text.length): LanguageEvidence {
  let en = 0;
  let de = 0;
  let key = 0;
  let len = 0;
  let flags = 0;
  // A chunk cut through a surrogate pair encodes two U+FFFD for it: separators both, as the pair is.
  for (let from = start; from < end; from += CHUNK) {
    const to = Math.min(end, from + CHUNK);
    let stop = encoder.encodeInto(from === 0 && to === text.length ? text : text.slice(from, to), bytes).written;
    if (to === end) bytes[stop++] = SPACE;
    for (let i = 0; i < stop; ) {
      let code = BYTE_CLASS[bytes[i++]];
      if (code >= LEAD_C3) {
        const next = bytes[i++];
        code = code === LEAD_C3 ? AFTER_C3[next & 0x3f] : code === LEAD_C4_C8 || next < 0x90 ? UNPACKABLE : 0;
      }
      if (code !== 0) {
        flags |= LETTER_FLAGS[code];
        key = ((key << 5) | code) & KEY_MASK;
        len++;
        continue;
      }
      if (len === 0) continue;
      if (flags & GERMAN_LETTER) de++;
      if (len <= MAX_PACKED && (flags & NOT_PACKED) === 0) {
        const side = SLOT_SIDES[slotOf(key)];
        if (side === 1) en++;
        else if (side === -1) de++;
      }
      key = 0;
      len = 0;
      flags = 0;
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
