import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhraseIndex, PhraseMatcher, PhraseTrieBuilder, tokenize, wordHash, WordRun } from '../../server/src/core/phrases';

const words = (text: string) => new WordRun().scan(text);
import { assertLinear } from '../support/linearTime';

test('tokenize splits on hyphens and punctuation, normalizes apostrophes and drops possessives', () => {
  const text = 'Chongqing’s foreign-invested enterprises, the world\'s TOP firms';
  assert.deepEqual(
    tokenize(text).map((t) => t.norm),
    ['chongqing', 'foreign', 'invested', 'enterprises', 'the', 'world', 'top', 'firms'],
  );
  for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end).toLowerCase().replace('’', "'").startsWith(t.norm), true);
});

test('tokenize keeps letters of every script and German umlauts in words', () => {
  assert.deepEqual(tokenize('ausländischen Unternehmen, Straße 重庆').map((t) => t.norm), ['ausländischen', 'unternehmen', 'straße', '重庆']);
});

test('tokenize honours the from/to window', () => {
  const text = 'aaa bbb ccc';
  assert.deepEqual(tokenize(text, 4, 7).map((t) => [t.start, t.end]), [[4, 7]]);
});

/** A PhraseIndex over the given (phrase, value, group) entries. */
function indexOf<T>(entries: Array<[string, T, string?]>): PhraseIndex<T> {
  const builder = new PhraseTrieBuilder();
  const groups = [...new Set(entries.map((e) => e[2] ?? ''))];
  entries.forEach(([phrase, , group], i) => builder.add(phrase, i, groups.indexOf(group ?? '')));
  const found = groups.map((g, n) => [g, n] as const);
  return new PhraseIndex(new PhraseMatcher(builder.build()), (v) => entries[v][1], (key) => found.find(([g]) => g === key)?.[1]);
}

test('PhraseIndex finds the longest phrase at each place, without overlaps', () => {
  const index = indexOf([
    ['foreign-invested enterprises', 'total'],
    ['new foreign invested enterprises', 'new'],
    ['enterprises', 'any'],
  ]);
  const found = index.matchAll(words('205 new foreign-invested enterprises and 8,753 foreign invested enterprises')).map((m) => m.values.join());
  assert.deepEqual(found, ['new', 'total']);
});

test('PhraseIndex is case-insensitive and keeps several values per phrase', () => {
  const index = indexOf([
    ['Fortune 500 companies', 1],
    ['fortune 500 COMPANIES', 2],
  ]);
  const [m] = index.matchAll(words('293 FORTUNE 500 Companies'));
  assert.deepEqual(m.values, [1, 2]);
});

test('PhraseIndex limits matches to groups, keeping the order values were added in, and keeps empty matches', () => {
  const index = indexOf([
    ['exports', 'a-exports', 'a'],
    ['exports', 'b-exports', 'b'],
    ['exports', 'c-exports', 'c'],
    ['exports', 'a-exports-2', 'a'],
  ]);
  const tokens = words('exports rose');
  assert.deepEqual(index.matchAll(tokens, ['c', 'a']).map((m) => m.values), [['a-exports', 'c-exports', 'a-exports-2']]);
  assert.deepEqual(index.matchAll(tokens, ['b']).map((m) => m.values), [['b-exports']]);
  assert.deepEqual(index.matchAll(tokens, ['unknown']).map((m) => [m.from, m.to, m.values.length]), [[0, 1, 0]]);
  assert.equal(index.matchAll(tokens).map((m) => m.values.length)[0], 4);
});

test('PhraseTrieBuilder ignores phrases without words; a trie of many phrases finds each', () => {
  const builder = new PhraseTrieBuilder();
  assert.equal(builder.add(' - ', 0), false);
  for (let i = 0; i < 5000; i++) builder.add(`word${i % 97} phrase ${i}`, i);
  const matcher = new PhraseMatcher(builder.build());
  for (const i of [0, 1, 96, 97, 4999]) {
    const [m] = matcher.matchAll(words(`the word${i % 97} phrase ${i} here`));
    assert.deepEqual([m.from, m.to, [...matcher.valuesOf(m.node)]], [1, 4, [i]]);
  }
});

test('PhraseIndex matching stays linear on long runs of a repeated word', () => {
  const index = indexOf([['a a a a a b', 1]]);
  assertLinear('repeated prefix', (n) => words('a '.repeat(n)), (run) => index.matchAll(run), 5000);
});

test('every token carries the hash of its normal form, however the word was written', () => {
  const text = "Chongqing's GDP grew; CHONGQING, chongqing’s Größe, İstanbul, 8,753 foreign-invested ENTERPRISES ǅemal ÆØÅ x2";
  const tokens = tokenize(text);
  assert.ok(tokens.length > 10);
  for (const t of tokens) assert.equal(t.hash, wordHash(t.norm), t.norm);
  assert.deepEqual(tokens.slice(0, 3).map((t) => t.norm), ['chongqing', 'gdp', 'grew']);
});

test('a prose word with the hash of a phrase word is not that word, whether or not the table has both', () => {
  // "yaczf" and "glbpp" have the same FNV-1a hash.
  assert.equal(wordHash('yaczf'), wordHash('glbpp'));
  const one = indexOf([['yaczf rose', 'one'], ['exports yaczf', 'two']]);
  assert.deepEqual(one.matchAll(words('glbpp rose, exports glbpp')).map((m) => m.values), []);
  assert.deepEqual(one.matchAll(words('Yaczf rose, exports YACZF')).map((m) => m.values), [['one'], ['two']]);
  const both = indexOf([['yaczf rose', 'y'], ['glbpp rose', 'g']]);
  assert.deepEqual(both.matchAll(words('glbpp rose and yaczf rose')).map((m) => m.values), [['g'], ['y']]);
});

test('a word goes on over inner apostrophes and letters of any script, and ends before a final apostrophe', () => {
  const text = "investors' funds, l’Été’s rock'n'roll Größe's 重庆's x'";
  assert.deepEqual(tokenize(text).map((t) => t.norm), ['investors', 'funds', "l'été", "rock'n'roll", 'größe', '重庆', 'x']);
  for (const t of tokenize(text)) assert.equal(t.hash, wordHash(t.norm), t.norm);
});
