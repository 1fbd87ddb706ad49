// From a document to the prose in it: markup is masked (replaced by spaces, so that
// offsets stay offsets into the document), then the prose is cut into paragraphs, each
// with its language, and into sentences. Every scanner here is hand-written and linear:
// the language server runs them on every keystroke, on untrusted text.

import type { Lang, LangSetting, Paragraph, Sentence } from './types';
import type { TextEdit } from './textEdit';
import { decideLanguage, languageEvidence, type LanguageEvidence } from './language';
import { segmenter, SentenceSegments } from './sentenceBreaks';

/** A masked document and where Markdown starts blocks that blank lines do not separate. */
export interface MaskedDocument {
  /** The document with non-prose replaced by spaces (line breaks kept), same length. */
  text: string;
  /**
   * Offsets of line starts that begin a new block although no blank line precedes them
   * (list items, table rows, footnote definitions, lines after a rule, block-quote
   * boundaries), ascending. Needed because masked list bullets leave nothing to see;
   * headings need none, their '#' stays.
   */
  breaks: number[];
}

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** The document with everything that is not prose replaced by spaces (newlines kept), so that offsets into the result are offsets into the document. */
export function maskMarkup(text: string, format: 'markdown' | 'plaintext'): string {
  return maskDocument(text, format).text;
}

/** maskMarkup, plus the block breaks that findParagraphs needs to keep list items and table rows apart. */
export function maskDocument(text: string, format: 'markdown' | 'plaintext'): MaskedDocument {
  const mask = maskScratch.take(text.length).fill(0);
  const breaks: number[] = [];
  if (format === 'markdown') {
    maskBlocks(text, mask, breaks);
    maskCodeSpans(text, mask);
    maskInline(text, mask);
  }
  maskUrlsAndEmails(text, mask);
  return { text: applyMask(text, mask), breaks };
}

// Typed arrays are reused from one document to the next: a fresh one per keystroke is memory
// outside the heap, whose accounting soon forces full collections. Texts longer than
// KEPT_SCRATCH units get arrays of their own.
const KEPT_SCRATCH = 1 << 20;

/** A typed array reused by one scanner: take() hands out a view of `n` units, not initialised. */
class Scratch<A extends Uint8Array | Uint16Array | Int32Array> {
  private array: A;

  constructor(private readonly make: (n: number) => A) {
    this.array = make(0);
  }

  take(n: number): A {
    if (n > KEPT_SCRATCH) return this.make(n);
    if (this.array.length < n) this.array = this.make(Math.min(KEPT_SCRATCH, Math.max(n, 2 * this.array.length)));
    return this.array.subarray(0, n) as A;
  }
}

const maskScratch = new Scratch((n) => new Uint8Array(n));
const codesScratch = new Scratch((n) => new Uint16Array(n));
const partnerScratch = new Scratch((n) => new Int32Array(n));
const stackScratch = new Scratch((n) => new Int32Array(n));

// Many masked runs (hostile input: a link every four characters) are decoded from code
// units in one native call, as joining thousands of small slices costs far more; a lone
// surrogate then comes out as U+FFFD, one code unit for one, so offsets still hold. A few
// runs (the usual draft) are cheaper as slices and spaces.
const UTF16 = new TextDecoder('utf-16le');
const MANY_RUNS = 256;

/** Builds the masked string: masked code units become spaces, line breaks stay. */
function applyMask(text: string, mask: Uint8Array): string {
  const n = text.length;
  let runs = 0;
  for (let i = mask.indexOf(1); i >= 0 && i < n; i = mask.indexOf(1, i)) {
    runs++;
    i = mask.indexOf(0, i);
    if (i < 0) break;
  }
  if (runs === 0) return text;
  if (runs > MANY_RUNS) {
    const codes = codesScratch.take(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      codes[i] = mask[i] === 1 && c !== NL && c !== CR ? SPACE : c;
    }
    return UTF16.decode(codes);
  }
  const parts: string[] = [];
  let i = 0;
  while (i < n) {
    const from = i;
    if (mask[i] === 0) {
      i = mask.indexOf(1, i);
      if (i < 0) i = n;
      parts.push(text.slice(from, i));
      continue;
    }
    while (i < n && mask[i] === 1) {
      const c = text.charCodeAt(i);
      if (c === NL || c === CR) break;
      i++;
    }
    if (i > from) parts.push(' '.repeat(i - from));
    if (i < n && mask[i] === 1) parts.push(text[i++]); // the kept line break
  }
  return parts.join('');
}

function fill(mask: Uint8Array, from: number, to: number): void {
  mask.fill(1, from, to);
}

/** End of the line starting at `at` (index of its '\n' or '\r\n', or the text's end). */
function lineEnd(text: string, at: number): number {
  let i = text.indexOf('\n', at);
  if (i < 0) i = text.length;
  return i > at && text.charCodeAt(i - 1) === CR ? i - 1 : i;
}

