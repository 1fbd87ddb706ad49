// Where the items of a fact file lie, so that each can be parsed on its own. The yaml package
// keeps a file's whole document tree until the file is composed: at thousands of metrics a
// file, the garbage collector then spends a quarter of the load copying trees that are still
// alive, and the trees take hundreds of megabytes. Parsed item by item, a tree dies young.
//
// Only a plain layout is split: top-level lines that are section keys ("metrics:"), comments
// or blank, and under each section the lines of a block sequence whose items start at one
// indentation. Anything else (document markers, directives, flow collections at the top,
// tabs in indentation, a section twice or out of order) gives no layout, and the file is
// parsed whole. factBase.ts also parses it whole when an item, parsed alone, has any error or
// warning, or fails the schema: what a file means and every message about it stay those of
// the whole file.

export type Section = 'sources' | 'subjects' | 'metrics';
export const SECTIONS: readonly Section[] = ['sources', 'subjects', 'metrics'];

export interface FactItemSpan {
  section: Section;
  /** The start of the item's first line ("  - id: …") and the start of the next item or section. */
  start: number;
  end: number;
}

export interface FactFileLayout {
  items: FactItemSpan[];
  /** Offsets where lines start, 0 first: what the yaml package's LineCounter records. */
  lineStarts: number[];
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;
const DASH = 0x2d;

/** The items of a fact file of the plain layout, in file order; undefined for any other file. */
export function factFileLayout(text: string): FactFileLayout | undefined {
  // A "\r" alone is a line break to YAML, and the lines here are split at "\n" only.
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) if (text.charCodeAt(cr + 1) !== LF) return undefined;
  const items: FactItemSpan[] = [];
  const lineStarts: number[] = [];
  let section: Section | undefined;
  let lastSection = -1;
  let itemIndent = -1;
  let item: FactItemSpan | undefined;
  for (let at = 0; ; ) {
    lineStarts.push(at);
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const end = eol > at && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    let indent = at;
    while (indent < end && text.charCodeAt(indent) === SPACE) indent++;
    const first = indent < end ? text.charCodeAt(indent) : -1;
    if (first === TAB) return undefined;
    if (first !== -1 && first !== HASH) {
      const column = indent - at;
      if (column === 0 && first !== DASH) {
        // A section key: a new section, after the ones before it in SECTIONS order.
        const k = sectionKey(text, at, end);
        if (k <= lastSection) return undefined;
        if (section && !item) return undefined; // a section without items is read whole
        if (item) item.end = at;
        section = SECTIONS[k];
        lastSection = k;
        itemIndent = -1;
        item = undefined;
      } else if (!section) {
        return undefined;
      } else if (column <= itemIndent || itemIndent < 0) {
        // A line at the items' indentation starts an item: "- " or a "-" ending the line.
        if (itemIndent >= 0 && column < itemIndent) return undefined;
        if (first !== DASH || (indent + 1 < end && text.charCodeAt(indent + 1) !== SPACE)) return undefined;
        itemIndent = column;
        if (item) item.end = at;
        item = { section, start: at, end: text.length };
        items.push(item);
      }
      // Deeper lines belong to the item they are in.
    }
    if (eol === text.length) break;
    at = eol + 1;
  }
  if (!item) return undefined;
  return { items, lineStarts };
}

/** The index in SECTIONS of the key that the line [at, end) is ("metrics:", a comment may follow), or -1. */
function sectionKey(text: string, at: number, end: number): number {
  for (let k = 0; k < SECTIONS.length; k++) {
    const name = SECTIONS[k];
    if (!text.startsWith(name, at) || text.charCodeAt(at + name.length) !== 0x3a /* : */) continue;
    let i = at + name.length + 1;
    if (i === end) return k;
    if (text.charCodeAt(i) !== SPACE) return -1;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    return i === end || text.charCodeAt(i) === HASH ? k : -1;
  }
  return -1;
}
