import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeCue, validateFactBase } from '../../server/src/core/factValidation';
import type { FactBase, Location, Metric, Observation } from '../../server/src/core/types';

function at(line: number): Location {
  return { file: 'f.yaml', line, character: 0, endLine: line, endCharacter: 1 };
}

function obs(metricId: string, value: number, extra: Partial<Observation> = {}): Observation {
  return {
    metricId, index: 0, value, when: { start: '2020-12-31', end: '2020-12-31' }, whenLabel: 'end of 2020',
    whenEstimated: false, expectation: false, sources: ['src'], quote: 'a few words', location: at(50), ...extra,
  };
}

function metric(id: string, extra: Partial<Metric> = {}): Metric {
  return {
    id, subject: 'city', measure: { en: id }, unit: 'count',
    cues: { en: [`${id} en`], de: [`${id} de`] }, observations: [obs(id, 1)], location: at(10), ...extra,
  };
}

function base(metrics: Metric[]): FactBase {
  return {
    sources: new Map([['src', { id: 'src', title: 't', publisher: 'p', published: '2021', publishedEstimated: false, language: 'en', location: at(1) }]]),
    subjects: new Map([['city', { id: 'city', names: { en: ['City'], de: ['Stadt'] }, location: at(2) }]]),
    metrics: new Map(metrics.map((m) => [m.id, m])),
    files: ['f.yaml'],
  };
}

const codes = (b: FactBase) => validateFactBase(b).map((p) => p.code);

test('a consistent base has no problems', () => {
  assert.deepEqual(validateFactBase(base([metric('city.a'), metric('city.b')])), []);
});

test('references that point nowhere', () => {
  const b = base([metric('city.a', { subject: 'town', observations: [obs('city.a', 1, { sources: ['src', 'gone'] })] })]);
  b.sources.set('de', { ...b.sources.get('src')!, id: 'de', editionOf: 'missing' });
  b.subjects.set('district', { id: 'district', names: { en: ['D'], de: ['D'] }, parent: 'nowhere', location: at(3) });
  const messages = validateFactBase(b).map((p) => p.message);
  assert.deepEqual(messages.sort(), [
    'metric "city.a" cites unknown source "gone"',
    'metric "city.a" is about unknown subject "town"',
    'source "de" is an edition of unknown source "missing"',
    'subject "district" lies within unknown subject "nowhere"',
  ]);
});

test('unqualified observations for the same time must agree', () => {
  const two = (a: Partial<Observation>, b: Partial<Observation>) =>
    codes(base([metric('city.a', { observations: [obs('city.a', 1, a), obs('city.a', 2, { index: 1, ...b })] })]));
  assert.deepEqual(two({}, {}), ['contradiction']);
  assert.deepEqual(two({}, { qualifier: { text: 'about', approx: 'about' } }), []);
  assert.deepEqual(two({}, { expectation: true }), []);
  assert.deepEqual(two({}, { when: { start: '2021-12-31', end: '2021-12-31' } }), []);
  assert.deepEqual(codes(base([metric('city.a', { observations: [obs('city.a', 1), obs('city.a', 1, { index: 1 })] })])), []);
});

test('a cue shared by metrics with the same subject and unit is an error', () => {
  const shared = (b: Partial<Metric>) =>
    codes(base([metric('city.a', { cues: { en: ['Foreign-invested enterprises'], de: ['x'] } }), metric('city.b', { cues: { en: ['foreign invested  enterprises'], de: ['y'] }, ...b })]));
  assert.deepEqual(shared({}), ['shared-cue']);
  assert.deepEqual(shared({ unit: 'percent' }), [], 'a different unit tells them apart');
  assert.deepEqual(shared({ subject: 'city', unit: 'count', change: true }), [], 'a rate of change is told apart by its wording');
  const b = base([metric('city.a'), metric('city.b', { subject: 'town' })]);
  b.subjects.set('town', { id: 'town', names: { en: ['Town'], de: ['Ort'] }, location: at(4) });
  b.metrics.get('city.b')!.cues = b.metrics.get('city.a')!.cues;
  assert.deepEqual(codes(b), [], 'a different subject tells them apart');
});

test('a cue repeated within one metric is not a conflict', () => {
  assert.deepEqual(codes(base([metric('city.a', { cues: { en: ['things', 'Things'], de: ['Dinge'] } })])), []);
});

test('every metric needs cues in English and German', () => {
  const problems = validateFactBase(base([metric('city.a', { cues: { en: ['things'], de: [] } })]));
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'missing-cues');
  assert.equal(problems[0].message, 'metric "city.a" has no German cues, so de prose cannot name it');
  assert.deepEqual(problems[0].location, at(10));
});

