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

const wordCharCache = new Map<number, boolean>();
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(code: number): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  let known = wordCharCache.get(code);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(code));
    wordCharCache.set(code, known);
  }
  return known;
}

const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc]);

/**
 * The words of a text range in parallel arrays, reused from one range to the next: what
 * phrase matching reads. Hyphens, dashes and punctuation separate words ("foreign-invested"
 * is two words), so cues match whichever way a writer hyphenates; an apostrophe inside a
 * word is kept and normalized, a possessive "'s" dropped. A check scans every sentence, so a
 * word's hash is taken while it is scanned (ASCII lower-cased code by code), and no string is
 * made for a word of lower-case ASCII, whose normal form is its text.
 */
export class WordRun {
  text = '';
  length = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** wordHash of each word's normal form. */
  hashes = new Uint32Array(64);
  /** The normal form of a word that is not lower-case ASCII (capitals, other scripts, apostrophes), else undefined. */
  private forms: Array<string | undefined> = [];

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
      let capitals = false;
      // Set where the word needs more than ASCII lower-casing (its hash is then taken from its normal form).
      let special = false;
      while (i < to) {
        code = text.charCodeAt(i);
        if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
          h = Math.imul(h ^ code, FNV_PRIME);
          i++;
        } else if (code >= 65 && code <= 90) {
          h = Math.imul(h ^ (code + 32), FNV_PRIME);
          capitals = true;
          i++;
        } else if (code >= 128 && isWordChar(code)) {
          special = true;
          i++;
        } else if (APOSTROPHES.has(code) && i + 1 < to && isWordChar(text.charCodeAt(i + 1))) {
          special = true;
          i++;
        } else {
          break;
        }
      }
      let form: string | undefined;
      if (capitals || special) {
        form = text.slice(start, i).toLowerCase();
        if (special) {
          // English possessives name the same thing: "Chongqing's" is "Chongqing".
          form = form.replace(/[\u2019\u02bc]/g, "'");
          if (form.endsWith("'s")) form = form.slice(0, -2);
          h = wordHash(form);
        }
      }
      if (n === this.starts.length) this.grow();
      this.starts[n] = start;
      this.ends[n] = i;
      this.hashes[n] = h >>> 0;
      this.forms[n] = form;
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
  }

  /** Word k's normal form. */
  norm(k: number): string {
    return this.forms[k] ?? this.text.slice(this.starts[k], this.ends[k]);
  }

  /** Whether word k's normal form is `word`, without making a string of it. */
  is(k: number, word: string): boolean {
    const form = this.forms[k];
    if (form !== undefined) return form === word;
    const start = this.starts[k];
    if (this.ends[k] - start !== word.length) return false;
    for (let j = 0; j < word.length; j++) if (this.text.charCodeAt(start + j) !== word.charCodeAt(j)) return false;
    return true;
  }

  /** The words as Token objects (for the few readers that need them: linking, completion). */
  tokens(): Token[] {
    const tokens: Token[] = new Array(this.length);
    for (let k = 0; k < this.length; k++) tokens[k] = { start: this.starts[k], end: this.ends[k], norm: this.norm(k), hash: this.hashes[k] };
    return tokens;
  }
}

/** The words of text[from, to) as Token objects (see WordRun). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  return new WordRun().scan(text, from, to).tokens();
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

  /**
   * The word table by hash: open addressing over wordHash, so a prose word (most are in no
   * table) is rejected at an empty slot or a different hash, without hashing its text again.
   */
  private readonly slots: Int32Array;
  private readonly hashes: Uint32Array;

  constructor(readonly trie: PhraseTrie) {
    this.mask = trie.edgeChild.length - 1;
    let capacity = 16;
    while (capacity < trie.words.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Uint32Array(trie.words.length);
    trie.words.forEach((w, id) => {
      const h = wordHash(w);
      this.hashes[id] = h;
      let slot = h & (capacity - 1);
      while (this.slots[slot] >= 0) slot = (slot + 1) & (capacity - 1);
      this.slots[slot] = id;
    });
  }

  /** The word id of word k, or -1 where no phrase has the word. */
  private wordId(words: WordRun, k: number): number {
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    const hash = words.hashes[k];
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot];
      if (id < 0) return -1;
      if (hashes[id] === hash && words.is(k, this.trie.words[id])) return id;
    }
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
    const { valueStart } = this.trie;
    const n = words.length;
    // Word ids once per token: a token absent from the word table ends every phrase at it.
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    const ids = this.ids;
    let known = 0;
    for (let k = 0; k < n; k++) {
      const id = this.wordId(words, k);
      ids[k] = id;
      if (id >= 0) known++;
    }
    const matches: TrieMatch[] = [];
    if (known === 0) return matches;
    let i = 0;
    while (i < n) {
      if (ids[i] < 0) {
        i++;
        continue;
      }
      let node = 0;
      let best: TrieMatch | undefined;
      for (let j = i; j < n && ids[j] >= 0; j++) {
        node = this.child(node, ids[j]);
        if (node === 0) break;
        if (valueStart[node + 1] > valueStart[node]) best = { from: i, to: j + 1, node };
      }
      if (best) {
        matches.push(best);
        i = best.to;
      } else {
        i++;
      }
    }
    return matches;
  }

  /** All values of a node. */
  valuesOf(node: number): Int32Array {
    return this.trie.values.subarray(this.trie.valueStart[node], this.trie.valueStart[node + 1]);
  }

  /** The values of a node that belong to one group (binary search: values are sorted by group). */
  valuesInGroup(node: number, group: number): Int32Array {
    const { groupOf, values, valueStart } = this.trie;
    const lowerBound = (g: number) => {
      let lo = valueStart[node];
      let hi = valueStart[node + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (groupOf[values[mid]] < g) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return values.subarray(lowerBound(group), lowerBound(group + 1));
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
    return this.matcher.matchAll(words).map((m) => ({ from: m.from, to: m.to, values: this.valuesOf(m.node, groups) }));
  }

  private valuesOf(node: number, groups: readonly string[] | undefined): T[] {
    if (!groups || !this.groupNumber) return Array.from(this.matcher.valuesOf(node), this.resolve);
    if (groups.length === 1) {
      // The usual sentence is about one subject: its values are one run, already in order.
      const g = this.groupNumber(groups[0]);
      return g === undefined ? [] : Array.from(this.matcher.valuesInGroup(node, g), this.resolve);
    }
    const picked: number[] = [];
    for (const key of new Set(groups)) {
      const g = this.groupNumber(key);
      if (g !== undefined) for (const v of this.matcher.valuesInGroup(node, g)) picked.push(v);
    }
    // Values in the order they were added, whatever the order of the groups.
    return picked.sort((a, b) => a - b).map(this.resolve);
  }
}