/** Start of the next line after the line ending at `end`. */
function nextLine(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return text.charCodeAt(end) === CR ? end + 2 : end + 1;
}

/** True if text[from, to) is only spaces and tabs. */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** True if the line is exactly `marker` (trailing spaces allowed). */
function lineIs(text: string, from: number, to: number, marker: string): boolean {
  return text.startsWith(marker, from) && blank(text, from + marker.length, to);
}

/** Length of the run of character code `c` starting at `at`. */
function runLength(text: string, at: number, to: number, c: number): number {
  let i = at;
  while (i < to && text.charCodeAt(i) === c) i++;
  return i - at;
}

/** Masks YAML/TOML front matter at the very start; returns where the body begins. */
function maskFrontMatter(text: string, mask: Uint8Array): number {
  const firstEnd = lineEnd(text, 0);
  const yaml = lineIs(text, 0, firstEnd, '---');
  if (!yaml && !lineIs(text, 0, firstEnd, '+++')) return 0;
  let at = nextLine(text, firstEnd);
  while (at < text.length) {
    const end = lineEnd(text, at);
    if (yaml ? lineIs(text, at, end, '---') || lineIs(text, at, end, '...') : lineIs(text, at, end, '+++')) {
      const body = nextLine(text, end);
      fill(mask, 0, end);
      return body;
    }
    at = nextLine(text, end);
  }
  return 0; // unterminated: a thematic break, not front matter
}

/** True if the line (from its first non-space character) is a delimiter row of a table. */
function isTableDelimiter(text: string, from: number, to: number): boolean {
  let pipes = 0;
  let dashes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 124) pipes++;
    else if (c === 45) dashes++;
    else if (c !== 58 && !isSpace(c)) return false;
  }
  return pipes > 0 && dashes > 0;
}

/** Index of character code `c` in text[from, to), or -1 (bounded, unlike indexOf, to stay linear per line). */
function indexIn(text: string, c: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === c) return i;
  return -1;
}

/** True if the line is a thematic break or setext underline: three or more of one of - * _ = and spaces. */
function isRule(text: string, from: number, to: number): boolean {
  const c0 = text.charCodeAt(from);
  if (c0 !== 45 && c0 !== 42 && c0 !== 95 && c0 !== 61) return false;
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === c0) count++;
    else if (!isSpace(c)) return false;
  }
  return count >= 3;
}

/**
 * The block structure, line by line: front matter, fenced and indented code, reference
 * definitions, rules, block-quote and list markers, table pipes and delimiter rows.
 */
