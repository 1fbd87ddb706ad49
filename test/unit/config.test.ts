// The settings model: defaults, merging partial and wrong input, the .factlintrc.json file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, defaultSettings, factBasePaths, findConfigFile, mergeSettings, parseConfigFile, ruleOf } from '../../server/src/core/config';

test('defaults', () => {
  const s = defaultSettings();
  assert.deepEqual(s.severity, { 'outdated-figure': 'warning', 'conflicting-figure': 'error', 'unverifiable-figure': 'information', 'unsourced-figure': 'information' });
  assert.equal(s.language, 'auto');
  assert.equal(s.run, 'onType');
  assert.deepEqual(s.documentSelector, ['markdown', 'plaintext']);
  assert.equal(ruleOf('outdated'), 'outdated-figure');
  assert.equal(ruleOf('verified'), undefined);
});

test('merging an editor section: partial input keeps the rest, nulls keep defaults', () => {
  const { settings, problems } = mergeSettings(defaultSettings(), {
    language: 'de',
    severity: { 'outdated-figure': 'error', 'conflicting-figure': null },
    strict: true,
    factBase: { paths: null },
  });
  assert.deepEqual(problems, []);
  assert.equal(settings.language, 'de');
  assert.equal(settings.severity['outdated-figure'], 'error');
  assert.equal(settings.severity['conflicting-figure'], 'error');
  assert.equal(settings.strict, true);
  assert.deepEqual(settings.factBase.paths, []);
});

test('wrong values are reported by key and skipped, the others still apply', () => {
  const { settings, problems } = mergeSettings(defaultSettings(), {
    language: 'fr',
    severity: { 'outdated-figure': 'loud', 'made-up-rule': 'error' },
    run: 'onSave',
    maxDocumentSize: -1,
    colour: 'red',
  });
  assert.deepEqual(problems.map((p) => p.path), ['language', 'severity.outdated-figure', 'severity.made-up-rule', 'maxDocumentSize', 'colour']);
  assert.equal(problems[0].message, 'expected "auto" | "en" | "de", got "fr"');
  assert.equal(settings.run, 'onSave');
  assert.equal(settings.language, 'auto');
});

test('.factlintrc.json: found upwards, relative paths against its folder, errors with file:line:column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-config-'));
  try {
    const file = join(dir, '.factlintrc.json');
    writeFileSync(file, JSON.stringify({ factBase: { paths: ['facts', '/abs/facts'] }, strict: true }));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    assert.equal(findConfigFile(join(dir, 'a', 'b')), file);
    const s = parseConfigFile(file, JSON.stringify({ factBase: { paths: ['facts', '/abs/facts'] }, strict: true }));
    assert.deepEqual(s.factBase.paths, [join(dir, 'facts'), '/abs/facts']);
    assert.equal(s.strict, true);

    assert.throws(() => parseConfigFile(file, '{\n  "strict": true\n  "run": "onSave"\n}'), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.line, 3);
      assert.match(err.message, /^.*\.factlintrc\.json:3:3: invalid JSON: a comma is missing/);
      return true;
    });
    // Comments and trailing commas are welcome, as in VS Code's settings.json.
    const commented = parseConfigFile(file, '{\n  // shared by the team\n  "strict": true,\n}');
    assert.equal(commented.strict, true);
    assert.throws(() => parseConfigFile(file, '{\n  "strict": true,\n  "run": "sometimes"\n}'), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.message, `${file}:3:3: "run": expected "onType" | "onSave", got "sometimes"`);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fact base paths: configured ones, or the shipped facts plus a workspace facts/ folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-config-'));
  try {
    const shipped = '/opt/factlint/facts';
    assert.deepEqual(factBasePaths(defaultSettings(), [dir], shipped), [shipped]);
    mkdirSync(join(dir, 'facts'));
    assert.deepEqual(factBasePaths(defaultSettings(), [dir], shipped), [shipped, join(dir, 'facts')]);
    const s = mergeSettings(defaultSettings(), { factBase: { paths: ['my-facts'] } }).settings;
    assert.deepEqual(factBasePaths(s, [dir], shipped), [join(dir, 'my-facts')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
