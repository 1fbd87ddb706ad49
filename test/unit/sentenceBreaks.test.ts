import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SentenceSegments } from '../../server/src/core/sentenceBreaks';
import type { Lang } from '../../server/src/core/types';

/** Every offset's segment, as SentenceSegments finds it and as ICU cuts it. */
function bothWays(text: string, lang: Lang): { ours: string[]; icu: string[] } {
  const segments = new SentenceSegments(text, lang);
  const icu = new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text);
  const ours: string[] = [];
  const theirs: string[] = [];
  for (let i = 0; i < text.length; i++) {
    segments.containing(i);
    ours.push(`${i}: ${segments.index}-${segments.end}`);
    const seg = icu.containing(i)!;
    theirs.push(`${i}: ${seg.index}-${seg.index + seg.segment.length}`);
  }
  return { ours, icu: theirs };
}

test('segments are the ones ICU cuts, at every offset, for text built from what its sentence rules look at', () => {
  // Stops in every position the rules distinguish (before a space, a capital, a digit, a
  // lower-case letter, a quote), capitals after spaces, separators, and characters beyond
  // ASCII that are stops or separators in ICU ("。", "‼", U+2029, U+0085) or are not.
  const pieces = ['.', '!', '?', '...', ' ', '  ', 'A', 'Ab', 'U.S', 'e.g', 'a', 'word', '3', '3.5', '"', '”', ')', '(', ',', '-', '–',
    'Ä', 'ä', 'ß', '\u00a0', '\u00ad', '\u0301', '。', '‼', '\u2029', '\u0085', '…', '․', '．', '\ud83d\ude00', '\ud800', 'Mr.', 'Jan.'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }).map((p) => p.join('')), fc.constantFrom('en' as const, 'de' as const), (text, lang) => {
      const { ours, icu } = bothWays(text, lang);
      assert.deepEqual(ours, icu, JSON.stringify(text));
    }),
    { numRuns: 3000, seed: 7 },
  );
});

test('news copy is segmented without asking ICU, and the same as ICU', () => {
  const text = 'Chongqing had 322 Fortune 500 companies. The U.S. market grew 3.5% in 2021, e.g. in trade.  Exports rose! Did they? Yes. Mr. Wang said so.';
  const { ours, icu } = bothWays(text, 'en');
  assert.deepEqual(ours, icu);
  const segments = new SentenceSegments(text, 'en');
  for (let i = 0; i < text.length; i++) segments.containing(i);
  assert.equal((segments as unknown as { icu: unknown }).icu, undefined, 'ICU was asked');
});