test('a quote over 40 words is a warning', () => {
  const long = Array.from({ length: 41 }, (_, i) => `w${i}`).join(' ');
  const problems = validateFactBase(base([metric('city.a', { observations: [obs('city.a', 1, { quote: long })] })]));
  assert.deepEqual(problems.map((p) => [p.code, p.severity]), [['long-quote', 'warning']]);
  const forty = Array.from({ length: 40 }, (_, i) => `w${i}`).join('\n');
  assert.deepEqual(codes(base([metric('city.a', { observations: [obs('city.a', 1, { quote: forty })] })])), []);
});

test('cues normalize like the checker matches them', () => {
  assert.equal(normalizeCue('  World’s  Top-500 — Companies '), "world's top 500 companies");
  assert.equal(normalizeCue('Import- und Exportvolumens'), 'import und exportvolumens');
  assert.equal(normalizeCue('-'), '');
});

test('a normalized cue is its words, lower-cased, with one space between them, whatever white space or dashes stood there', () => {
  const piece = fc.constantFrom(' ', '  ', '-', '‐', '‑', '–', '—', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '’', "'", 'A', 'ß', 'İ', 'x', 'World', '\ud83d\ude00', '\ud800', '\u200b');
  const separator = /[\s\-‐‑–—]/;
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(piece).map((a) => a.join(''))), (cue) => {
      const words = cue.toLowerCase().replaceAll('’', "'").split(separator).filter((w) => w !== '');
      assert.equal(normalizeCue(cue), words.join(' '));
      assert.equal(normalizeCue(normalizeCue(cue)), normalizeCue(cue));
    }),
    { numRuns: 2000 },
  );
});

test('values that cannot be right for their unit', () => {
  const one = (unit: string, value: number, of?: number) =>
    validateFactBase(base([metric('city.a', { unit, observations: [obs('city.a', value, of === undefined ? {} : { of })] })])).map((p) => p.message);
  assert.deepEqual(one('rank', 5, 296), []);
  assert.deepEqual(one('rank', 2.5), ['metric "city.a" observation 1: a rank must be a whole number from 1, got 2.5']);
  assert.deepEqual(one('rank', 300, 296), ['metric "city.a" observation 1: rank 300 is beyond the 296 it is out of']);
  assert.deepEqual(one('count', 7, 9), ['metric "city.a" observation 1: "of" only applies to ranks, but the unit is count']);
  assert.deepEqual(one('fraction', 0.0666667), []);
  assert.deepEqual(one('fraction', 15), ['metric "city.a" observation 1: a fraction must lie between 0 and 1, got 15']);
  assert.deepEqual(one('count', 51859000), []);
  assert.deepEqual(one('count', 51.859), ['metric "city.a" observation 1: a count must be a whole number, got 51.859']);
  assert.deepEqual(one('percent', 36.3), []);
});

test('subjects: shared names and parent cycles', () => {
  const b = base([]);
  b.subjects.set('a', { id: 'a', names: { en: ['Free Trade Zone'], de: ['A'] }, parent: 'b', location: at(3) });
  b.subjects.set('b', { id: 'b', names: { en: ['free-trade zone'], de: ['B'] }, parent: 'a', location: at(4) });
  assert.deepEqual(validateFactBase(b).map((p) => p.message), [
    'subject "a" lies within itself through its parents',
    'subject "b" lies within itself through its parents',
    'name "free-trade zone" (en) names both subject "a" and subject "b"',
  ]);
});

test('the same metric objects in another base: their own problems kept, references and shared cues checked again', () => {
  // The server validates every metric again after an edit to one fact file; the others are the same objects.
  const a = metric('city.a', { cues: { en: ['things'], de: [] }, observations: [obs('city.a', 2.5, { sources: ['gone'] })] });
  const b = metric('city.b', { cues: { en: ['things'], de: ['Dinge'] } });
  const first = validateFactBase(base([a])).map((p) => p.message);
  assert.deepEqual(first, [
    'metric "city.a" has no German cues, so de prose cannot name it',
    'metric "city.a" cites unknown source "gone"',
    'metric "city.a" observation 1: a count must be a whole number, got 2.5',
  ]);
  assert.deepEqual(validateFactBase(base([a])).map((p) => p.message), first);
  const withB = base([a, b]);
  withB.sources.set('gone', { ...withB.sources.get('src')!, id: 'gone' });
  assert.deepEqual(validateFactBase(withB).map((p) => p.message), [
    'metric "city.a" has no German cues, so de prose cannot name it',
    'metric "city.a" observation 1: a count must be a whole number, got 2.5',
    'cue "things" (en) names both metric "city.a" and metric "city.b"; make the more specific one\'s cue longer',
  ]);
});
