// Word tokens and a phrase index over them. Metric cues and subject names are phrases;
// prose is matched against them token by token, so that matching is linear in the text
// (times the longest phrase) whatever the size of the fact base. The index is a trie held
// in a few typed arrays (no object per node or per value), so that a base of a million
// metrics fits in memory and a compiled base (compiledBase.ts) loads it without parsing.

import { grown } from './typedArrays';

/** A word in prose: its offsets in the document and its normalized form. */
export interface Token {
  start: number;
  end: number;
  norm: string;
  /** wordHash(norm), so that phrase tables look a token up without hashing its text again. */
  hash: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of a normalized word. */
export function wordHash(norm: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < norm.length; i++) h = Math.imul(h ^ norm.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/**
 * Code → its lower-case code for the letters and digits of Latin-1 (ASCII and Western European
 * letters: "Größe" is read like "gross"), else 0: one read per character, and no string for
 * such a word. A letter whose lower case is not one Latin-1 letter stays 0 and goes the wide way.
 */
const LATIN1_WORD = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  const lower = ch.toLowerCase();
  if (LETTER_OR_DIGIT.test(ch) && lower.length === 1 && lower.charCodeAt(0) < 256) LATIN1_WORD[c] = lower.charCodeAt(0);
}

/** Whether each UTF-16 code unit beyond LATIN1_WORD is a word character, learnt as met: 0 not yet asked, 1 yes, 2 no. */
const WIDE_WORD = new Uint8Array(65536);

function isWideWordChar(code: number): boolean {
  let known = WIDE_WORD[code];
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    WIDE_WORD[code] = known;
  }
  return known === 1;
}

function isWordChar(code: number): boolean {
  return (code < 256 && LATIN1_WORD[code] !== 0) || (code >= 128 && isWideWordChar(code));
}

/**
 * Where the word that reaches text[i] ends: it goes on over word characters of any script,
 * and over an apostrophe (', ’ or ʼ) that a word character follows; i where text[i] is neither.
 */
function wordEnd(text: string, i: number, to: number): number {
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isWordChar(code)) i++;
    else if ((code === 0x27 || code === 0x2019 || code === 0x2bc) && i + 1 < to && isWordChar(text.charCodeAt(i + 1))) i++;
    else break;
  }
  return i;
}

/** How a word's normal form is had: its text, its text lower-cased (Latin-1 only), or a stored string. */
const PLAIN = 0;
const CAPITALS = 1;
const SPECIAL = 2;

/**
 * The words of a text range in parallel arrays, reused from one range to the next: what
 * phrase matching reads. Hyphens, dashes and punctuation separate words ("foreign-invested"
 * is two words), so cues match whichever way a writer hyphenates; an apostrophe inside a
 * word is kept and normalized, a possessive "'s" dropped. A check scans every sentence, so a
 * word's hash is taken while it is scanned (Latin-1 lower-cased code by code), and a string is
 * made only for a word beyond Latin-1 or with an apostrophe: the normal form of any other
 * word is its text, lower-cased, read in place.
 */
export class WordRun {
  text = '';
  length = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** wordHash of each word's normal form. */
  hashes = new Uint32Array(64);
  /** PLAIN, CAPITALS or SPECIAL for each word. */
  private kinds = new Uint8Array(64);
  /** The normal form of each SPECIAL word (other scripts, apostrophes); other entries are stale. */
  private forms: string[] = [];

