import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findTimeMentions } from '../../server/src/core/timeMentions';
import type { Lang } from '../../server/src/core/types';
import { timeRatio } from '../support/linearTime';

const TODAY = '2021-10-12';

/** The mentions in a sentence as "text → start..end". */
function mentions(lang: Lang, text: string, today = TODAY): string[] {
  return findTimeMentions(text, 0, text.length, lang, today).map((m) => `${text.slice(m.start, m.end)} → ${m.range.start}..${m.range.end}`);
}

function expect(lang: Lang, text: string, ...expected: string[]): void {
  assert.deepEqual(mentions(lang, text), expected, text);
}

test('English years, year ends and as-of dates', () => {
  expect('en', 'Exports grew in 2020.', 'in 2020 → 2020-01-01..2020-12-31');
  expect('en', 'It had 293 at the end of 2020.', 'at the end of 2020 → 2020-12-31..2020-12-31');
  expect('en', 'The stock end-2020 was 293.', 'end-2020 → 2020-12-31..2020-12-31');
  expect('en', 'It reached 293 by the end of 2020.', 'by the end of 2020 → 2020-12-31..2020-12-31');
  expect('en', 'It had 293 at year-end 2020.', 'at year-end 2020 → 2020-12-31..2020-12-31');
  expect('en', 'It will reach 300 by 2025.', 'by 2025 → 2025-12-31..2025-12-31');
  expect('en', 'at the end of July 2021', 'at the end of July 2021 → 2021-07-31..2021-07-31');
  expect('en', 'As of 2020, 293 firms.', 'As of 2020 → 2020-01-01..2020-12-31');
  expect('en', 'as of July 2021 there were 172', 'as of July 2021 → 2021-07-01..2021-07-31');
  expect('en', 'As of July this year, a total of 172 projects.', 'As of July this year → 2021-07-01..2021-07-31');
  expect('en', 'The 2021 figure is 205.', '2021 → 2021-01-01..2021-12-31');
});

test('English months, quarters and spans of months', () => {
  expect('en', 'in the first eight months of 2021, 205 firms', 'in the first eight months of 2021 → 2021-01-01..2021-08-31');
  expect('en', 'in January–August 2021', 'in January–August 2021 → 2021-01-01..2021-08-31');
  expect('en', 'between January and September this year', 'between January and September this year → 2021-01-01..2021-09-30');
  expect('en', 'between January to September this year', 'between January to September this year → 2021-01-01..2021-09-30');
  expect('en', 'from January to August 2021', 'from January to August 2021 → 2021-01-01..2021-08-31');
  expect('en', 'in Q1 2021', 'in Q1 2021 → 2021-01-01..2021-03-31');
  expect('en', 'H1 2021', 'H1 2021 → 2021-01-01..2021-06-30');
  expect('en', 'in the third quarter of 2020', 'in the third quarter of 2020 → 2020-07-01..2020-09-30');
  expect('en', 'in the second half of 2020', 'in the second half of 2020 → 2020-07-01..2020-12-31');
});

test('English plan periods and year spans', () => {
  expect('en', 'during the 13th Five-Year Plan period (2016-2020)', 'during the 13th Five-Year Plan period (2016-2020) → 2016-01-01..2020-12-31');
  expect('en', 'during the 13th Five-Year Plan, it grew', 'during the 13th Five-Year Plan → 2016-01-01..2020-12-31');
  expect('en', 'During the “14th Five-Year Plan” period, it grew', 'During the “14th Five-Year Plan” period → 2021-01-01..2025-12-31');
  expect('en', 'in the 12th Five Year Plan', 'in the 12th Five Year Plan → 2011-01-01..2015-12-31');
  expect('en', 'in 2016-2020', 'in 2016-2020 → 2016-01-01..2020-12-31');
  expect('en', 'between 2016 and 2020', 'between 2016 and 2020 → 2016-01-01..2020-12-31');
  expect('en', 'from 2016 to 2020', 'from 2016 to 2020 → 2016-01-01..2020-12-31');
  expect('en', 'Over 2016–2020 it doubled.', '2016–2020 → 2016-01-01..2020-12-31');
});