function maskBlocks(text: string, mask: Uint8Array, breaks: number[]): void {
  const n = text.length;
  let at = maskFrontMatter(text, mask);
  let fenceChar = 0;
  let fenceLen = 0;
  let prevBlank = true;
  let inIndentedCode = false;
  let inList = false;
  let inTable = false;
  let prevQuoted = false;
  const pipe = new Occurrences(text, '|');
  while (at < n) {
    const end = lineEnd(text, at);
    const next = nextLine(text, end);
    if (fenceChar !== 0) {
      let p = at;
      while (p < end && p - at < 3 && text.charCodeAt(p) === SPACE) p++;
      const run = runLength(text, p, end, fenceChar);
      if (run >= fenceLen && blank(text, p + run, end)) fenceChar = 0;
      fill(mask, at, end);
      at = next;
      prevBlank = fenceChar === 0;
      continue;
    }
    // Indentation in columns (a tab advances to the next multiple of 4).
    let p = at;
    let indent = 0;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === SPACE) indent++;
      else if (c === TAB) indent += 4 - (indent % 4);
      else break;
    }
    if (p >= end) {
      prevBlank = true;
      inTable = false;
      at = next;
      continue;
    }
    // A list ends at an unindented line after a blank line (a new item starts it again).
    if (prevBlank && indent === 0) inList = false;
    if (indent >= 4 && (prevBlank || inIndentedCode) && !inList) {
      fill(mask, at, end);
      inIndentedCode = true;
      prevBlank = false;
      at = next;
      continue;
    }
    inIndentedCode = false;
    // Block-quote markers.
    let quoted = false;
    while (p < end && text.charCodeAt(p) === 62) {
      quoted = true;
      mask[p++] = 1;
      while (p < end && isSpace(text.charCodeAt(p))) p++;
    }
    if (quoted !== prevQuoted) breaks.push(at);
    prevQuoted = quoted;
    if (p >= end) {
      prevBlank = true;
      at = next;
      continue;
    }
    const c = text.charCodeAt(p);
    // Fenced code.
    if (c === 96 || c === 126) {
      const run = runLength(text, p, end, c);
      if (run >= 3 && (c === 126 || indexIn(text, 96, p + run, end) < 0)) {
        fenceChar = c;
        fenceLen = run;
        fill(mask, at, end);
        at = next;
        prevBlank = false;
        continue;
      }
    }
    // Rules and setext underlines carry no prose.
    if (isRule(text, p, end)) {
      fill(mask, at, end);
      breaks.push(next);
      prevBlank = false;
      at = next;
      continue;
    }
    // Tables: a delimiter row makes the line above a header and the lines below rows.
    if (isTableDelimiter(text, p, end)) {
      fill(mask, at, end);
      inTable = true;
      prevBlank = false;
      at = next;
      continue;
    }
    if (inTable || (pipe.within(p, end) && next < n && isTableDelimiter(text, next, lineEnd(text, next)))) {
      breaks.push(at);
      for (let i = p; i < end; i++) if (text.charCodeAt(i) === 124) mask[i] = 1;
      prevBlank = false;
      at = next;
      continue;
    }
    // Headings keep their '#', by which findParagraphs makes each its own paragraph.
    if (c === 35) {
      const hashes = runLength(text, p, end, 35);
      if (hashes <= 6 && (p + hashes === end || isSpace(text.charCodeAt(p + hashes)))) {
        prevBlank = false;
        inList = false;
        at = next;
        continue;
      }
    }
    // Reference definitions "[id]: url" are not prose; footnote definitions "[^1]: text" are.
    if (c === 91) {
      const close = indexIn(text, 93, p, end);
      if (close > p && text.charCodeAt(close + 1) === 58) {
        breaks.push(at);
        if (text.charCodeAt(p + 1) === 94) fill(mask, p, close + 2);
        else fill(mask, at, end);
        prevBlank = false;
        at = next;
        continue;
      }
    }
    // List markers: - * + or 1–9 digits with . or ) (a number other than 1 only where a
    // list can start, so a wrapped line beginning "2020." stays prose).
    let marker = 0;
    if ((c === 45 || c === 42 || c === 43) && (p + 1 === end || isSpace(text.charCodeAt(p + 1)))) {
      marker = 1;
    } else if (isDigit(c)) {
      let d = p;
      while (d < end && d - p < 9 && isDigit(text.charCodeAt(d))) d++;
      const sep = text.charCodeAt(d);
      const one = d === p + 1 && c === 49;
      if ((sep === 46 || sep === 41) && (d + 1 === end || isSpace(text.charCodeAt(d + 1))) && (prevBlank || inList || one)) {
        marker = d + 1 - p;
      }
    }
    if (marker > 0) {
      breaks.push(at);
      fill(mask, p, p + marker);
      // Task-list box "[ ]" / "[x]".
      let q = p + marker;
      while (q < end && isSpace(text.charCodeAt(q))) q++;
      if (text.charCodeAt(q) === 91 && text.charCodeAt(q + 2) === 93 && q + 2 < end) fill(mask, q, q + 3);
      inList = true;
    }
    prevBlank = false;
    at = next;
  }
}

/**
 * `index` plus the blank lines (a line break, optional spaces, another line break) in
 * text[from, to): a running paragraph number, as inline constructs never cross paragraphs.
 */
function paragraphIndex(text: string, from: number, to: number, index: number): number {
  let i = from;
  while (i < to) {
    if (text.charCodeAt(i) === NL) {
      let j = i + 1;
      while (j < to && (isSpace(text.charCodeAt(j)) || text.charCodeAt(j) === CR)) j++;
      if (j < to && text.charCodeAt(j) === NL) index++;
      i = j;
    } else i++;
  }
  return index;
}

/**
 * Inline code spans: a backtick run opens a span closed by the next run of the same
 * length in the same paragraph; unmatched runs are literal. Runs are listed once, each
 * with a link to the next run of its length, so the scan stays linear (100k backticks
 * included). Typed arrays, not growing JS arrays, keep hostile input off the collector.
 */
function maskCodeSpans(text: string, mask: Uint8Array): void {
  const n = text.length;
  let count = 0;
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i + runLength(text, i, n, 96))) count++;
  if (count === 0) return;
  const starts = new Int32Array(count);
  const lengths = new Int32Array(count);
  const paras = new Int32Array(count);
  let runs = 0;
  let para = 0;
  let last = 0;
  for (let i = text.indexOf('`'); i >= 0; ) {
    const len = runLength(text, i, n, 96);
    if (mask[i] === 0 && text.charCodeAt(i - 1) !== 92) {
      para = paragraphIndex(text, last, i, para);
      last = i;
      starts[runs] = i;
      lengths[runs] = len;
      paras[runs++] = para;
    }
    i = text.indexOf('`', i + len);
  }
  // next[k]: the next run after k with the same length, or -1; built right to left.
  const next = new Int32Array(runs);
  const lastOfLength = new Map<number, number>();
  for (let k = runs - 1; k >= 0; k--) {
    next[k] = lastOfLength.get(lengths[k]) ?? -1;
    lastOfLength.set(lengths[k], k);
  }
  let k = 0;
  while (k < runs) {
    const closer = next[k];
    if (closer < 0 || paras[closer] !== paras[k]) {
      k++;
      continue;
    }
    fill(mask, starts[k], starts[closer] + lengths[closer]);
    k = closer + 1;
  }
}

