// The compiled fact base: it must check drafts exactly as the base it was compiled from,
// read metrics only on demand, know when it is stale, and name the file when damaged; and
// what the language server's cache relies on: a failed write leaves nothing behind, stamps
// are read (or refused) without loading, and their order counts.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { check } from '../../server/src/core/check';
import {
  compileFactBase, CompiledBaseError, factFileStamps, loadCompiledBase, readCompiledBaseStamps, stampsMatch, verifyCompiledBaseSteps,
} from '../../server/src/core/compiledBase';
import { runToEnd } from '../../server/src/core/steps';
import { loadFactBase } from '../../server/src/core/factBase';
import type { CheckResult, Metric } from '../../server/src/core/types';

const root = join(__dirname, '..', '..', '..');
const { base } = loadFactBase([join(root, 'facts')]);
const dir = mkdtempSync(join(tmpdir(), 'factlint-compiled-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function compile(file: string, metrics: Iterable<Metric> = base.metrics.values()): string {
  const out = join(dir, file);
  compileFactBase({ sources: base.sources.values(), subjects: base.subjects.values(), metrics, files: factFileStamps(base.files) }, out);
  return out;
}

const shape = (r: CheckResult) => ({
  figures: r.figures.map((f) => [f.start, f.end, f.value]),
  claims: r.claims.map((c) => [c.claim.figure.text, c.claim.metric.id, c.verdict.kind, c.verdict.message]),
});

test('a compiled base checks the example drafts exactly as the base it was compiled from', () => {
  const compiled = loadCompiledBase(compile('shipped.flcb'));
  for (const name of ['draft-en.md', 'draft-de.md']) {
    const text = readFileSync(join(root, 'examples', name), 'utf8');
    const expected = shape(check(text, base, { today: '2026-01-01' }));
    assert.ok(expected.claims.length >= 5, name);
    assert.deepEqual(shape(check(text, compiled, { today: '2026-01-01' })), expected, name);
  }
});

test('its metrics are a read-only map read on demand, equal to the originals', () => {
  const compiled = loadCompiledBase(compile('map.flcb'));
  assert.equal(compiled.metrics.size, base.metrics.size);
  const [id, metric] = [...base.metrics][3];
  assert.equal(compiled.metrics.has(id), true);
  assert.equal(compiled.metrics.has(`${id}.missing`), false);
  assert.equal(compiled.metrics.get(`${id}.missing`), undefined);
  assert.deepEqual(compiled.metrics.get(id), metric);
  // Records leave out what their place implies and number the files: read back, a metric serialises as it was.
  assert.equal(JSON.stringify(compiled.metrics.get(id)), JSON.stringify(metric));
  assert.equal(compiled.metrics.get(id), compiled.metrics.get(id), 'a record is parsed once');
  assert.deepEqual([...compiled.metrics.keys()], [...base.metrics.keys()]);
  assert.deepEqual(new Map(compiled.metrics), base.metrics);
  assert.throws(() => compiled.metrics.set(id, metric), TypeError);
  assert.deepEqual(compiled.sources, base.sources);
  assert.deepEqual(compiled.subjects, base.subjects);
  assert.deepEqual(compiled.files, base.files);
});

test('the first definition of a metric id wins, as when files join', () => {
  const [first, second] = [...base.metrics.values()];
  const compiled = loadCompiledBase(compile('dupes.flcb', [first, { ...second, id: first.id }, second]));
  assert.equal(compiled.metrics.size, 2);
  assert.deepEqual(compiled.metrics.get(first.id), first);
});

test('a compiled base is fresh while its fact files keep their sizes and times', () => {
  const facts = join(dir, 'facts.yaml');
  writeFileSync(facts, 'metrics: []\n');
  const out = join(dir, 'fresh.flcb');
  compileFactBase({ sources: [], subjects: [], metrics: [], files: factFileStamps([facts]) }, out);
  assert.deepEqual(readCompiledBaseStamps(out).map((s) => s.path), [facts]);
  assert.equal(stampsMatch(readCompiledBaseStamps(out), factFileStamps([facts])), true);
  utimesSync(facts, new Date(), new Date(Date.now() + 5000));
  assert.equal(stampsMatch(readCompiledBaseStamps(out), factFileStamps([facts])), false);
});

test('a file that is no compiled base, or a damaged one, is an error naming the file', () => {
  const notOne = join(dir, 'not-one.flcb');
  writeFileSync(notOne, 'metrics: []\n');
  assert.throws(() => loadCompiledBase(notOne), (e: Error) => e instanceof CompiledBaseError && e.message.includes(notOne) && /not a compiled fact base/.test(e.message));
  const cut = join(dir, 'cut.flcb');
  const whole = readFileSync(compile('whole.flcb'));
  writeFileSync(cut, whole.subarray(0, whole.length - 100));
  assert.throws(() => loadCompiledBase(cut), (e: Error) => e instanceof CompiledBaseError && e.message.includes(cut));
  assert.throws(() => loadCompiledBase(join(dir, 'missing.flcb')), (e: Error) => e instanceof CompiledBaseError && e.message.includes('missing.flcb'));
  // Its index (sources, subjects, tries) no longer JSON: still an error of the compiled base, naming it.
  const badIndex = join(dir, 'bad-index.flcb');
  const bytes = Buffer.from(whole);
  const meta = bytes.lastIndexOf('{"sources":');
  assert.ok(meta > 0);
  bytes[meta] = '#'.charCodeAt(0);
  writeFileSync(badIndex, bytes);
  assert.throws(() => loadCompiledBase(badIndex), (e: Error) => e instanceof CompiledBaseError && e.message.includes(badIndex));
});

test('a compile that fails leaves neither the file nor a temporary one', () => {
  function* failing(): Generator<Metric> {
    yield* [...base.metrics.values()].slice(0, 3);
    throw new Error('metric source failed');
  }
  assert.throws(() => compile('failed.flcb', failing()), /metric source failed/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('failed.flcb')), []);
});