test('English relative dates resolve against today', () => {
  expect('en', 'this year', 'this year → 2021-01-01..2021-12-31');
  expect('en', 'Last year it rose.', 'Last year → 2020-01-01..2020-12-31');
  expect('en', 'in the past five years', 'in the past five years → 2016-10-12..2021-10-12');
  expect('en', 'since 2019', 'since 2019 → 2019-01-01..2021-10-12');
  assert.deepEqual(mentions('en', 'this year', '2025-03-01'), ['this year → 2025-01-01..2025-12-31']);
});

test('English days; a month without a year is the latest one not after today', () => {
  expect('en', 'on 30 December 2021', 'on 30 December 2021 → 2021-12-30..2021-12-30');
  expect('en', 'on December 30, 2021', 'on December 30, 2021 → 2021-12-30..2021-12-30');
  expect('en', 'on Dec. 30, 2021', 'on Dec. 30, 2021 → 2021-12-30..2021-12-30');
  assert.deepEqual(mentions('en', 'December 30', '2022-01-03'), ['December 30 → 2021-12-30..2021-12-30']);
  assert.deepEqual(mentions('en', 'October 1', '2021-10-12'), ['October 1 → 2021-10-01..2021-10-01']);
  expect('en', 'As of November, 431 projects', 'As of November → 2020-11-01..2020-11-30');
  expect('en', 'on 2021-12-30', 'on 2021-12-30 → 2021-12-30..2021-12-30');
});

test('English comparison bases are not mentions', () => {
  expect('en', 'an increase of 32.2% over the previous year');
  expect('en', 'up 12% year on year and 3% year-on-year');
  expect('en', 'an increase of 77% over the same period last year');
  expect('en', 'an increase of 77% on the same period of the previous year');
  expect('en', 'up 5% compared with 2020');
  expect('en', 'more than in 2020');
  expect('en', 'up from 2019');
  expect('en', 'up 5% on 2020 and 3% on last year');
  expect(
    'en',
    'It exported 51.859 million laptops in the first eight months of 2021, an increase of 32.2% over the same period of 2020.',
    'in the first eight months of 2021 → 2021-01-01..2021-08-31',
  );
});

test('English words that look like months or years but are not', () => {
  expect('en', 'It may rise; troops march on.');
  expect('en', 'a rate of 2000 % and 2000 percent');
  expect('en', 'the Fortune 500 and 8,753 firms');
  expect('en', 'According to the Business Environment Report 2020, it ranks fifth.');
  expect('en', 'The Pavilion at the 2021 Smart China Expo.');
  expect('en', 'The 2021 report card.', '2021 → 2021-01-01..2021-12-31');
  expect('en', 'In 2022 Chongqing will grow.', 'In 2022 → 2022-01-01..2022-12-31');
});

test('German years, year ends and Stand', () => {
  expect('de', 'im Jahr 2020 stieg', 'im Jahr 2020 → 2020-01-01..2020-12-31');
  expect('de', 'Die Zahl 2020 war', '2020 → 2020-01-01..2020-12-31');
  expect('de', 'Ende 2020 waren es 293', 'Ende 2020 → 2020-12-31..2020-12-31');
  expect('de', 'zum Jahresende 2020', 'zum Jahresende 2020 → 2020-12-31..2020-12-31');
  expect('de', 'Ende des Jahres 2020', 'Ende des Jahres 2020 → 2020-12-31..2020-12-31');
  expect('de', 'bis Ende Juli 2021', 'bis Ende Juli 2021 → 2021-07-31..2021-07-31');
  expect('de', 'Stand 2020', 'Stand 2020 → 2020-01-01..2020-12-31');
  expect('de', 'Stand: Juli 2021', 'Stand: Juli 2021 → 2021-07-01..2021-07-31');
  expect('de', 'seit 2019', 'seit 2019 → 2019-01-01..2021-10-12');
  expect('de', 'im Zeitraum 2016 bis 2020', 'im Zeitraum 2016 bis 2020 → 2016-01-01..2020-12-31');
  expect('de', 'Stand: 31.12.2020', 'Stand: 31.12.2020 → 2020-12-31..2020-12-31');
});

