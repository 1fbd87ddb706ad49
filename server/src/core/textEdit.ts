// Two versions of a document, as an editor sends them one keystroke apart: where they differ,
// and where a span of the new version stood in the old one. What lies wholly before or after
// the edit is the same text, so whatever was worked out for it can be kept (check.ts reuses
// paragraph results, prose.ts language evidence) without hashing or comparing paragraph texts.

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

export class TextEdit {
  private constructor(
    /** Units the versions share at their start and at their end (together never more than the shorter length). */
    readonly prefix: number,
    readonly suffix: number,
    private readonly nextLength: number,
    /** The new version's length minus the old one's. */
    private readonly delta: number,
  ) {}

  /** The edit that turned prev[prefix, prev.length - suffix) into next[prefix, next.length - suffix). */
  static between(prev: string, next: string): TextEdit {
    const limit = Math.min(prev.length, next.length);
    const prefix = commonLength(limit, (i, n) => prev.slice(i, i + n) === next.slice(i, i + n), (i) => prev.charCodeAt(i) === next.charCodeAt(i));
    const suffix = commonLength(
      limit - prefix,
      (i, n) => prev.slice(prev.length - i - n, prev.length - i) === next.slice(next.length - i - n, next.length - i),
      (i) => prev.charCodeAt(prev.length - 1 - i) === next.charCodeAt(next.length - 1 - i),
    );
    return new TextEdit(prefix, suffix, next.length, next.length - prev.length);
  }

  /** Where next[start, end) started in the old version, if it lies wholly before or after the edit; else -1. */
  before(start: number, end: number): number {
    if (end <= this.prefix) return start;
    return start >= this.nextLength - this.suffix ? start - this.delta : -1;
  }
}