/**
 * Fills `partner` with the index of each bracket's partner (open ↔ close) for both '[]'
 * and '()', by one pass with a stack for each that resets at blank lines: Markdown links
 * never span paragraphs. The two stacks share one array, '[' from the bottom, '(' from the top.
 */
function matchBrackets(text: string, mask: Uint8Array, partner: Int32Array): void {
  const n = text.length;
  const stack = stackScratch.take(n);
  let square = 0;
  let round = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      let j = i + 1;
      while (j < n && (isSpace(text.charCodeAt(j)) || text.charCodeAt(j) === CR)) j++;
      if (j >= n || text.charCodeAt(j) === NL) {
        square = 0;
        round = n;
      }
    } else if (mask[i] === 1) {
      continue;
    } else if (c === 92) {
      i++; // backslash escape
    } else if (c === 91) {
      stack[square++] = i;
    } else if (c === 93) {
      if (square > 0) pair(partner, stack[--square], i);
    } else if (c === 40) {
      stack[--round] = i;
    } else if (c === 41) {
      if (round < n) pair(partner, stack[round++], i);
    }
  }
}

function pair(partner: Int32Array, open: number, close: number): void {
  partner[open] = close;
  partner[close] = open;
}

/**
 * Where a string next occurs in a text, for a scan from left to right: each search starts
 * natively where the last one was passed, so all of them together read the text once
 * (asked about an earlier position, it searches again).
 */
class Occurrences {
  /** The position last asked about, -1 before the first. */
  private asked = -1;
  /** The first occurrence at or after `asked`, or -1. */
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** Index of the first occurrence at or after `from`, or -1. */
  next(from: number): number {
    if (this.asked < 0 || from < this.asked || (this.found >= 0 && this.found < from)) this.found = this.text.indexOf(this.needle, from);
    this.asked = from;
    return this.found;
  }

  /** True if text[from, to) holds an occurrence. */
  within(from: number, to: number): boolean {
    const i = this.next(from);
    return i >= 0 && i < to;
  }
}

/** The smaller of two indexes, -1 standing for none. */
function earliest(a: number, b: number): number {
  return a < 0 ? b : b < 0 || a < b ? a : b;
}

/**
 * Inline markup outside code: HTML comments and tags, autolinks, images, links (text
 * kept, brackets and destination masked), footnote markers.
 */
