// Fuzz: figure recognition over random and mutated text never throws, and every figure it
// reports lies inside the text, in order, and is exactly the text at its range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findFigures } from '../../server/src/core/figures';
import type { Figure, Lang } from '../../server/src/core/types';
import { anyText, params } from './arbitraries';

function assertWellFormed(text: string, figures: readonly Figure[]): void {
  let last = 0;
  for (const f of figures) {
    assert.ok(0 <= f.start && f.start < f.end && f.end <= text.length, `range ${f.start}-${f.end} inside a text of ${text.length}`);
    assert.equal(text.slice(f.start, f.end), f.text, 'the figure text is the text at its range');
    assert.ok(f.start >= last, 'in order, not overlapping');
    if (f.qualifierStart !== undefined) assert.ok(0 <= f.qualifierStart && f.qualifierStart <= f.start, 'qualifier before the figure');
    assert.ok(Number.isFinite(f.value), `finite value for ${JSON.stringify(f.text)}`);
    last = f.end;
  }
}

test('findFigures: never throws, ranges inside the text and round-trip to the figure text', () => {
  fc.assert(
    fc.property(anyText, fc.constantFrom<Lang>('en', 'de'), (text, lang) => assertWellFormed(text, findFigures(text, lang))),
    params(1500),
  );
});

test('findFigures: a window of the text yields figures inside that window', () => {
  fc.assert(
    fc.property(anyText, fc.nat(), fc.nat(), fc.constantFrom<Lang>("en", "de"), (text, a, b, lang) => {
      const from = a % (text.length + 1);
      const to = from + (b % (text.length - from + 1));
      const figures = findFigures(text, lang, from, to);
      assertWellFormed(text, figures);
      for (const f of figures) assert.ok(from <= f.start && f.end <= to, `figure ${f.start}-${f.end} inside window ${from}-${to}`);
    }),
    params(500),
  );
});
