import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFigures } from '../../server/src/core/figures';
import { formatLike } from '../../server/src/core/formatFigure';
import type { Figure, Lang } from '../../server/src/core/types';

/** The single figure in `text`, read in `lang`. */
function figureOf(text: string, lang: Lang = 'en'): Figure {
  const figures = findFigures(text, lang);
  assert.equal(figures.length, 1, `${text}: ${JSON.stringify(figures.map((f) => f.text))}`);
  return figures[0];
}

test('money keeps its currency notation and scale word', () => {
  assert.equal(formatLike(figureOf('US$32.08 billion'), 15.77e9), 'US$15.77 billion');
  assert.equal(formatLike(figureOf('RMB 1.71 trillion'), 2.5e12), 'RMB 2.5 trillion');
  assert.equal(formatLike(figureOf('5.6 billion U.S. dollars'), 6.1e9), '6.1 billion U.S. dollars');
  assert.equal(formatLike(figureOf('1,71 Billionen Yuan', 'de'), 1.93e12), '1,93 Billionen Yuan');
  assert.equal(formatLike(figureOf('32,08 Mrd. US-Dollar', 'de'), 15.77e9), '15,77 Mrd. US-Dollar');
  assert.equal(formatLike(figureOf('$5m'), 7e6), '$7m');
});

test('a value the scale word no longer fits takes the fitting scale word of the same family', () => {
  assert.equal(formatLike(figureOf('1,71 Milliarden Yuan', 'de'), 1.71e12), '1,71 Billionen Yuan');
  assert.equal(formatLike(figureOf('1,71 Milliarden Yuan', 'de'), 1e12), '1 Billion Yuan');
  assert.equal(formatLike(figureOf('3 Mrd. Euro', 'de'), 2.5e12), '2,5 Bio. Euro');
  assert.equal(formatLike(figureOf('1,710 billion yuan'), 1.71e12), '1.71 trillion yuan');
  assert.equal(formatLike(figureOf('US$0.5bn'), 0.5e9), 'US$0.5bn');
  assert.equal(formatLike(figureOf('US$2bn'), 0.5e9), 'US$500mn');
});

test('counts keep their separators; a short figure takes the language default when the new value needs grouping', () => {
  assert.equal(formatLike(figureOf('293'), 322), '322');
  assert.equal(formatLike(figureOf('8,753'), 9012), '9,012');
  assert.equal(formatLike(figureOf('8.753', 'de'), 9012), '9.012');
  assert.equal(formatLike(figureOf('8 753'), 12345), '12 345');
  assert.equal(formatLike(figureOf('293'), 8753), '8,753');
  assert.equal(formatLike(figureOf('293', 'de'), 8753), '8.753');
  assert.equal(formatLike(figureOf('a total of 1493 trains'), 1530), '1530');
  assert.equal(formatLike(figureOf('12.5 million'), 13.2e6), '13.2 million');
  assert.equal(formatLike(figureOf('12,5 Millionen', 'de'), 13.25e6), '13,25 Millionen');
});

test('percentages keep their percent style', () => {
  assert.equal(formatLike(figureOf('44.7%'), 47.3), '47.3%');
  assert.equal(formatLike(figureOf('50 %', 'de'), 47.5), '47,5 %');
  assert.equal(formatLike(figureOf('50 percent'), 60), '60 percent');
  assert.equal(formatLike(figureOf('7.3 percentage points'), 6.1), '6.1 percentage points');
});

test('words stay words where the value has a simple word form', () => {
  assert.equal(formatLike(figureOf('one-tenth of revenue'), 1 / 15), 'one-fifteenth');
  assert.equal(formatLike(figureOf('one-fifteenth of jobs'), 0.1), 'one-tenth');
  assert.equal(formatLike(figureOf('two-thirds of jobs'), 0.75), 'three-quarters');
  assert.equal(formatLike(figureOf('ein Zehntel der', 'de'), 0.25), 'ein Viertel');
  assert.equal(formatLike(figureOf('nine zones'), 12), 'twelve');
  assert.equal(formatLike(figureOf('Nine zones'), 21), 'Twenty-one');
  assert.equal(formatLike(figureOf('neun Zonen', 'de'), 21), 'einundzwanzig');
  assert.equal(formatLike(figureOf('three hundred zones'), 1234), '1,234');
  assert.equal(formatLike(figureOf('ranked fifth among 296'), 3), 'third');
  assert.equal(formatLike(figureOf('ranked 5th among 296'), 3), '3rd');
});

test('formatLike round-trips: the written text reads back as the value', () => {
  const cases: Array<[string, Lang, number]> = [
    ['US$32.08 billion', 'en', 15.77e9], ['8,753', 'en', 1297], ['8.753', 'de', 1297], ['1,71 Billionen Yuan', 'de', 2.2e12],
    ['44.7%', 'en', 32.2], ['one-tenth of it', 'en', 0.25], ['nine zones', 'en', 31], ['50 v. H.', 'de', 12.5],
  ];
  for (const [text, lang, value] of cases) {
    const written = formatLike(figureOf(text, lang), value);
    const back = figureOf(written + ' zones', lang);
    assert.ok(Math.abs(back.value - value) < 1e-9 * Math.max(1, value), `${text} → ${written} → ${back.value}`);
  }
});
