// Masking after a keystroke without masking the whole document again. Typing inside a
// word of prose cannot change what is markup: markup needs punctuation, line structure or
// indentation, and an edit that only swaps letters and digits of a word standing between
// spaces (or before sentence punctuation) touches none of them. For such an edit the new
// masked text is the old one with the same letters swapped in; anything else (or anything
// unsure) returns undefined and the caller masks the whole document.
import type { MaskedDocument } from './prose';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && !(c >= 0xd800 && c <= 0xdfff) && LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** True if what stands right after a word cannot join it into markup: a blank, the end, or , ; ! ? or . before a blank or the end. */
function safeAfter(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const c = text.charCodeAt(at);
  if (isBlank(c)) return true;
  if (c === 44 || c === 59 || c === 33 || c === 63 || c === 46) return at + 1 >= text.length || isBlank(text.charCodeAt(at + 1));
  return false;
}

function allWordChars(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWordChar(text.charCodeAt(i))) return false;
  return true;
}

function allDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True if only spaces, tabs and block-quote markers stand between the line's start and `at`. */
function opensLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62) return false;
  }
  return true;
}

const CHUNK = 512;

/**
 * How many units two strings share (from their starts or ends, as the tests read): whole
 * chunks compared natively first, then unit by unit; a loop over every character of a long
 * draft in script costs more than the rest of a keystroke.
 */
function commonLength(max: number, sameChunk: (at: number, n: number) => boolean, sameUnit: (at: number) => boolean): number {
  let i = 0;
  while (i + CHUNK <= max && sameChunk(i, CHUNK)) i += CHUNK;
  while (i < max && sameUnit(i)) i++;
  return i;
}

/**
 * Where two versions of a text differ: they share `prefix` units at the start and `suffix`
 * units at the end (prefix + suffix never exceeds the shorter length), so the edit turned
 * prev[prefix, prev.length - suffix) into next[prefix, next.length - suffix).
 */
export function unchangedEnds(prev: string, next: string): { prefix: number; suffix: number } {
  const limit = Math.min(prev.length, next.length);
  const prefix = commonLength(limit, (i, n) => prev.slice(i, i + n) === next.slice(i, i + n), (i) => prev.charCodeAt(i) === next.charCodeAt(i));
  const suffix = commonLength(
    limit - prefix,
    (i, n) => prev.slice(prev.length - i - n, prev.length - i) === next.slice(next.length - i - n, next.length - i),
    (i) => prev.charCodeAt(prev.length - 1 - i) === next.charCodeAt(next.length - 1 - i),
  );
  return { prefix, suffix };
}

/** The masked form of `next`, derived from the masked form of `prev`, where the edit between them is a letter/digit edit inside one prose word; else undefined. */
export function maskAfterEdit(prev: string, prevMasked: MaskedDocument, next: string): MaskedDocument | undefined {
  if (prev === next) return prevMasked;
  if (prevMasked.text.length !== prev.length) return undefined;
  const { prefix: start, suffix: tail } = unchangedEnds(prev, next);
  const prevEnd = prev.length - tail;
  const nextEnd = next.length - tail;
  if (!allWordChars(prev, start, prevEnd) || !allWordChars(next, start, nextEnd)) return undefined;
  // The whole word around the edit, before and after: it must stay a word between safe neighbours.
  let wordStart = start;
  while (wordStart > 0 && isWordChar(prev.charCodeAt(wordStart - 1))) wordStart--;
  let after = prevEnd;
  while (after < prev.length && isWordChar(prev.charCodeAt(after))) after++;
  const nextAfter = after - prevEnd + nextEnd;
  if (after === wordStart || nextAfter === wordStart) return undefined;
  if (wordStart > 0 && !isBlank(prev.charCodeAt(wordStart - 1))) return undefined;
  if (!safeAfter(prev, after)) return undefined;
  // Words that markup reads: a number opening its line ("1. ", "12. ": a list marker or not,
  // by its digits) and "www" before a full stop (a bare URL, also after a non-ASCII letter).
  if ((allDigits(prev, wordStart, after) || allDigits(next, wordStart, nextAfter)) && opensLine(prev, wordStart)) return undefined;
  const www = next.indexOf('www.', wordStart);
  if (www >= 0 && www < nextAfter) return undefined;
  // The word was prose (masking had left it as it was).
  if (prevMasked.text.slice(wordStart, after) !== prev.slice(wordStart, after)) return undefined;
  const delta = nextEnd - prevEnd;
  return {
    text: prevMasked.text.slice(0, start) + next.slice(start, nextEnd) + prevMasked.text.slice(prevEnd),
    breaks: delta === 0 ? prevMasked.breaks : prevMasked.breaks.map((b) => (b > start ? b + delta : b)),
  };
}