function maskInline(text: string, mask: Uint8Array): void {
  const n = text.length;
  // partner[i]: the matching bracket of the '[', ']', '(' or ')' at i, or -1; only
  // links and images need it, so a text without '[' skips the work.
  const brackets = text.indexOf('[') >= 0;
  const partner = partnerScratch.take(brackets ? n : 0).fill(-1);
  if (brackets) matchBrackets(text, mask, partner);
  // Only '<', '![', '[' and '\\' start anything here: the scan jumps from one to the next.
  const tag = new Occurrences(text, '<');
  const image = new Occurrences(text, '![');
  const link = new Occurrences(text, '[');
  const escape = new Occurrences(text, '\\');
  let i = 0;
  for (;;) {
    i = earliest(earliest(tag.next(i), image.next(i)), earliest(link.next(i), escape.next(i)));
    if (i < 0) return;
    if (mask[i] === 1) {
      i++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92) {
      i += 2;
      continue;
    }
    if (c === 60) {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        const end = close < 0 ? n : close + 3;
        fill(mask, i, end);
        i = end;
        continue;
      }
      const d = text.charCodeAt(i + 1);
      if (isAsciiLetter(d) || (d === 47 && isAsciiLetter(text.charCodeAt(i + 2)))) {
        // A tag or autolink: up to the next '>', giving up at '<' or a blank line.
        let j = i + 1;
        let newlines = 0;
        while (j < n) {
          const e = text.charCodeAt(j);
          if (e === 62 || e === 60) break;
          if (e === NL && ++newlines > 1) break;
          j++;
        }
        if (j < n && text.charCodeAt(j) === 62) {
          fill(mask, i, j + 1);
          i = j + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === 33 && text.charCodeAt(i + 1) === 91) {
      const close = partner[i + 1];
      if (close >= 0) {
        const end = linkTail(text, close, partner);
        if (end > close + 1) {
          fill(mask, i, end);
          i = end;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === 91) {
      const close = partner[i];
      if (close < 0) {
        i++;
        continue;
      }
      if (text.charCodeAt(i + 1) === 94) {
        fill(mask, i, close + 1); // footnote marker [^1]
        i = close + 1;
        continue;
      }
      mask[i] = 1;
      fill(mask, close, linkTail(text, close, partner));
      i++; // the link text is scanned as prose
      continue;
    }
    i++;
  }
}

/** End of a link's tail after its closing bracket: "(dest "title")", "[ref]", or just the bracket. */
function linkTail(text: string, close: number, partner: Int32Array): number {
  const next = text.charCodeAt(close + 1);
  if ((next === 40 || next === 91) && partner[close + 1] > close) return partner[close + 1] + 1;
  return close + 1;
}

function isUrlStop(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || c === 60 || c === 62 || c === 34 || Number.isNaN(c);
}

/** Characters trimmed from the end of a bare URL: sentence punctuation after it. */
function isTrailingPunct(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 39 || c === 41 || c === 0x201d || c === 0x2019;
}

function isEmailLocal(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isDomainChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 45 || c === 46;
}

/** Bare URLs (http://, https://, www.) and e-mail addresses, in both formats. */
function maskUrlsAndEmails(text: string, mask: Uint8Array): void {
  const n = text.length;
  // Only "http", "www." and "@" start anything here: the scan jumps from one to the next.
  const http = new Occurrences(text, 'http');
  const www = new Occurrences(text, 'www.');
  const at = new Occurrences(text, '@');
  let i = 0;
  for (;;) {
    i = earliest(earliest(http.next(i), www.next(i)), at.next(i));
    if (i < 0) return;
    const c = text.charCodeAt(i);
    if (mask[i] === 0 && (c === 104 || c === 119) && !isEmailLocal(text.charCodeAt(i - 1))) {
      if (text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i)) {
        let j = i;
        let open = 0;
        let closed = 0;
        while (j < n && !isUrlStop(text.charCodeAt(j))) {
          const d = text.charCodeAt(j);
          if (d === 40) open++;
          else if (d === 41) closed++;
          j++;
        }
        // Trailing punctuation belongs to the sentence; a ')' only if it closes nothing in the URL.
        while (j > i && isTrailingPunct(text.charCodeAt(j - 1))) {
          if (text.charCodeAt(j - 1) === 41) {
            if (closed <= open) break;
            closed--;
          }
          j--;
        }
        fill(mask, i, j);
        i = j;
        continue;
      }
    }
    if (c === 64 && mask[i] === 0) {
      let s = i;
      while (s > 0 && isEmailLocal(text.charCodeAt(s - 1)) && mask[s - 1] === 0) s--;
      let e = i + 1;
      while (e < n && isDomainChar(text.charCodeAt(e))) e++;
      // A sentence's full stop after the address is not part of its domain.
      while (e > i + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
      const dot = indexIn(text, 46, i + 2, e - 1);
      if (s < i && dot > 0) {
        fill(mask, s, e);
        i = e;
        continue;
      }
    }
    i++;
  }
}

// ---------------------------------------------------------------- paragraphs

/** Paragraphs with fewer function words than this take the document's language. */
const MIN_EVIDENCE = 4;

/** True if text[from, to) contains a letter. */
function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c)) return true;
    if (c >= 0xc0 && LETTER.test(text[i])) return true;
  }
  return false;
}
const LETTER = /\p{L}/u;

/** True if the line starting at `at` (up to `end`) is an ATX heading: 1–6 '#' then a space. */
function isHeadingLine(text: string, at: number, end: number): boolean {
  let p = at;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  const hashes = runLength(text, p, end, 35);
  return hashes >= 1 && hashes <= 6 && (p + hashes === end || isSpace(text.charCodeAt(p + hashes)));
}

/** Language evidence of paragraphs by where they start, and where each ends. */
export type EvidenceByStart = Map<number, { end: number; ev: LanguageEvidence }>;

/**
 * Language evidence of the paragraphs of one version of a document, reusing that of the last
 * version: after a keystroke only the edited paragraph is counted again. A paragraph's
 * evidence is reused where it lies wholly before or after the edit with the same length.
 */
export class EvidenceCache {
  readonly byStart: EvidenceByStart = new Map();

  /** `last`: the evidence of the last version and the edit that leads from it to this one. */
  constructor(private readonly last?: { byStart: EvidenceByStart; edit: TextEdit }) {}

  evidence(masked: string, from: number, to: number): LanguageEvidence {
    let ev: LanguageEvidence | undefined;
    if (this.last) {
      const before = this.last.edit.before(from, to);
      const hit = before >= 0 ? this.last.byStart.get(before) : undefined;
      if (hit && hit.end - before === to - from) ev = hit.ev;
    }
    ev ??= languageEvidence(masked, from, to);
    this.byStart.set(from, { end: to, ev });
    return ev;
  }
}

/** The language of the whole masked document by all its evidence (what short paragraphs take under 'auto'). */
export function documentLanguage(masked: string, fallback: Lang = 'en'): Lang {
  return decideLanguage(languageEvidence(masked), fallback);
}