  /** Reads the words of text[from, to), replacing those read before. */
  scan(text: string, from = 0, to = text.length): this {
    this.text = text;
    let n = 0;
    let i = from;
    while (i < to) {
      let code = text.charCodeAt(i);
      if (!isWordChar(code)) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      // Non-zero where a capital was read.
      let capitals = 0;
      // The Latin-1 letters and digits, hashed as read; the rest of a word is read by wordEnd,
      // outside this loop, so that the loop that reads nearly every character stays small.
      for (; i < to; i++) {
        code = text.charCodeAt(i);
        const lower = code < 256 ? LATIN1_WORD[code] : 0;
        if (lower === 0) break;
        h = Math.imul(h ^ lower, FNV_PRIME);
        capitals |= lower ^ code;
      }
      const end = i < to && (code === 0x27 || code >= 128) ? wordEnd(text, i, to) : i;
      if (n === this.starts.length) this.grow();
      this.starts[n] = start;
      if (end > i) {
        // The word goes on past an apostrophe or a letter beyond Latin-1: its normal form is made, and hashed.
        i = end;
        let form = text.slice(start, i).toLowerCase().replace(/[\u2019\u02bc]/g, "'");
        // English possessives name the same thing: "Chongqing's" is "Chongqing".
        if (form.endsWith("'s")) form = form.slice(0, -2);
        h = wordHash(form);
        this.forms[n] = form;
        this.kinds[n] = SPECIAL;
      } else {
        this.kinds[n] = capitals === 0 ? PLAIN : CAPITALS;
      }
      this.ends[n] = i;
      this.hashes[n] = h >>> 0;
      n++;
    }
    this.length = n;
    return this;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, size);
    this.ends = grown(this.ends, size);
    this.hashes = grown(this.hashes, size);
    this.kinds = grown(this.kinds, size);
  }

  /** Word k's normal form. */
  norm(k: number): string {
    const kind = this.kinds[k];
    if (kind === SPECIAL) return this.forms[k];
    const text = this.text.slice(this.starts[k], this.ends[k]);
    return kind === CAPITALS ? text.toLowerCase() : text;
  }

  /** Whether word k's normal form is `word`, without making a string of it. */
  is(k: number, word: string): boolean {
    if (this.kinds[k] === SPECIAL) return this.forms[k] === word;
    const start = this.starts[k];
    if (this.ends[k] - start !== word.length) return false;
    // The word is Latin-1 letters and digits: LATIN1_WORD lower-cases each in place.
    for (let j = 0; j < word.length; j++) if (LATIN1_WORD[this.text.charCodeAt(start + j)] !== word.charCodeAt(j)) return false;
    return true;
  }

  /** The words as Token objects, for readers that keep them (completion, phrase keys); matching and linking read the run in place. */
  tokens(): Token[] {
    const tokens: Token[] = [];
    for (let k = 0; k < this.length; k++) tokens.push({ start: this.starts[k], end: this.ends[k], norm: this.norm(k), hash: this.hashes[k] });
    return tokens;
  }
}

/**
 * One run for tokenize(), reused: its tokens keep nothing of it, and a new run's four typed
 * arrays cost more than scanning a cue (compiling a million metrics tokenizes millions of cues).
 */
const scratch = new WordRun();

/** The words of text[from, to) as Token objects (see WordRun). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  return scratch.scan(text, from, to).tokens();
}

/** The normalized token sequence of a phrase, as used for keys. */
export function phraseKey(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.norm);
}

/** A match of an indexed phrase in a token sequence. */
export interface PhraseMatch<T> {
  /** Index of the first and one past the last matched token. */
  from: number;
  to: number;
  values: readonly T[];
}

/**
 * The frozen trie: nodes are numbers (0 is the root), an edge (node, word) → child lives
 * in an open-addressing hash table, and each node's values (integers) are a slice of one
 * array. Values of a node are sorted by their group, so that the values of a few groups
 * are found by binary search (cues → the metrics of the subjects a sentence is about).
 */
export interface PhraseTrie {
  /** Word table: word id → normalized word. */
  words: string[];
  /** Hash table of edges, capacity a power of two; edgeChild 0 marks a free slot. */
  edgeNode: Int32Array;
  edgeWord: Int32Array;
  edgeChild: Int32Array;
  /** Node n's values are values[valueStart[n], valueStart[n + 1]). */
  valueStart: Int32Array;
  values: Int32Array;
  /** The group of each value (indexed by value; all 0 where values are not grouped). */
  groupOf: Int32Array;
}

function edgeSlot(node: number, word: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(word + 1, 0x85ebca77)) & mask;
}

/** Collects (phrase, value, group) entries and freezes them into a PhraseTrie. */
export class PhraseTrieBuilder {
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  /** Edges while building: one map per node (word id → child); frozen into the hash table by build(). */
  private readonly children: Array<Map<number, number>> = [new Map()];
  private readonly nodeValues: Array<number[] | undefined> = [undefined];
  private readonly groupOf: number[] = [];

  /** Adds a phrase; returns false where it has no words. `value` is a non-negative integer; `group` sorts values (0 if unused). */
  add(phrase: string, value: number, group = 0): boolean {
    const key = phraseKey(phrase);
    if (key.length === 0) return false;
    let node = 0;
    for (const word of key) {
      let id = this.wordIds.get(word);
      if (id === undefined) {
        id = this.words.length;
        this.words.push(word);
        this.wordIds.set(word, id);
      }
      let child = this.children[node].get(id);
      if (child === undefined) {
        child = this.children.length;
        this.children.push(new Map());
        this.nodeValues.push(undefined);
        this.children[node].set(id, child);
      }
      node = child;
    }
    (this.nodeValues[node] ??= []).push(value);
    this.groupOf[value] = group;
    return true;
  }

