import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFactBase, loadFactFiles, shippedFactsDir, MAX_FACT_FILE_CHARS } from '../../server/src/core/factBase';
import { asOfRange, partialDateRange, periodRange } from '../../server/src/core/dates';
import fc from 'fast-check';
import type { FactProblem } from '../../server/src/core/types';

const fixtures = path.resolve(__dirname, '../../../test/fixtures');

function load(name: string) {
  return loadFactBase([path.join(fixtures, name)]);
}

/** The one problem with this code; fails if there is none or several. */
function only(problems: FactProblem[], code: string): FactProblem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one "${code}" problem, got: ${JSON.stringify(problems.map((p) => p.message))}`);
  return found[0];
}

const HEAD = `sources:
  - id: src
    title: A source
    publisher: Someone
    published: "2021-10-12"
    language: en
subjects:
  - id: city
    names: { en: [City of Tests], de: [Teststadt] }
`;

function metricYaml(id: string, obs: string): string {
  return `  - id: ${id}
    subject: city
    measure: { en: a measure }
    unit: count
    cues: { en: [${id}], de: [${id} de] }
    observations:
${obs}`;
}

// ------------------------------------------------------------------ the shipped fact base

test('the shipped fact base loads without problems', () => {
  const { base, problems } = loadFactBase([shippedFactsDir()]);
  assert.deepEqual(problems.map((p) => `${p.location.file}:${p.location.line + 1} ${p.message}`), []);
  let observations = 0;
  for (const m of base.metrics.values()) observations += m.observations.length;
  assert.ok(observations >= 78 && observations <= 95, `about 85 observations, got ${observations}`);
  assert.equal(base.sources.size, 5);
  assert.ok(base.files.every((f) => f.endsWith('.yaml')));
});

test('every shipped fact file points editors at the schema by a correct relative path', () => {
  const { base } = loadFactBase([shippedFactsDir()]);
  for (const file of base.files) {
    const first = fs.readFileSync(file, 'utf8').split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    assert.ok(m, `${file} starts with the schema comment`);
    assert.ok(fs.existsSync(path.resolve(path.dirname(file), m[1])), `${file}: ${m[1]} exists`);
  }
});

test('Fortune Global 500 companies in Chongqing went from 293 (end of 2020) to 322 (about 2025)', () => {
  const { base } = loadFactBase([shippedFactsDir()]);
  const m = base.metrics.get('chongqing.fortune-global-500-companies');
  assert.ok(m);
  assert.deepEqual(m.observations.map((o) => o.value), [293, 322]);
  assert.deepEqual(m.observations[0].when, { start: '2020-12-31', end: '2020-12-31' });
  assert.deepEqual(m.observations[1].when, { start: '2025-12-31', end: '2025-12-31' });
  assert.equal(m.observations[1].whenEstimated, true);
  assert.deepEqual(m.observations[1].sources, [
    'asiacity-chongqing-8753-foreign-invested-enterprises',
    'asiacity-chongqing-8753-foreign-invested-enterprises-de',
  ]);
  assert.equal(m.observations[1].index, 1);
  assert.equal(m.observations[1].metricId, m.id);
});

test('look-alike metrics stay apart and carry their own dates', () => {
  const { base } = loadFactBase([shippedFactsDir()]);
  const value = (id: string) => base.metrics.get(id)?.observations.map((o) => o.value);
  assert.deepEqual(value('chongqing.foreign-invested-enterprises'), [8753]);
  assert.deepEqual(value('chongqing.new-foreign-invested-enterprises'), [205]);
  assert.deepEqual(base.metrics.get('chongqing.new-foreign-invested-enterprises')?.observations[0].when, { start: '2021-01-01', end: '2021-08-31' });
  assert.deepEqual(value('china-singapore-connectivity-initiative.contract-value'), [32080000000]);
  assert.deepEqual(value('china-singapore-connectivity-initiative.cross-border-financing-value'), [15770000000]);
  assert.deepEqual(base.metrics.get('china-singapore-connectivity-initiative.cross-border-financing-projects')?.observations[0].when, { start: '2021-07-31', end: '2021-07-31' });
  assert.deepEqual(value('chongqing.foreign-enterprises.trade-share'), [50]);
  assert.deepEqual(value('chongqing-pilot-ftz.trade-share'), [70]);
  assert.equal(base.metrics.get('liangjiang-digital-economy-park.digital-economy-enterprises')?.subject, 'liangjiang-digital-economy-park');
  const growth = base.metrics.get('chongqing.laptop-exports.growth-yoy');
  assert.equal(growth?.unit, 'percent');
  assert.equal(growth?.change, true);
  assert.equal(base.metrics.get('chongqing.laptop-exports')?.change, undefined);
});

test('qualifiers, expectations, ranks and notes come through', () => {
  const { base } = loadFactBase([shippedFactsDir()]);
  const ftz = base.metrics.get('chongqing-pilot-ftz.institutional-innovations')!.observations[0];
  assert.deepEqual(ftz.qualifier, { text: 'more than', approx: 'more' });
  const capital = base.metrics.get('chongqing.contracted-investment-capital')!.observations[0];
  assert.equal(capital.value, 1710000000000);
  assert.equal(capital.expectation, true);
  const rank = base.metrics.get('chongqing.business-environment-rank')!.observations[0];
  assert.equal(rank.value, 5);
  assert.equal(rank.of, 296);
  assert.match(base.metrics.get('chongqing.retail-sales-consumer-goods')!.observations[0].note ?? '', /2021/);
  assert.equal(base.sources.get('asiacity-chongqing-8753-foreign-invested-enterprises-de')?.editionOf, 'asiacity-chongqing-8753-foreign-invested-enterprises');
});

test('shippedFactsDir finds the facts folder next to the schema', () => {
  assert.ok(fs.existsSync(path.join(shippedFactsDir(), 'factlint.schema.json')));
});

// ------------------------------------------------------------------ broken fact bases

test('invalid YAML is reported where the parser stopped', () => {
  const { problems } = load('facts-invalid-yaml');
  const p = problems[0];
  assert.equal(p.code, 'yaml');
  assert.match(p.message, /^invalid YAML: Flow sequence/);
  assert.equal(p.location.line, 11);
  assert.equal(p.location.character, 37);
  assert.ok(problems.every((q) => q.code === 'yaml'));
});

test('a schema violation points at the offending key', () => {
  const { base, problems } = load('facts-schema-violation');
  const p = problems.find((q) => q.message.includes('unknown key "valeu"'));
  assert.ok(p, JSON.stringify(problems));
  assert.equal(p.code, 'schema');
  assert.equal(p.message, 'metric "city.things" observation 1: unknown key "valeu"');
  assert.deepEqual([p.location.line, p.location.character, p.location.endLine, p.location.endCharacter], [16, 8, 16, 13]);
  assert.ok(problems.some((q) => q.message === 'metric "city.things" observation 1 is missing "value"'));
  assert.equal(base.metrics.size, 0, 'the broken metric is not loaded');
  assert.equal(only(problems, 'metric-not-loaded').message, 'metric "city.things" is not loaded because of the problems in it');
  assert.equal(only(problems, 'metric-not-loaded').location.line, 10);
  assert.equal(base.sources.size, 1, 'the valid parts of the file still load');
});

test('an unknown source is reported at the observation', () => {
  const p = only(load('facts-unknown-source').problems, 'unknown-source');
  assert.equal(p.message, 'metric "city.things" cites unknown source "nowhere"');
  assert.deepEqual([p.location.line, p.location.character], [16, 8]);
});

test('a metric id defined in two files is reported with both places', () => {
  const { base, problems } = load('facts-duplicate-metric-id');
  const p = only(problems, 'duplicate-id');
  assert.match(p.message, /metric id "city\.things" is defined twice, at .*a\.yaml:11 and .*b\.yaml:2$/);
  assert.ok(p.location.file.endsWith('b.yaml'));
  assert.deepEqual([p.location.line, p.location.character], [1, 4]);
  assert.equal(base.metrics.get('city.things')?.observations[0].value, 1, 'the first definition wins');
});

test('a value written as words is a problem, not a number', () => {
  const { base, problems } = load('facts-non-numeric-value');
  const p = only(problems, 'schema');
  assert.equal(p.message, `metric "city.things" observation 1: "value" must be a number, got 'about 300'`);
  assert.deepEqual([p.location.line, p.location.character, p.location.endCharacter], [16, 15, 24]);
  assert.equal(base.metrics.size, 0);
});

test('an impossible date is a problem and the metric is not loaded', () => {
  const { base, problems } = load('facts-impossible-date');
  const p = only(problems, 'date');
  assert.match(p.message, /impossible asOf: "2021-02-30" is not a real date: 2021-02 has 28 days/);
  assert.deepEqual([p.location.line, p.location.character], [17, 14]);
  assert.equal(only(problems, 'metric-not-loaded').location.line, 10);
  assert.equal(base.metrics.size, 0);
});

test('an alias bomb is an error, not a hang', () => {
  const started = Date.now();
  const p = only(load('facts-alias-bomb').problems, 'yaml');
  assert.match(p.message, /aliases expand too much/);
  assert.ok(Date.now() - started < 2000);
});

test('contradictory observations name both values', () => {
  const p = only(load('facts-contradictory-observations').problems, 'contradiction');
  assert.match(p.message, /^metric "city\.things" has 1 \(.*metrics\.yaml:17\) and 2 for the same time as of 2020-12$/);
  assert.deepEqual([p.location.line, p.location.character], [20, 8]);
});

test('a cue shared by two metrics of the same subject and unit is an error', () => {
  const problems = load('facts-shared-cue').problems.filter((p) => p.code === 'shared-cue');
  assert.equal(problems.length, 2);
  assert.match(problems[0].message, /^cue "Things" \(en\) names both metric "city\.things" and metric "city\.other-things"/);
  assert.equal(problems[0].location.line, 20);
});

test('a metric without German cues is an error', () => {
  const p = only(load('facts-missing-german-cues').problems, 'missing-cues');
  assert.match(p.message, /metric "city\.things" has no German cues/);
  assert.equal(p.location.line, 10);
});

test('a long quote is a warning', () => {
  const p = only(load('facts-long-quote').problems, 'long-quote');
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /quotes 41 words/);
});

test('asOf together with period is reported', () => {
  const p = only(load('facts-asof-and-period').problems, 'schema');
  assert.equal(p.message, 'metric "city.things" observation 1 has both "asOf" and "period"; give exactly one');
  assert.equal(p.location.line, 16);
});

// ------------------------------------------------------------------ in-memory loading

test('loadFactFiles never throws and keeps the good files when one is broken', () => {
  const good = HEAD + 'metrics:\n' + metricYaml('city.things', '      - { value: 3, asOf: "2020", source: src, quote: q }\n');
  const { base, problems } = loadFactFiles([
    { path: 'bad.yaml', text: 'metrics: [' },
    { path: 'list.yaml', text: '- just\n- a list\n' },
    { path: 'empty.yaml', text: '# only a comment\n' },
    { path: 'binary.yaml', text: '\u0000\u0001\u0002' },
    { path: 'good.yaml', text: good },
  ]);
  assert.equal(base.metrics.get('city.things')?.observations[0].value, 3);
  assert.ok(problems.some((p) => p.location.file === 'bad.yaml' && p.code === 'yaml'));
  assert.ok(problems.some((p) => p.location.file === 'list.yaml' && p.code === 'schema' && /must be a mapping/.test(p.message)));
  assert.ok(!problems.some((p) => p.location.file === 'empty.yaml'));
  assert.deepEqual(base.files, ['bad.yaml', 'list.yaml', 'empty.yaml', 'binary.yaml', 'good.yaml']);
});

test('an oversized file is reported instead of parsed', () => {
  const { problems } = loadFactFiles([{ path: 'huge.yaml', text: '#'.repeat(MAX_FACT_FILE_CHARS + 1) }]);
  assert.equal(only(problems, 'too-large').location.file, 'huge.yaml');
});

test('dates: a year, a month, an interval and an unquoted year', () => {
  const obs = [
    '      - { value: 1, asOf: 2020, source: src, quote: q }',
    '      - { value: 2, asOf: "2021-02", source: src, quote: q }',
    '      - { value: 3, period: "2021", source: src, quote: q }',
    '      - { value: 4, period: 2021-01/2021-08, whenLabel: January–August 2021, source: src, quote: q }',
  ].join('\n') + '\n';
  const { base, problems } = loadFactFiles([{ path: 'f.yaml', text: HEAD + 'metrics:\n' + metricYaml('city.things', obs) }]);
  assert.deepEqual(problems, []);
  const o = base.metrics.get('city.things')!.observations;
  assert.deepEqual(o.map((x) => x.when), [
    { start: '2020-12-31', end: '2020-12-31' },
    { start: '2021-02-28', end: '2021-02-28' },
    { start: '2021-01-01', end: '2021-12-31' },
    { start: '2021-01-01', end: '2021-08-31' },
  ]);
  assert.deepEqual(o.map((x) => x.whenLabel), ['as of 2020', 'as of 2021-02', '2021', 'January–August 2021']);
  // A flow mapping's location starts at its first key.
  assert.deepEqual([o[3].location.line, o[3].location.character], [19, 10]);
});

test('dates.ts rejects impossible dates and reversed periods', () => {
  assert.deepEqual(partialDateRange('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
  assert.match(partialDateRange('2021-13') as string, /no valid month/);
  assert.match(partialDateRange('2021-04-31') as string, /has 30 days/);
  assert.match(partialDateRange('21') as string, /not a partial ISO date/);
  assert.deepEqual(asOfRange('1900-02'), { start: '1900-02-28', end: '1900-02-28' });
  assert.match(periodRange('2021/2020') as string, /ends before it starts/);
});

test('a malformed date pattern explains the expected form', () => {
  const obs = '      - { value: 1, asOf: "2020/12/25", source: src, quote: q }\n';
  const { problems } = loadFactFiles([{ path: 'f.yaml', text: HEAD + 'metrics:\n' + metricYaml('city.things', obs) }]);
  const p = only(problems, 'schema');
  assert.match(p.message, /"asOf" must be a partial ISO date: "2020", "2020-12" or "2020-12-25", got '2020\/12\/25'/);
  assert.equal(p.location.line, 16);
});

test('a large file loads completely', () => {
  // The yaml parser dominates the time; the bound only catches work that grows faster than the file.
  const parts = [HEAD, 'metrics:\n'];
  for (let i = 0; i < 10000; i++) {
    parts.push(metricYaml(`city.m${i}`, `      - value: ${i}\n        asOf: "2020"\n        source: src\n        quote: q\n`));
  }
  const started = Date.now();
  const { base, problems } = loadFactFiles([{ path: 'big.yaml', text: parts.join('') }]);
  const ms = Date.now() - started;
  assert.deepEqual(problems, []);
  assert.equal(base.metrics.size, 10000);
  assert.equal(base.metrics.get('city.m9999')?.observations[0].location.line, 9 + 1 + 9999 * 10 + 6);
  assert.ok(ms < 30000, `took ${ms} ms`);
});

test('a section that is not a list is named in the message', () => {
  const { problems } = loadFactFiles([{ path: 'f.yaml', text: 'metrics: {}\nextra: 1\n' }]);
  assert.deepEqual(problems.map((p) => [p.message, p.location.line, p.location.character]), [
    ['unknown key "extra"', 1, 0],
    ['"metrics" must be a list, got {}', 0, 9],
  ]);
});

test('an impossible publication date points at the date', () => {
  const text = HEAD.replace('published: "2021-10-12"', 'published: "2021-02-30"');
  const { base, problems } = loadFactFiles([{ path: 'f.yaml', text }]);
  const p = only(problems, 'date');
  assert.equal(p.message, 'source "src" has an impossible "published" date: "2021-02-30" is not a real date: 2021-02 has 28 days');
  assert.deepEqual([p.location.line, p.location.character], [4, 15]);
  assert.equal(base.sources.size, 0);
});

test('loadFactBase walks folders in sorted order, skipping dot-folders and node_modules', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-facts-'));
  try {
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('b/sub.yaml', HEAD);
    write('a.yml', 'metrics: []\n');
    write('.git/x.yaml', 'not: [valid');
    write('node_modules/pkg/y.yaml', 'not: [valid');
    write('notes.txt', 'not: [valid');
    const { base, problems } = loadFactBase([dir, path.join(dir, 'missing')]);
    assert.deepEqual(base.files.map((f) => path.relative(dir, f)), ['a.yml', path.join('b', 'sub.yaml')]);
    assert.equal(base.sources.size, 1);
    const io = only(problems, 'io');
    assert.match(io.message, /^cannot read .*missing: ENOENT/);
    assert.equal(problems.length, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reloading reparses only the files whose text changed, and still reports duplicates', () => {
  const a = { path: 'a.yaml', text: HEAD };
  const b = { path: 'b.yaml', text: 'metrics:\n' + metricYaml('city.things', '      - { value: 1, asOf: "2020", source: src, quote: q }\n') };
  const first = loadFactFiles([a, b]);
  const second = loadFactFiles([a, { path: 'b.yaml', text: b.text.replace('value: 1', 'value: 2') }]);
  assert.notEqual(second.base.sources, first.base.sources, 'every load returns a base of its own');
  assert.equal(second.base.sources.get('src'), first.base.sources.get('src'), 'the unchanged file is not parsed again');
  assert.equal(first.base.metrics.get('city.things')?.observations[0].value, 1);
  assert.equal(second.base.metrics.get('city.things')?.observations[0].value, 2);
  const copy = { path: 'copy.yaml', text: HEAD };
  for (let i = 0; i < 2; i++) {
    const { problems } = loadFactFiles([a, copy]);
    assert.deepEqual(problems.map((p) => p.code), ['duplicate-id', 'duplicate-id'], `load ${i + 1}`);
  }
});

test('any text, or a valid file with a slice cut out, loads without throwing and with places inside the file', () => {
  const valid = HEAD + 'metrics:\n' + metricYaml('city.things', '      - value: 3\n        asOf: "2020"\n        source: src\n        quote: q\n');
  const inside = (text: string, problems: FactProblem[]) => {
    const lines = text.split('\n').length;
    return problems.every((p) => p.code !== 'internal' && p.location.line >= 0 && p.location.line < lines && p.location.endLine >= p.location.line && p.message.length > 0);
  };
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => inside(text, loadFactFiles([{ path: 'f.yaml', text }]).problems)),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.nat(valid.length), fc.nat(40), (at, len) => {
      const text = valid.slice(0, at) + valid.slice(at + len);
      return inside(text, loadFactFiles([{ path: 'f.yaml', text }]).problems);
    }),
    { numRuns: 300 },
  );
});

test('a later fact folder overrides ids from an earlier one; within one folder a duplicate is an error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factlint-layers-'));
  const workspace = path.join(dir, 'facts');
  fs.mkdirSync(workspace);
  // A writer copies the shipped file and adds a newer observation.
  const shippedFile = path.join(shippedFactsDir(), 'chongqing', 'foreign-investment.yaml');
  const copy = fs.readFileSync(shippedFile, 'utf8').replace(
    '        quote: Chongqing has established a total of 8,753 foreign-invested enterprises',
    '        quote: Chongqing has established a total of 8,753 foreign-invested enterprises\n      - value: 9000\n        asOf: "2026"\n        source: ichongqing-2020-12-25-opening-up-platforms\n        quote: 9,000 foreign-invested enterprises',
  );
  assert.notEqual(copy, fs.readFileSync(shippedFile, 'utf8'));
  fs.writeFileSync(path.join(workspace, 'foreign-investment.yaml'), copy);
  const { base, problems } = loadFactBase([shippedFactsDir(), workspace]);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  const metric = base.metrics.get('chongqing.foreign-invested-enterprises')!;
  assert.deepEqual(metric.observations.map((o) => o.value), [8753, 9000]);
  assert.equal(metric.location.file, path.join(workspace, 'foreign-investment.yaml'));
  // The same file twice in one folder: every id is a duplicate.
  fs.writeFileSync(path.join(workspace, 'again.yaml'), copy);
  const twice = loadFactBase([shippedFactsDir(), workspace]);
  assert.ok(twice.problems.some((p) => p.code === 'duplicate-id' && p.message.includes('chongqing.foreign-invested-enterprises')));
  fs.rmSync(dir, { recursive: true, force: true });
});