/**
 * Paragraphs of prose in masked text (blank-line separated blocks; also Markdown
 * headings and, given maskDocument's `breaks`, list items/table rows as their own
 * blocks), each with its language: `lang` fixed, or detected per paragraph when 'auto'
 * (paragraphs with little evidence take the document's language). Skips blocks with no letters.
 */
export function findParagraphs(masked: string, lang: LangSetting, breaks: readonly number[] = [], cache?: EvidenceCache): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  // For 'auto', each paragraph's evidence is counted once; their sum decides the document.
  const evidence: LanguageEvidence[] = [];
  const n = masked.length;
  let blockStart = -1;
  let blockEnd = -1;
  let b = 0;
  const close = (): void => {
    if (blockStart >= 0 && hasLetter(masked, blockStart, blockEnd)) {
      paragraphs.push({ start: blockStart, end: blockEnd, lang: lang === 'auto' ? 'en' : lang });
      if (lang === 'auto') evidence.push(cache ? cache.evidence(masked, blockStart, blockEnd) : languageEvidence(masked, blockStart, blockEnd));
    }
    blockStart = -1;
  };
  let at = 0;
  let prevHeading = false;
  while (at < n) {
    const end = lineEnd(masked, at);
    while (b < breaks.length && breaks[b] < at) b++;
    const forced = b < breaks.length && breaks[b] === at;
    let first = at;
    while (first < end && isSpace(masked.charCodeAt(first))) first++;
    if (first >= end) {
      close();
    } else {
      const heading = isHeadingLine(masked, at, end);
      if (forced || heading || prevHeading) close();
      prevHeading = heading;
      let last = end;
      while (last > first && isSpace(masked.charCodeAt(last - 1))) last--;
      if (blockStart < 0) blockStart = first;
      blockEnd = last;
    }
    at = nextLine(masked, end);
  }
  close();
  if (lang === 'auto') {
    const total = { en: 0, de: 0 };
    for (const ev of evidence) {
      total.en += ev.en;
      total.de += ev.de;
    }
    const docLang = decideLanguage(total, 'en');
    for (let k = 0; k < paragraphs.length; k++) {
      const ev = evidence[k];
      paragraphs[k].lang = ev.en + ev.de >= MIN_EVIDENCE ? decideLanguage(ev, docLang) : docLang;
    }
  }
  return paragraphs;
}

// ---------------------------------------------------------------- sentences

// Abbreviations after which ICU's sentence rules break but a reader does not.
const ABBREVIATIONS: Record<Lang, ReadonlySet<string>> = {
  en: new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'vs', 'approx', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'corp', 'co', 'ltd', 'bn', 'mn', 'mln', 'fig', 'e.g', 'i.e', 'u.s', 'u.k', 'p.m', 'a.m']),
  de: new Set(['mrd', 'mio', 'tsd', 'nr', 'ca', 'bzw', 'vgl', 'inkl', 'zzgl', 'rd', 'jh', 'bspw', 'ggf', 'evtl', 'abs', 'z', 'b', 'u', 'a', 'd', 'h', 's', 'dr', 'prof', 'st', 'jan', 'feb', 'apr', 'aug', 'sept', 'okt', 'nov', 'dez', 'z.b', 'u.a', 'd.h', 'usd']),
};

// Words after which "13." or "30." is an ordinal in German ("des 13. Fünfjahresplans", "am 30. Dezember").
const GERMAN_ORDINAL_LEAD = new Set(['am', 'vom', 'zum', 'bis', 'ab', 'seit', 'des', 'der', 'dem', 'den', 'die', 'das', 'im', 'beim', 'zur', 'dieses', 'diesem', 'seines', 'ihres']);

/** The longest word isFalseBreak can accept: the longest abbreviation, or initials ("u.s.a"). */
const LONGEST_FALSE_BREAK = Math.max(5, ...Object.values(ABBREVIATIONS).flatMap((set) => [...set].map((w) => w.length)));

/** Start of the word ending just before `end` (letters, digits and inner dots), not before `from`. */
function wordStart(text: string, from: number, end: number): number {
  let s = end;
  while (s > from) {
    const c = text.charCodeAt(s - 1);
    if (c === SPACE || c === TAB || c === NL || c === CR || c === 40 || c === 34 || c === 0x201e || c === 0x201c) break;
    s--;
  }
  return s;
}

/**
 * True if the break after `prevEnd` (the trimmed end of a segment ending in '.') should not
 * be a sentence break. `from` is the paragraph's start, line breaks in it read as spaces.
 */