  build(): PhraseTrie {
    const nodes = this.children.length;
    let capacity = 2;
    while (capacity < nodes * 2) capacity *= 2;
    const mask = capacity - 1;
    const edgeNode = new Int32Array(capacity);
    const edgeWord = new Int32Array(capacity);
    const edgeChild = new Int32Array(capacity);
    this.children.forEach((map, node) => {
      for (const [word, child] of map) {
        let slot = edgeSlot(node, word, mask);
        while (edgeChild[slot] !== 0) slot = (slot + 1) & mask;
        edgeNode[slot] = node;
        edgeWord[slot] = word;
        edgeChild[slot] = child;
      }
    });
    let total = 0;
    for (const v of this.nodeValues) total += v?.length ?? 0;
    const valueStart = new Int32Array(nodes + 1);
    const values = new Int32Array(total);
    const groupOf = new Int32Array(this.groupOf.length);
    this.groupOf.forEach((g, v) => (groupOf[v] = g));
    let at = 0;
    for (let n = 0; n < nodes; n++) {
      valueStart[n] = at;
      const list = this.nodeValues[n];
      if (!list) continue;
      // Stable: values of one group keep the order they were added in.
      const sorted = list.map((v, i) => ({ v, i })).sort((a, b) => this.groupOf[a.v] - this.groupOf[b.v] || a.i - b.i);
      for (const { v } of sorted) values[at++] = v;
    }
    valueStart[nodes] = at;
    return { words: this.words.slice(), edgeNode, edgeWord, edgeChild, valueStart, values, groupOf };
  }
}

/** A match of a trie phrase: token span and the node whose values it names. */
export interface TrieMatch {
  from: number;
  to: number;
  node: number;
}

/** Reads a frozen PhraseTrie. */
export class PhraseMatcher {
  private readonly mask: number;
  /** Word ids of the tokens being matched, reused from call to call (matching is synchronous). */
  private ids = new Int32Array(64);
  /** The matches of the last find(): token spans and nodes, reused from call to call. */
  matchFrom = new Int32Array(16);
  matchTo = new Int32Array(16);
  matchNode = new Int32Array(16);

  /**
   * The word table by hash: open addressing over wordHash, so a prose word (most are in no
   * table) is rejected at an empty slot or a different hash, without hashing its text again.
   * Each slot keeps its word's hash beside its id, so that a probe reads one place.
   */
  private readonly slots: Int32Array;
  private readonly slotHashes: Uint32Array;
  /**
   * Whether two words of the table share a hash. Where none do, a prose word with a table
   * word's hash is either that word or in no phrase, so its text is compared only where a
   * phrase goes on with it (most common words that cues contain, "the", "of", start none).
   */
  private readonly sharedHashes: boolean;

