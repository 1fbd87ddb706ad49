// Fuzz: the sentence segments read without ICU where the rules settle them are, at every
// offset, the segments ICU cuts, for hostile, mutated and random text in either language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SentenceSegments } from '../../server/src/core/sentenceBreaks';
import type { Lang } from '../../server/src/core/types';
import { anyText, params } from './arbitraries';

test('SentenceSegments: every offset lies in the segment ICU cuts there', () => {
  fc.assert(
    fc.property(anyText, fc.constantFrom<Lang>('en', 'de'), (text, lang) => {
      // The checker segments paragraphs with line breaks read as spaces.
      const flat = text.replace(/[\r\n]/g, ' ');
      const ours = new SentenceSegments(flat, lang);
      const icu = new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(flat);
      for (let i = 0; i < flat.length; i++) {
        ours.containing(i);
        const seg = icu.containing(i)!;
        assert.deepEqual([ours.index, ours.end], [seg.index, seg.index + seg.segment.length], `offset ${i} of ${JSON.stringify(flat)}`);
      }
    }),
    params(600),
  );
});