function isFalseBreak(text: string, from: number, prevEnd: number, lang: Lang): boolean {
  const end = prevEnd - 1;
  const start = wordStart(text, from, end);
  // Lower-casing never shortens a string, so a longer word matches none of the tests below.
  if (start === end || end - start > LONGEST_FALSE_BREAK) return false;
  const word = text.slice(start, end).toLowerCase();
  if (ABBREVIATIONS[lang].has(word)) return true;
  // Initials and dotted abbreviations: "U.S", "z.B".
  if (word.length <= 5 && word.includes('.') && word.split('.').every((part) => part.length === 1)) return true;
  if (lang === 'de' && word.length <= 2 && isDigit(word.charCodeAt(0)) && isDigit(word.charCodeAt(word.length - 1))) {
    let e = start;
    while (e > from && isSpaceOrBreak(text.charCodeAt(e - 1))) e--;
    return GERMAN_ORDINAL_LEAD.has(text.slice(wordStart(text, from, e), e).toLowerCase());
  }
  return false;
}

/**
 * Paragraph text is handed to Intl.Segmenter in batches of about this many code units: a
 * call has a fixed cost, and the cost per character grows with the string's length (a
 * 90k-character paragraph takes seconds in Node 20), so short paragraphs are joined and
 * long ones cut into windows; 512 measured fastest on the bench draft.
 */
const BATCH = 512;

/**
 * A long paragraph is segmented in windows of at most this many code units (4096 measured
 * fastest for one paragraph alone); a window's end is a sentence break.
 */
const SEGMENT_WINDOW = 4096;

/**
 * Pieces of paragraphs of one language waiting to be segmented together, joined by a line
 * break: a paragraph separator, after which Unicode's sentence rules always break and from
 * which they look neither back nor ahead, so each piece is cut exactly as it would be alone.
 */
class SentenceBatch {
  readonly pieces: string[] = [];
  /** Offset in the document of each piece's first unit. */
  readonly starts: number[] = [];
  /** Index of each piece's paragraph. */
  readonly paragraphs: number[] = [];
  length = 0;
  /** Sentences found so far, in paragraph order, and how many of them findSentences has taken. */
  readonly sentences: Sentence[] = [];
  taken = 0;
  // The sentence being assembled: it stays open while its breaks are undone (isFalseBreak).
  private paragraph = -1;
  private from = 0;
  private open = -1;
  private openEnd = -1;

  constructor(private readonly lang: Lang) {}

  add(piece: string, start: number, paragraph: number): void {
    this.pieces.push(piece);
    this.starts.push(start);
    this.paragraphs.push(paragraph);
    this.length += piece.length + 1;
  }

  /** Segments the pieces waiting and empties the batch. */
  flush(masked: string, paragraphs: readonly Paragraph[]): void {
    const pieces = this.pieces;
    if (pieces.length === 0) return;
    const joined = pieces.length === 1 ? pieces[0] : pieces.join('\n');
    const segments = segmenter(this.lang).segment(joined);
    let at = 0;
    for (let k = 0; k < pieces.length; k++) {
      const end = at + pieces[k].length;
      const shift = this.starts[k] - at;
      const p = this.paragraphs[k];
      if (p !== this.paragraph) {
        this.close();
        this.paragraph = p;
        this.from = paragraphs[p].start;
      }
      // containing() walks the boundaries for less than an iterator does.
      for (let i = at; i < end; ) {
        const seg = segments.containing(i) as Intl.SegmentData;
        let s = seg.index < i ? i : seg.index;
        let e = seg.index + seg.segment.length;
        if (e > end) e = end;
        i = e;
        while (s < e && isWhite(joined.charCodeAt(s))) s++;
        while (e > s && isWhite(joined.charCodeAt(e - 1))) e--;
        if (s === e) continue;
        if (this.open >= 0 && !(masked.charCodeAt(this.openEnd - 1) === 46 && isFalseBreak(masked, this.from, this.openEnd, this.lang))) this.close();
        if (this.open < 0) this.open = shift + s;
        this.openEnd = shift + e;
      }
      at = end + 1;
    }
    pieces.length = 0;
    this.starts.length = 0;
    this.paragraphs.length = 0;
    this.length = 0;
  }

  /** Ends the open sentence, if any. */
  close(): void {
    if (this.open >= 0) this.sentences.push({ start: this.open, end: this.openEnd, lang: this.lang, paragraph: this.paragraph });
    this.open = -1;
  }
}

/**
 * Sentences of the given paragraphs, with Intl.Segmenter (granularity 'sentence', one
 * per language, reused). Line breaks inside a paragraph are read as spaces, so hard-wrapped
 * prose is not cut at every line; breaks after abbreviations and German ordinals are undone.
 */
