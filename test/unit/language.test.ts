import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideLanguage, detectLanguage, languageEvidence } from '../../server/src/core/language';

test('English prose is English, German prose is German', () => {
  assert.equal(detectLanguage('The city has attracted more than 300 of the world top 500 companies in the past year.'), 'en');
  assert.equal(detectLanguage('Die Stadt hat mehr als 300 der weltweit führenden Unternehmen angezogen, und das ist nicht wenig.'), 'de');
});

test('umlauts and ß count as German evidence', () => {
  const ev = languageEvidence('Größe Übersicht Bürger');
  assert.equal(ev.de, 3);
  assert.equal(ev.en, 0);
});

test('words shared by both languages are no evidence', () => {
  assert.deepEqual(languageEvidence('in an was so'), { en: 0, de: 0 });
});

test('no evidence and ties give the fallback', () => {
  assert.equal(detectLanguage('Chongqing 2021', 0, undefined, 'de'), 'de');
  assert.equal(detectLanguage('Chongqing 2021', 0, undefined, 'en'), 'en');
  assert.equal(decideLanguage({ en: 2, de: 2 }, 'de'), 'de');
  assert.equal(decideLanguage({ en: 3, de: 2 }, 'de'), 'en');
});

test('a mixed paragraph goes by majority', () => {
  const text = 'Laut dem Bericht der Stadt ist die Zahl der Firmen mit ausländischem Kapital gestiegen, the report says.';
  assert.equal(detectLanguage(text), 'de');
  const english = 'The report of the city says that the number of firms with foreign capital has risen, sagt die Stadt.';
  assert.equal(detectLanguage(english), 'en');
});

test('only text[start, end) is read', () => {
  const text = 'Die Zahl ist gestiegen. The number has risen and that is the news.';
  const split = text.indexOf('The');
  assert.equal(detectLanguage(text, 0, split), 'de');
  assert.equal(detectLanguage(text, split), 'en');
});

test('capitalised function words count ("Der", "The")', () => {
  assert.deepEqual(languageEvidence('Der The'), { en: 1, de: 1 });
});

test('long words are not mistaken for function words', () => {
  // "thereby" starts like "the", "underneath" like "und": only whole words count.
  assert.deepEqual(languageEvidence('thereby underneath diesel'), { en: 0, de: 0 });
});
