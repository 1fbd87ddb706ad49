// The benchmark's synthetic fact bases (scripts/bench/synthetic.mjs) must be bases a user
// could have: a base the fact base's rules reject would be measured doing work no real one
// does (the first generator's had 15,332 errors at 10,000 metrics and took a claim from the draft).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { check } from '../../server/src/core/check';
import { loadFactBase, loadFactFiles, shippedFactsDir } from '../../server/src/core/factBase';
import { normalizeCue } from '../../server/src/core/factValidation';

const benchDir = join(__dirname, '..', '..', '..', 'scripts', 'bench');
// Plain JavaScript modules of the benchmark, loaded by URL so that tsc leaves them alone.
const load = (name: string): Promise<any> => import(pathToFileURL(join(benchDir, name)).href);

test('a synthetic base, written as YAML and loaded like any fact folder, has no problem at all', async () => {
  const { syntheticYaml } = await load('synthetic.mjs');
  const shipped = loadFactBase([shippedFactsDir()]).base;
  // 3,000 metrics reach three shipped subjects' extra metrics and 60 synthetic subjects.
  const files = [...syntheticYaml(3000, shipped, normalizeCue)].map(([name, text]: [string, string]) => ({ path: `synthetic/${name}`, text, layer: 1 }));
  const shippedFiles = shipped.files.map((path) => ({ path, text: readFileSync(path, 'utf8'), layer: 0 }));
  const { base, problems } = loadFactFiles([...shippedFiles, ...files]);
  assert.deepEqual(problems.map((p) => `${p.location.file}:${p.location.line + 1} ${p.message}`), []);
  assert.equal(base.metrics.size, shipped.metrics.size + 3000);
  // The generated draft makes the same claims against it as against the shipped base.
  const { makeDraft } = await load('draft.mjs');
  const draft = makeDraft(shipped, 2000);
  const claims = (b: typeof base) => check(draft.text, b, { today: '2026-01-01' }).claims.map((c) => `${c.claim.figure.start} ${c.claim.metric.id} ${c.verdict.kind}`);
  assert.deepEqual(claims(base), claims(shipped));
});