  constructor(readonly trie: PhraseTrie) {
    this.mask = trie.edgeChild.length - 1;
    // Most prose words are in no table: an emptier table rejects them at the first slot more
    // often. Eight slots a word up to 64K slots (a base of ordinary size), two beyond.
    let capacity = 16;
    while (capacity < trie.words.length * 8 && capacity < 1 << 16) capacity *= 2;
    while (capacity < trie.words.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.slotHashes = new Uint32Array(capacity);
    let shared = false;
    trie.words.forEach((w, id) => {
      const h = wordHash(w);
      let slot = h & (capacity - 1);
      for (; this.slots[slot] >= 0; slot = (slot + 1) & (capacity - 1)) if (this.slotHashes[slot] === h) shared = true;
      this.slots[slot] = id;
      this.slotHashes[slot] = h;
    });
    this.sharedHashes = shared;
  }

  private child(node: number, word: number): number {
    const { edgeNode, edgeWord, edgeChild } = this.trie;
    for (let slot = edgeSlot(node, word, this.mask); edgeChild[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (edgeNode[slot] === node && edgeWord[slot] === word) return edgeChild[slot];
    }
    return 0;
  }

  /**
   * Non-overlapping matches, leftmost-longest: at each token the longest phrase that
   * starts there wins, and its tokens are not matched again. A longer phrase therefore
   * beats a shorter one it contains ("new foreign-invested enterprises" over
   * "foreign-invested enterprises").
   */
  matchAll(words: WordRun): TrieMatch[] {
    const count = this.find(words);
    const matches: TrieMatch[] = [];
    for (let m = 0; m < count; m++) matches.push({ from: this.matchFrom[m], to: this.matchTo[m], node: this.matchNode[m] });
    return matches;
  }

  /**
   * The matches of matchAll, written to matchFrom, matchTo and matchNode (valid until the
   * next call) instead of objects: a check matches every sentence and most have none.
   * Returns how many there are.
   */
  find(words: WordRun): number {
    const { valueStart, words: table } = this.trie;
    const { slots, slotHashes, sharedHashes } = this;
    const slotMask = slots.length - 1;
    const hashes = words.hashes;
    const n = words.length;
    // Word ids once per token: a token absent from the word table (-1) ends every phrase at
    // it. Without shared hashes, -2 - id marks a token whose hash is word id's, its text not yet compared.
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    const ids = this.ids;
    let known = 0;
    for (let k = 0; k < n; k++) {
      const hash = hashes[k];
      let id = -1;
      for (let slot = hash & slotMask; ; slot = (slot + 1) & slotMask) {
        const at = slots[slot];
        if (at < 0) break;
        if (slotHashes[slot] !== hash) continue;
        if (!sharedHashes) {
          id = -2 - at;
          break;
        }
        if (words.is(k, table[at])) {
          id = at;
          break;
        }
      }
      ids[k] = id;
      if (id !== -1) known++;
    }
    let count = 0;
    if (known === 0) return count;
    let i = 0;
    while (i < n) {
      if (ids[i] === -1) {
        i++;
        continue;
      }
      let node = 0;
      let to = 0;
      let bestNode = 0;
      for (let j = i; j < n; j++) {
        const id = ids[j];
        if (id === -1) break;
        const word = id < 0 ? -2 - id : id;
        const next = this.child(node, word);
        if (next === 0) break;
        if (id < 0) {
          // The phrase goes on with this token: it must be the word, not a word of the same hash.
          if (!words.is(j, table[word])) {
            ids[j] = -1;
            break;
          }
          ids[j] = word;
        }
        node = next;
        if (valueStart[node + 1] > valueStart[node]) {
          to = j + 1;
          bestNode = node;
        }
      }
      if (to === 0) {
        i++;
        continue;
      }
      if (count === this.matchFrom.length) {
        this.matchFrom = grown(this.matchFrom, count * 2);
        this.matchTo = grown(this.matchTo, count * 2);
        this.matchNode = grown(this.matchNode, count * 2);
      }
      this.matchFrom[count] = i;
      this.matchTo[count] = to;
      this.matchNode[count] = bestNode;
      count++;
      i = to;
    }
    return count;
  }

  /** All values of a node. */
  valuesOf(node: number): Int32Array {
    return this.trie.values.subarray(this.trie.valueStart[node], this.trie.valueStart[node + 1]);
  }

  /** The values of a node that belong to one group (binary search: values are sorted by group). */
  valuesInGroup(node: number, group: number): Int32Array {
    return this.trie.values.subarray(this.groupStart(node, group), this.groupStart(node, group + 1));
  }

  /** Index in trie.values of the first value of `node` whose group is not below `group`. */
  groupStart(node: number, group: number): number {
    const { groupOf, values, valueStart } = this.trie;
    let lo = valueStart[node];
    let hi = valueStart[node + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (groupOf[values[mid]] < group) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Phrases → values of type T, over a frozen trie whose integer values `resolve` turns into
 * T (an array lookup for a base in memory, a record read on demand for a compiled base).
 * Where the values are grouped (metrics by subject), a match can be limited to some groups.
 */
export class PhraseIndex<T> {
  constructor(
    readonly matcher: PhraseMatcher,
    private readonly resolve: (value: number) => T,
    private readonly groupNumber?: (key: string) => number | undefined,
  ) {}

  /** All phrases in the tokens (see PhraseMatcher.matchAll); with `groups`, only the values of those groups. */
  matchAll(words: WordRun, groups?: readonly string[]): PhraseMatch<T>[] {
    const { matcher } = this;
    const count = matcher.find(words);
    const matches: PhraseMatch<T>[] = [];
    if (count === 0) return matches;
    const { valueStart } = matcher.trie;
    const grouped = groups !== undefined && this.groupNumber !== undefined;
    // The usual sentence is about one subject: its values are one run of each node's, already in order.
    const group = grouped && groups.length === 1 ? this.groupNumber!(groups[0]) : undefined;
    for (let m = 0; m < count; m++) {
      const node = matcher.matchNode[m];
      let values: T[];
      if (!grouped) values = this.resolveRange(valueStart[node], valueStart[node + 1]);
      else if (groups.length === 1) values = group === undefined ? [] : this.resolveRange(matcher.groupStart(node, group), matcher.groupStart(node, group + 1));
      else values = this.inGroups(node, groups);
      matches.push({ from: matcher.matchFrom[m], to: matcher.matchTo[m], values });
    }
    return matches;
  }

  /** The values trie.values[from, to), resolved. */
  private resolveRange(from: number, to: number): T[] {
    const { values } = this.matcher.trie;
    const out: T[] = [];
    for (let v = from; v < to; v++) out.push(this.resolve(values[v]));
    return out;
  }

  private inGroups(node: number, groups: readonly string[]): T[] {
    const picked: number[] = [];
    for (const key of new Set(groups)) {
      const g = this.groupNumber!(key);
      if (g !== undefined) for (const v of this.matcher.valuesInGroup(node, g)) picked.push(v);
    }
    // Values in the order they were added, whatever the order of the groups.
    return picked.sort((a, b) => a - b).map(this.resolve);
  }
}
