// The parts of the compiled base the language server's cache relies on: a failed write leaves
// nothing behind, stamps are read (or refused) without loading, their order counts, and a
// damaged metric record is an error naming the file when the metric is read.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  compileFactBase, CompiledBaseError, factFileStamps, loadCompiledBase, readCompiledBaseStamps, stampsMatch,
} from '../../server/src/core/compiledBase';
import { loadFactBase } from '../../server/src/core/factBase';
import type { Metric } from '../../server/src/core/types';

const root = join(__dirname, '..', '..', '..');
const { base } = loadFactBase([join(root, 'facts')]);
const dir = mkdtempSync(join(tmpdir(), 'factlint-compiled-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function compile(name: string, metrics: Iterable<Metric> = base.metrics.values()): string {
  const out = join(dir, name);
  compileFactBase({ sources: base.sources.values(), subjects: base.subjects.values(), metrics, files: factFileStamps(base.files) }, out);
  return out;
}

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
  assert.equal(existsSync(file), true);
});
