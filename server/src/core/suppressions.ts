// Inline disable comments. A writer silences factlint for one line or a stretch of text
// with HTML comments, which Markdown renders invisibly:
//   <!-- factlint-disable-next-line -->   the line after the comment
//   <!-- factlint-disable-line -->        the line the comment stands on
//   <!-- factlint-disable --> … <!-- factlint-enable -->   everything between (to the end if unclosed)

export const DISABLE_LINE = 'factlint-disable-line';
const DISABLE_NEXT_LINE = 'factlint-disable-next-line';
const DISABLE = 'factlint-disable';
const ENABLE = 'factlint-enable';

/** The comment text for a directive, e.g. `<!-- factlint-disable-line -->`. */
export function disableComment(directive: string): string {
  return `<!-- ${directive} -->`;
}

interface Comment {
  start: number;
  end: number;
  directive: string;
}

/** HTML comments in order. One pass: each `<!--` is closed by the next `-->`; an unclosed one ends the scan. */
function comments(text: string): Comment[] {
  const found: Comment[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    found.push({ start: open, end: close + 3, directive: text.slice(open + 4, close).trim() });
    from = close + 3;
  }
  return found;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/**
 * Offset ranges (end exclusive) in which findings are suppressed, in document order.
 * A claim is suppressed when its figure starts inside one of them.
 */
export function findSuppressions(text: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  let openAt: number | undefined;
  for (const c of comments(text)) {
    switch (c.directive) {
      case DISABLE_LINE:
        ranges.push({ start: lineStart(text, c.start), end: lineEnd(text, c.end) });
        break;
      case DISABLE_NEXT_LINE: {
        const nl = text.indexOf('\n', c.end);
        if (nl >= 0) ranges.push({ start: nl + 1, end: lineEnd(text, nl + 1) });
        break;
      }
      case DISABLE:
        openAt ??= c.start;
        break;
      case ENABLE:
        if (openAt !== undefined) ranges.push({ start: openAt, end: c.end });
        openAt = undefined;
        break;
    }
  }
  if (openAt !== undefined) ranges.push({ start: openAt, end: text.length });
  return ranges.sort((a, b) => a.start - b.start);
}

/** True when `offset` lies in one of `ranges` (as returned by findSuppressions). */
export function isSuppressed(ranges: ReadonlyArray<{ start: number; end: number }>, offset: number): boolean {
  return ranges.some((r) => offset >= r.start && offset < r.end);
}