test('stamps are read without loading the base, and match only in the same order', () => {
  const file = compile('stamps.flcb');
  const stamps = factFileStamps(base.files);
  assert.deepEqual(readCompiledBaseStamps(file), stamps);
  assert.equal(stampsMatch(readCompiledBaseStamps(file), stamps), true);
  assert.equal(stampsMatch(readCompiledBaseStamps(file), [...stamps].reverse()), false);
  assert.equal(stampsMatch(readCompiledBaseStamps(file), stamps.slice(1)), false);
  assert.equal(stampsMatch(readCompiledBaseStamps(file), [{ ...stamps[0], size: stamps[0].size + 1 }, ...stamps.slice(1)]), false);
  const notOne = join(dir, 'not-one.flcb');
  writeFileSync(notOne, 'sources: []\n');
  assert.throws(() => readCompiledBaseStamps(notOne), (e: Error) => e instanceof CompiledBaseError && e.message.includes(notOne));
  assert.throws(() => readCompiledBaseStamps(join(dir, 'missing.flcb')), (e: Error) => e instanceof CompiledBaseError && e.message.includes('missing.flcb'));
});

test('a damaged metric record is an error naming the file when that metric is read; the others still read', () => {
  const file = compile('damaged.flcb');
  const bytes = readFileSync(file);
  // The records start after the 16-byte prelude: this breaks the first one only.
  bytes.fill('#'.charCodeAt(0), 16, 30);
  writeFileSync(file, bytes);
  const compiled = loadCompiledBase(file);
  const [firstId, secondId] = [...base.metrics.keys()];
  assert.throws(() => compiled.metrics.get(firstId), (e: Error) => e instanceof CompiledBaseError && e.message.includes(file));
  assert.deepEqual(compiled.metrics.get(secondId), base.metrics.get(secondId));
  assert.throws(() => Array.from(compiled.metrics), CompiledBaseError);
  assert.throws(() => runToEnd(verifyCompiledBaseSteps(compiled)), (e: Error) => e instanceof CompiledBaseError && e.message.includes(file));
  assert.equal(existsSync(file), true);
});

test('verifying a whole compiled base reads every record and keeps the base as it was; a base in memory needs none', () => {
  const compiled = loadCompiledBase(compile('verified.flcb'));
  assert.doesNotThrow(() => runToEnd(verifyCompiledBaseSteps(compiled)));
  assert.deepEqual(new Map(compiled.metrics), base.metrics);
  assert.doesNotThrow(() => runToEnd(verifyCompiledBaseSteps(base)));
});

test('a loaded compiled base keeps reading the file it opened, when another process replaces the file or removes it', () => {
  const file = compile('replaced.flcb');
  const [id, metric] = [...base.metrics][0];
  const compiled = loadCompiledBase(file);
  // Another server writes a cache for other facts in its place, as cacheFolder.ts does: a new file renamed over it.
  const changed = [...base.metrics.values()].map((m) => (m.id === id ? { ...m, observations: m.observations.map((o) => ({ ...o, value: o.value + 1 })) } : m));
  renameSync(compile('other.flcb', changed), file);
  assert.deepEqual(compiled.metrics.get(id), metric);
  assert.notDeepEqual(loadCompiledBase(file).metrics.get(id), metric, 'the file itself now holds the other facts');
  const removed = loadCompiledBase(compile('removed.flcb'));
  unlinkSync(join(dir, 'removed.flcb'));
  assert.deepEqual(new Map(removed.metrics), base.metrics);
});
