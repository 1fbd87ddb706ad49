// Word tokens and a phrase index over them. Metric cues and subject names are phrases;
// prose is matched against them token by token, so that matching is linear in the text
// (times the longest phrase) whatever the size of the fact base.

/** A word in prose: its offsets in the document and its normalized form. */
export interface Token {
  start: number;
  end: number;
  norm: string;
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
 * Splits text[from, to) into word tokens. Hyphens, dashes and punctuation separate words
 * ("foreign-invested" is two tokens), so cues match whichever way a writer hyphenates;
 * an apostrophe inside a word is kept and normalized, a possessive "'s" dropped.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    let code = text.charCodeAt(i);
    if (!isWordChar(code)) {
      i++;
      continue;
    }
    const start = i;
    let hasApostrophe = false;
    while (i < to) {
      code = text.charCodeAt(i);
      if (isWordChar(code)) {
        i++;
      } else if (APOSTROPHES.has(code) && i + 1 < to && isWordChar(text.charCodeAt(i + 1))) {
        hasApostrophe = true;
        i++;
      } else {
        break;
      }
    }
    let norm = text.slice(start, i).toLowerCase();
    if (hasApostrophe) {
      // English possessives name the same thing: "Chongqing's" is "Chongqing".
      norm = norm.replace(/[\u2019\u02bc]/g, "'");
      if (norm.endsWith("'s")) norm = norm.slice(0, -2);
    }
    tokens.push({ start, end: i, norm });
  }
  return tokens;
}

/** The normalized token sequence of a phrase, as used for keys. */
export function phraseKey(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.norm);
}

interface TrieNode<T> {
  next?: Map<string, TrieNode<T>>;
  values?: T[];
}

/** A match of an indexed phrase in a token sequence. */
export interface PhraseMatch<T> {
  /** Index of the first and one past the last matched token. */
  from: number;
  to: number;
  values: readonly T[];
}

/** Maps phrases (token sequences) to values; finds the longest phrases in a token run. */
export class PhraseIndex<T> {
  private readonly root: TrieNode<T> = {};
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(phrase: string, value: T): void {
    const key = phraseKey(phrase);
    if (key.length === 0) return;
    let node = this.root;
    for (const word of key) {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) {
        child = {};
        node.next.set(word, child);
      }
      node = child;
    }
    (node.values ??= []).push(value);
    this.count++;
  }

  /**
   * Non-overlapping matches, leftmost-longest: at each token the longest phrase that
   * starts there wins, and its tokens are not matched again. A longer phrase therefore
   * beats a shorter one it contains ("new foreign-invested enterprises" over
   * "foreign-invested enterprises").
   */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode<T> | undefined = this.root;
      let best: PhraseMatch<T> | undefined;
      for (let j = i; j < tokens.length && node?.next; j++) {
        node = node.next.get(tokens[j].norm);
        if (node?.values) best = { from: i, to: j + 1, values: node.values };
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
}
