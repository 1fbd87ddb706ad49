// Linking in isolation: figures are built by hand here so that these tests pin down the
// linking rules alone (cues, subjects, units, distance, ambiguity), whatever the recogniser does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkSentence, namedSubjects } from '../../server/src/core/claims';
import { loadFactFiles } from '../../server/src/core/factBase';
import { factIndex } from '../../server/src/core/factIndex';
import { WordRun } from '../../server/src/core/phrases';
import type { Figure, FigureKind } from '../../server/src/core/types';

const yaml = `
sources:
  - { id: s1, title: T, publisher: P, published: "2021", publishedEstimated: false, language: en }
subjects:
  - { id: city, names: { en: [Chongqing], de: [Chongqing] } }
  - { id: area, parent: city, names: { en: [Liangjiang New Area], de: [Liangjiang] } }
metrics:
  - id: city.fortune
    subject: city
    measure: { en: Fortune Global 500 companies in the city }
    unit: count
    cues: { en: [Fortune 500 companies], de: [Fortune-500-Unternehmen] }
    observations:
      - { value: 322, asOf: "2025", source: s1, quote: q }
  - id: city.fie
    subject: city
    measure: { en: foreign-invested enterprises }
    unit: count
    cues: { en: [foreign-invested enterprises], de: [Unternehmen mit ausländischen Investitionen] }
    observations:
      - { value: 8753, asOf: "2025", source: s1, quote: q }
  - id: city.fie-new
    subject: city
    measure: { en: new foreign-invested enterprises }
    unit: count
    cues: { en: [new foreign-invested enterprises], de: [neue Unternehmen mit ausländischen Investitionen] }
    observations:
      - { value: 205, period: "2021-01/2021-08", source: s1, quote: q }
  - id: city.fie-new-growth
    subject: city
    measure: { en: growth of new foreign-invested enterprises }
    unit: percent
    change: true
    cues: { en: [new foreign-invested enterprises], de: [neue Unternehmen mit ausländischen Investitionen] }
    observations:
      - { value: 28.9, period: "2021-01/2021-08", source: s1, quote: q }
  - id: city.trade-share
    subject: city
    measure: { en: share of trade }
    unit: percent
    cues: { en: [of import and export volume], de: [des Import- und Exportvolumens] }
    observations:
      - { value: 50, qualifier: approximately, asOf: "2025", source: s1, quote: q }
`;

const loaded = loadFactFiles([{ path: 'mini.yaml', text: yaml }]);
const base = loaded.base;
const index = factIndex(base);

function figure(doc: string, text: string, kind: FigureKind, value: number, unit: string | null = null): Figure {
  const start = doc.indexOf(text);
  assert.ok(start >= 0, `${text} in ${doc}`);
  return {
    text, start, end: start + text.length, value, unit, kind, approx: null, precision: 1, lang: 'en',
    style: { words: false, decimalSeparator: '.', groupSeparator: ',', scale: 1 },
  };
}

function link(doc: string, figures: Figure[], lang: 'en' | 'de' = 'en') {
  const words = new WordRun().scan(doc);
  const subjects = namedSubjects(index.subjects[lang].matchAll(words), index);
  const claims = linkSentence({
    text: doc,
    sentence: { start: 0, end: doc.length, lang, paragraph: 0 },
    words, figures, subjects, cues: index.cues[lang].matchAll(words), times: [],
  });
  return claims.map((c) => [c.figure.text, c.metric.id]);
}

test('the mini fact base loads cleanly', () => {
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), []);
});

test('links each figure to the cue nearest to it', () => {
  const doc = 'Chongqing has 8,753 foreign-invested enterprises, with 322 Fortune 500 companies in the city.';
  assert.deepEqual(link(doc, [figure(doc, '8,753', 'count', 8753), figure(doc, '322', 'count', 322)]), [
    ['8,753', 'city.fie'],
    ['322', 'city.fortune'],
  ]);
});

test('a number inside a cue is part of a name, not a figure of it', () => {
  const doc = 'Chongqing has Fortune 500 companies.';
  assert.deepEqual(link(doc, [figure(doc, '500', 'count', 500)]), []);
});

test('the longer cue wins: new enterprises are not all enterprises', () => {
  const doc = 'Chongqing saw 205 new foreign-invested enterprises, an increase of 28.9%.';
  assert.deepEqual(link(doc, [figure(doc, '205', 'count', 205), figure(doc, '28.9%', 'percent', 28.9, '%')]), [
    ['205', 'city.fie-new'],
    ['28.9%', 'city.fie-new-growth'],
  ]);
});

test('a percentage after "an increase of" states a change, never a level', () => {
  const doc = 'In Chongqing, foreign firms grew by an increase of 50% of import and export volume.';
  assert.deepEqual(link(doc, [figure(doc, '50%', 'percent', 50, '%')]), []);
});

test('a narrower subject named in the sentence keeps the city metric away', () => {
  const doc = 'Chongqing’s Liangjiang New Area is home to 147 Fortune 500 companies.';
  assert.deepEqual(link(doc, [figure(doc, '147', 'count', 147)]), []);
});

test('no subject named and none carried: no link', () => {
  const doc = 'Chengdu has 300 Fortune 500 companies.';
  assert.deepEqual(link(doc, [figure(doc, '300', 'count', 300)]), []);
});

test('units must fit: money never states a count', () => {
  const doc = 'Chongqing has US$300 Fortune 500 companies.';
  assert.deepEqual(link(doc, [figure(doc, 'US$300', 'money', 300, 'USD')]), []);
});

test('a fraction states a percentage metric', () => {
  const doc = 'In Chongqing foreign firms contribute half of import and export volume.';
  assert.deepEqual(link(doc, [figure(doc, 'half', 'fraction', 0.5)]), [['half', 'city.trade-share']]);
});

test('a figure too far from any cue stays unlinked', () => {
  const doc = 'Chongqing reported 42 in a long sentence with many words that go on and on and on before naming Fortune 500 companies.';
  assert.deepEqual(link(doc, [figure(doc, '42', 'count', 42)]), []);
});

test('German cues link German figures', () => {
  const doc = 'Chongqing beherbergt 8.753 Unternehmen mit ausländischen Investitionen.';
  assert.deepEqual(link(doc, [figure(doc, '8.753', 'count', 8753)], 'de'), [['8.753', 'city.fie']]);
});
