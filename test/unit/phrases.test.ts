import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhraseIndex, tokenize } from '../../server/src/core/phrases';
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

test('PhraseIndex finds the longest phrase at each place, without overlaps', () => {
  const index = new PhraseIndex<string>();
  index.add('foreign-invested enterprises', 'total');
  index.add('new foreign invested enterprises', 'new');
  index.add('enterprises', 'any');
  const tokens = tokenize('205 new foreign-invested enterprises and 8,753 foreign invested enterprises');
  const found = index.matchAll(tokens).map((m) => m.values.join());
  assert.deepEqual(found, ['new', 'total']);
});

test('PhraseIndex is case-insensitive and keeps several values per phrase', () => {
  const index = new PhraseIndex<number>();
  index.add('Fortune 500 companies', 1);
  index.add('fortune 500 COMPANIES', 2);
  const [m] = index.matchAll(tokenize('293 FORTUNE 500 Companies'));
  assert.deepEqual(m.values, [1, 2]);
  assert.equal(index.size, 2);
});

test('PhraseIndex matching stays linear on long runs of a repeated word', () => {
  const index = new PhraseIndex<number>();
  index.add('a a a a a b', 1);
  assertLinear('repeated prefix', (n) => tokenize('a '.repeat(n)), (tokens) => index.matchAll(tokens), 5000);
});
