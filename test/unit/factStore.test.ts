// The language server's fact store (server/src/factFiles.ts) loading in steps: drafts keep
// the last base until the new one and its index are ready, and a load overtaken by new fact
// base folders leaves the store alone.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { shippedFactsDir } from '../../server/src/core/factBase';
import { FactStore } from '../../server/src/factFiles';

const FORTUNE = 'chongqing.fortune-global-500-companies';
const latest = (store: FactStore) => store.base.metrics.get(FORTUNE)!.observations.map((o) => o.value).sort((a, b) => b - a)[0];

describe('fact store loads in steps', () => {
  let dir: string;
  let file: string;
  let text: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'factlint-store-'));
    cpSync(shippedFactsDir(), dir, { recursive: true });
    file = join(dir, 'chongqing', 'foreign-investment.yaml');
    text = readFileSync(file, 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the base changes at the last step only', () => {
    const store = new FactStore();
    store.setRoots([dir]);
    store.reload();
    assert.equal(latest(store), 322);
    const { base, generation } = store;
    assert.ok(store.setEditorText(file, text.replace('value: 322', 'value: 777')));
    const steps = store.reloadSteps();
    let n = 0;
    let step = steps.next();
    while (!step.done) {
      n++;
      assert.equal(store.base, base, `step ${n}: the base in use is still the last one`);
      assert.equal(store.generation, generation);
      step = steps.next();
    }
    assert.equal(step.value, true);
    assert.ok(n > 1, `${n} steps`);
    assert.notEqual(store.base, base);
    assert.equal(store.generation, generation + 1);
    assert.equal(latest(store), 777);
  });

  test('new fact base folders overtake a load under way: it leaves the store alone', () => {
    const store = new FactStore();
    store.setRoots([dir]);
    store.reload();
    const { base, generation } = store;
    store.setEditorText(file, text.replace('value: 322', 'value: 777'));
    const steps = store.reloadSteps();
    steps.next();
    store.setRoots([dir]);
    let step = steps.next();
    while (!step.done) step = steps.next();
    assert.equal(step.value, false);
    assert.equal(store.base, base);
    assert.equal(store.generation, generation);
    assert.equal(latest(store), 322);
  });
});

describe('fact store started from the compiled cache', () => {
  let dir: string;
  let cache: string;
  let file: string;
  let text: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'factlint-store-cached-'));
    cpSync(shippedFactsDir(), join(dir, 'facts'), { recursive: true });
    cache = join(dir, 'cache');
    file = join(dir, 'facts', 'chongqing', 'foreign-investment.yaml');
    text = readFileSync(file, 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('keeps each file\'s last good version from its bytes: a broken edit loads the facts as they were, German and all', () => {
    const fromYaml = new FactStore();
    fromYaml.useCache(cache);
    fromYaml.setRoots([join(dir, 'facts')]);
    fromYaml.reload();
    assert.equal(fromYaml.loadedFromCache, false);
    assert.equal(fromYaml.settleCache(), false);

    const store = new FactStore();
    store.useCache(cache);
    store.setRoots([join(dir, 'facts')]);
    store.reload();
    assert.equal(store.loadedFromCache, true, 'the second store starts from the cache');
    assert.equal(store.settleCache(), false, 'the cached base is whole');
    assert.ok(store.setEditorText(file, text.replace('value: 322', 'value: many')));
    store.reload();
    assert.ok(store.problems.get(file)!.some((p) => p.severity === 'error'), 'the broken edit is reported');
    assert.equal(latest(store), 322, 'the drafts keep the last good version');
    // That version was read as bytes and decoded only now: the same metrics as the YAML load's.
    for (const id of ['chongqing.foreign-invested-enterprises', FORTUNE]) assert.deepEqual(store.base.metrics.get(id), fromYaml.base.metrics.get(id), id);
    assert.ok(store.base.metrics.get('chongqing.foreign-invested-enterprises')!.cues.de.some((c) => /[äöüß]/.test(c)), 'a German cue with umlauts came through');
  });
});
