// The sentence segments of a paragraph as Intl.Segmenter cuts them, asking ICU only where the
// text leaves room for doubt. A segment costs ICU a fixed few microseconds (the segmenter is
// cloned and the text copied for each string), more than reading the paragraph ourselves; most
// sentences of news copy end in ". " before a capital and hold no other stop, and there
// Unicode's sentence rules (UAX #29, which ICU implements) leave only one answer:
// - a stop (".", "!", "?"), spaces, then a capital A–Z: always a break, before the capital
//   (SB11; SB7 and SB8 need no space or a lower-case letter, and nothing else applies);
// - between two such breaks, no other break unless there is another stop or a paragraph
//   separator, and a "." followed by a digit (SB6), by a lower-case letter, with or without
//   spaces between (SB8), or glued between letters ("U.S", SB7) breaks nothing;
// - a run of stops and spaces at the end of a segment is its end (SB8a, SB9, SB10).
// Anything else (a stop before a quote or a digit, "!" inside a segment, any character ICU
// might treat as a stop) goes to ICU, for the whole paragraph. Whether a character beyond
// ASCII can be a stop or a separator is asked of ICU itself, once per character.

import type { Lang } from './types';

const SPACE = 32;
const DOT = 46;
const BANG = 33;
const QUESTION = 63;

const segmenters = new Map<Lang, Intl.Segmenter>();

/** The sentence segmenter of a language, made once. */
export function segmenter(lang: Lang): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: 'sentence' })));
  return s;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isStop(c: number): boolean {
  return c === DOT || c === BANG || c === QUESTION;
}

/**
 * The characters that can make or doubt a break: stops, line breaks (read as spaces before
 * segmenting; here a doubt) and all beyond ASCII but the letters of Latin-1, which are quiet.
 */
const WATCHED = /[.!?\n\r\u0080-\u00bf\u00d7\u00f7\u0100-\uffff]/g;

/**
 * Per UTF-16 code unit beyond ASCII: 0 not asked yet, 1 neither a stop nor a paragraph
 * separator in ICU's sentence rules, 2 one of them (or a surrogate, which ICU reads in pairs).
 */
const QUIET_WIDE = new Uint8Array(0x10000);

/** Whether code unit c, beyond ASCII, can start no sentence break of its own (English and German share the rules). */
function isQuiet(c: number): boolean {
  let known = QUIET_WIDE[c];
  if (known === 0) {
    // A stop breaks "a<c> Bb" before the capital, a separator breaks "a<c>b" after itself.
    const ch = String.fromCharCode(c);
    const quiet = (c < 0xd800 || c > 0xdfff) && singleSegment(`a${ch} Bb`) && singleSegment(`a${ch}b`);
    known = QUIET_WIDE[c] = quiet ? 1 : 2;
  }
  return known === 1;
}

function singleSegment(text: string): boolean {
  return segmenter('en').segment(text).containing(0)!.segment.length === text.length;
}

/** Whether the "." at p breaks nothing: a digit, a lower-case letter (after spaces or not) or, between letters, a capital follows. */
function dotJoins(text: string, p: number): boolean {
  // Read only within the text: a read past either end would make the optimised code start over.
  if (p + 1 >= text.length) return false;
  const next = text.charCodeAt(p + 1);
  if ((next >= 48 && next <= 57) || isLower(next)) return true;
  if (isUpper(next)) {
    const prev = p > 0 ? text.charCodeAt(p - 1) : 0;
    return isUpper(prev) || isLower(prev);
  }
  if (next !== SPACE) return false;
  let q = p + 1;
  while (q < text.length && text.charCodeAt(q) === SPACE) q++;
  return q < text.length && isLower(text.charCodeAt(q));
}

/**
 * The sentence segments of one paragraph's text (line breaks read as spaces), as
 * Intl.Segmenter's `containing` gives them. One pass over the text finds the breaks the rules
 * above settle and the segments they leave in doubt; ICU segments the text only if asked
 * about a place in one of those.
 */
export class SentenceSegments {
  /** The segment found by the last containing(): its start and end. */
  index = 0;
  end = 0;
  /** Starts of the segments the rules settle, with the text's length last; starts[k] is doubtful[k]'s start. */
  private readonly starts: number[] = [];
  private readonly doubtful: boolean[] = [];
  private icu: Intl.Segments | undefined;

  constructor(private readonly text: string, private readonly lang: Lang) {
    const n = text.length;
    let start = 0;
    let doubt = false;
    // Only stops and characters beyond ASCII can break a segment: the platform's search skips the rest.
    for (let p = 0; ; ) {
      WATCHED.lastIndex = p;
      if (!WATCHED.test(text)) break;
      p = WATCHED.lastIndex - 1;
      const c = text.charCodeAt(p);
      if (!isStop(c)) {
        // A line break (callers pass paragraphs with them read as spaces) or a character beyond ASCII.
        if (c < 0x80 || !isQuiet(c)) doubt = true;
        p++;
        continue;
      }
      // A run of stops and spaces: the end of a segment where a capital follows after a space
      // (or nothing follows), otherwise stops inside one, each of which must break nothing.
      let r = p + 1;
      while (r < n && (isStop(text.charCodeAt(r)) || text.charCodeAt(r) === SPACE)) r++;
      if (r === n) break;
      if (text.charCodeAt(r - 1) === SPACE && isUpper(text.charCodeAt(r))) {
        this.starts.push(start);
        this.doubtful.push(doubt);
        start = r;
        doubt = false;
      } else {
        for (let s = p; s < r && !doubt; s++) {
          const d = text.charCodeAt(s);
          if (d !== SPACE && (d !== DOT || !dotJoins(text, s))) doubt = true;
        }
      }
      p = r;
    }
    this.starts.push(start);
    this.doubtful.push(doubt);
    this.starts.push(n);
  }

  /** Finds the segment containing offset i (0 <= i < text.length) and sets index and end to it. */
  containing(i: number): void {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    if (!this.doubtful[lo]) {
      this.index = starts[lo];
      this.end = starts[lo + 1];
      return;
    }
    this.icu ??= segmenter(this.lang).segment(this.text);
    const seg = this.icu.containing(i)!;
    this.index = seg.index;
    this.end = seg.index + seg.segment.length;
  }
}