export function findSentences(masked: string, paragraphs: Paragraph[]): Sentence[] {
  const batches = new Map<Lang, SentenceBatch>();
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    let batch = batches.get(para.lang);
    if (!batch) batches.set(para.lang, (batch = new SentenceBatch(para.lang)));
    let flat = masked.slice(para.start, para.end);
    // Searched in the paragraph alone: a search of the document from here would scan to its end
    // for a document without CR, once per paragraph, as the checker asks paragraph by paragraph.
    if (flat.indexOf('\n') >= 0 || flat.indexOf('\r') >= 0) flat = flat.replace(LINE_BREAKS, ' ');
    for (let ws = 0; ws < flat.length; ) {
      const we = windowEnd(flat, ws);
      if (batch.length > 0 && batch.length + we - ws > BATCH) batch.flush(masked, paragraphs);
      batch.add(ws === 0 && we === flat.length ? flat : flat.slice(ws, we), para.start + ws, p);
      ws = we;
    }
  }
  for (const batch of batches.values()) {
    batch.flush(masked, paragraphs);
    batch.close();
  }
  if (batches.size === 1) return batches.values().next().value!.sentences;
  // Each paragraph's sentences stand together in its language's list: take them paragraph by paragraph.
  const sentences: Sentence[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const batch = batches.get(paragraphs[p].lang)!;
    const list = batch.sentences;
    while (batch.taken < list.length && list[batch.taken].paragraph === p) sentences.push(list[batch.taken++]);
  }
  return sentences;
}

/**
 * The sentences of one paragraph that contain the given offsets (ascending), each once, or
 * all its sentences, as findSentences cuts them; undefined for a paragraph too long to be
 * segmented in one piece. Only the segments at those offsets are read, and neighbours where an
 * abbreviation joins them (sentenceBreaks.ts asks ICU only where the text leaves doubt): a
 * checker that reads only the sentences with figures leaves the others (two thirds of news
 * copy) unsegmented.
 */
export function sentencesContaining(masked: string, paragraph: Paragraph, offsets: readonly number[] | 'all'): Sentence[] | undefined {
  const from = paragraph.start;
  let flat = masked.slice(from, paragraph.end);
  if (flat.length > SEGMENT_WINDOW) return undefined;
  if (flat.indexOf('\n') >= 0 || flat.indexOf('\r') >= 0) flat = flat.replace(LINE_BREAKS, ' ');
  const segments = new SentenceSegments(flat, paragraph.lang);
  const joins = (end: number) => flat.charCodeAt(end - 1) === 46 && isFalseBreak(masked, from, from + end, paragraph.lang);
  const sentences: Sentence[] = [];
  // For 'all': where the next sentence is looked for, past every segment read so far.
  let cursor = 0;
  for (let k = 0; ; k++) {
    let at: number;
    if (offsets === 'all') {
      if (cursor >= flat.length) break;
      at = cursor;
    } else {
      if (k >= offsets.length) break;
      at = offsets[k] - from;
      if (at < 0 || at >= flat.length) continue;
      if (sentences.length > 0 && at < sentences[sentences.length - 1].end - from) continue;
    }
    segments.containing(at);
    let start = trimStart(flat, segments.index, segments.end);
    let rawEnd = segments.end;
    let end = trimEnd(flat, start, rawEnd);
    cursor = rawEnd;
    if (start === end) continue;
    // Earlier segments whose trimmed end is a false break belong to this sentence.
    for (let j = trimEnd(flat, 0, segments.index); j > 0 && joins(j); j = trimEnd(flat, 0, start)) {
      segments.containing(j - 1);
      start = trimStart(flat, segments.index, j);
    }
    // So do later ones, while this one's end is a false break.
    while (joins(end)) {
      const next = trimStart(flat, rawEnd, flat.length);
      if (next === flat.length) break;
      segments.containing(next);
      rawEnd = segments.end;
      end = trimEnd(flat, next, rawEnd);
    }
    cursor = rawEnd;
    if (sentences.length > 0 && sentences[sentences.length - 1].start === from + start) continue;
    sentences.push({ start: from + start, end: from + end, lang: paragraph.lang, paragraph: 0 });
  }
  return sentences;
}

function trimStart(text: string, s: number, e: number): number {
  while (s < e && isWhite(text.charCodeAt(s))) s++;
  return s;
}

function trimEnd(text: string, s: number, e: number): number {
  while (e > s && isWhite(text.charCodeAt(e - 1))) e--;
  return e;
}

const LINE_BREAKS = /[\r\n]/g;

/** End of the segmentation window starting at `from`: after a sentence end (". ") near the limit, else after a space. */
function windowEnd(flat: string, from: number): number {
  const limit = from + SEGMENT_WINDOW;
  if (limit >= flat.length) return flat.length;
  const floor = from + SEGMENT_WINDOW / 2;
  for (let i = limit - 1; i > floor; i--) {
    const c = flat.charCodeAt(i - 1);
    if (flat.charCodeAt(i) === SPACE && (c === 46 || c === 33 || c === 63)) return i + 1;
  }
  for (let i = limit - 1; i > floor; i--) if (flat.charCodeAt(i) === SPACE) return i + 1;
  return limit;
}

function isSpaceOrBreak(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR;
}

function isWhite(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === CR || c === 0xa0;
}