test('German months and spans of months', () => {
  expect('de', 'in den ersten acht Monaten 2021', 'in den ersten acht Monaten 2021 → 2021-01-01..2021-08-31');
  expect('de', 'in den ersten acht Monaten des Jahres 2021', 'in den ersten acht Monaten des Jahres 2021 → 2021-01-01..2021-08-31');
  expect('de', 'von Januar bis August 2021', 'von Januar bis August 2021 → 2021-01-01..2021-08-31');
  expect('de', 'Januar–August 2021', 'Januar–August 2021 → 2021-01-01..2021-08-31');
  expect('de', 'zwischen Januar und September dieses Jahres', 'zwischen Januar und September dieses Jahres → 2021-01-01..2021-09-30');
  expect('de', 'im ersten Quartal 2021', 'im ersten Quartal 2021 → 2021-01-01..2021-03-31');
  expect('de', 'im 2. Halbjahr 2020', 'im 2. Halbjahr 2020 → 2020-07-01..2020-12-31');
  expect('de', 'im März 2021', 'im März 2021 → 2021-03-01..2021-03-31');
});

test('German plan periods', () => {
  expect('de', 'während des 13. Fünfjahresplans (2016–2020)', 'während des 13. Fünfjahresplans (2016–2020) → 2016-01-01..2020-12-31');
  expect('de', 'Der 14. Fünfjahresplan sieht vor', '14. Fünfjahresplan → 2021-01-01..2025-12-31');
  expect('de', 'während des „14. Fünfjahresplans“ wuchs', 'während des „14. Fünfjahresplans“ → 2021-01-01..2025-12-31');
});

test('German relative dates and days', () => {
  expect('de', 'dieses Jahr', 'dieses Jahr → 2021-01-01..2021-12-31');
  expect('de', 'in diesem Jahr', 'in diesem Jahr → 2021-01-01..2021-12-31');
  expect('de', 'letztes Jahr', 'letztes Jahr → 2020-01-01..2020-12-31');
  expect('de', 'im Vorjahr waren es 100', 'im Vorjahr → 2020-01-01..2020-12-31');
  expect('de', 'in den letzten fünf Jahren', 'in den letzten fünf Jahren → 2016-10-12..2021-10-12');
  expect('de', 'am 30. Dezember 2021', 'am 30. Dezember 2021 → 2021-12-30..2021-12-30');
  expect('de', 'am 30.12.2021', 'am 30.12.2021 → 2021-12-30..2021-12-30');
});

test('German comparison bases are not mentions', () => {
  expect('de', 'ein Plus von 5 % gegenüber dem Vorjahr');
  expect('de', 'mehr als im Vorjahr');
  expect('de', 'im Vergleich zum Vorjahr');
  expect('de', 'im Vergleich zum Vorjahreszeitraum');
  expect('de', 'ein Plus von 5 % gegenüber 2020');
  expect('de', 'im Vergleich zum gleichen Zeitraum 2020');
  expect('de', 'Bis Ende 2020 stieg die Zahl gegenüber dem Vorjahr um 5 %.', 'Bis Ende 2020 → 2020-12-31..2020-12-31');
});

test('offsets are offsets into the whole text, and only text[start, end) is read', () => {
  const text = 'Intro 2019. Then at the end of 2020 it was 293. Outro 2022.';
  const start = text.indexOf('Then');
  const end = text.indexOf('Outro');
  const found = findTimeMentions(text, start, end, 'en', TODAY);
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0].start, found[0].end), 'at the end of 2020');
});

test('English grammar is not applied to German and vice versa', () => {
  expect('de', 'at the end of 2020', '2020 → 2020-01-01..2020-12-31');
  expect('en', 'Ende 2020', '2020 → 2020-01-01..2020-12-31');
});

test('for any words, mentions lie in order inside the range and denote real days', () => {
  const word = fc.constantFrom(
    'in', 'the', 'end', 'of', 'as', 'at', 'by', 'since', 'between', 'and', 'to', 'from', 'on', 'first', 'eight', 'months', 'this', 'last', 'year', 'years',
    'past', 'five', 'Q1', 'H2', 'quarter', 'half', 'July', 'December', 'Dec', '.', ',', '-', '–', '(', ')', '“', '”', '13th', 'Five-Year', 'Plan', 'period',
    'im', 'Jahr', 'Ende', 'Stand', ':', 'ersten', 'acht', 'Monaten', 'von', 'bis', 'Januar', 'Dezember', '13', 'Fünfjahresplans', 'Vorjahr', 'gegenüber',
    '2020', '2016', '2021', '30', '31', '2', '29.02.2021', '30.12.2021', 'over', 'same', 'than',
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 30 }), fc.constantFrom<Lang>('en', 'de'), fc.nat(8), (words, lang, skip) => {
      const text = words.join(' ');
      const start = Math.min(skip, text.length);
      let last = start;
      for (const m of findTimeMentions(text, start, text.length, lang, TODAY)) {
        assert.ok(m.start >= last && m.start < m.end && m.end <= text.length);
        last = m.end;
        assert.match(m.range.start, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(m.range.start <= m.range.end);
        for (const d of [m.range.start, m.range.end]) assert.equal(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10), d);
      }
    }),
    { numRuns: 500 },
  );
});

test('grammar words are read in any case, and other words by their first six letters', () => {
  // Upper case, umlauts included, reads as the lower-case word.
  expect('de', 'JAHRESENDE 2020', 'JAHRESENDE 2020 → 2020-12-31..2020-12-31');
  expect('de', 'FÜR 2020', 'FÜR 2020 → 2020-01-01..2020-12-31');
  expect('en', 'IN Q1 2021', 'IN Q1 2021 → 2021-01-01..2021-03-31');
  // "İ" lowercases to two characters, so "İn" is not "in" (and no lead).
  expect('en', 'İn 2020', '2020 → 2020-01-01..2020-12-31');
  // A capitalised word next to a year makes it part of a name, unless its first six letters are a grammar word's.
  expect('en', 'Business Report 2020 data');
  expect('en', 'Periodical 2020 data', '2020 → 2020-01-01..2020-12-31');
});

test('dates written as one number start a mention', () => {
  expect('de', 'Stand 30.12.2021', 'Stand 30.12.2021 → 2021-12-30..2021-12-30');
  expect('en', 'on 1.2.2021', 'on 1.2.2021 → 2021-02-01..2021-02-01');
  expect('en', 'In the 1,297 2020', '2020 → 2020-01-01..2020-12-31');
});

test('a malformed today is a clear error', () => {
  assert.throws(() => findTimeMentions('this year', 0, 9, 'en', '12.10.2021'), /today must be an ISO date YYYY-MM-DD, got "12.10.2021"/);
  assert.throws(() => findTimeMentions('this year', 0, 9, 'en', '2021-02-30'), /today must be an ISO date/);
});

test('time is linear in the text length', () => {
  const unit = 'In the first eight months of 2021, exports rose 5% over the same period of 2020 (Q1 2021: 3%). ';
  const small = unit.repeat(100);
  const large = unit.repeat(1000);
  const ratio = timeRatio(
    () => findTimeMentions(small, 0, small.length, 'en', TODAY),
    () => findTimeMentions(large, 0, large.length, 'en', TODAY),
  );
  assert.ok(ratio < 30, `ten times the text took ${ratio.toFixed(1)} times as long`);
  assert.equal(findTimeMentions(large, 0, large.length, 'en', TODAY).length, 2000);
});
