// Broken fact bases: the CLI exits 2 naming file:line:col for every kind of damage, YAML is
// data only, and randomly damaged copies of the shipped fact files never throw and never
// lose a metric silently (a metric the damage removed comes with an error in that file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadFactFiles, MAX_FACT_FILE_CHARS, parseFactFileByItems, parseFactFileWhole } from '../../server/src/core/factBase';
import { params } from './arbitraries';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DRAFT = join(ROOT, 'test', 'fixtures', 'lsp', 'draft-en.md');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Each error line names a file of the folder and a line:col inside it, then a message in words. */
function assertLocated(stderr: string, dir: string): void {
  const lines = stderr.split('\n').filter((l) => /: error: /.test(l));
  assert.ok(lines.length > 0, `no error lines in:\n${stderr}`);
  for (const l of lines) {
    const m = /^(.+\.ya?ml):(\d+):(\d+): error: (.+)$/.exec(l);
    assert.ok(m, `not file:line:col: error: message: ${l}`);
    const text = readFileSync(m[1].startsWith('/') ? m[1] : join(ROOT, m[1]), 'utf8');
    assert.ok(m[1].includes(dir) || m[1].startsWith(dir), `${m[1]} is in ${dir}`);
    assert.ok(Number(m[2]) >= 1 && Number(m[2]) <= text.split('\n').length + 1, `line ${m[2]} inside ${m[1]}`);
    assert.ok(/\b[a-z]{3,}\b.*\b[a-z]{3,}\b/i.test(m[4]), `a message in words: ${m[4]}`);
  }
}

const BROKEN = ['facts-alias-bomb', 'facts-duplicate-metric-id', 'facts-impossible-date', 'facts-invalid-yaml', 'facts-non-numeric-value', 'facts-schema-violation', 'facts-unknown-source'];

for (const name of BROKEN) {
  test(`CLI on ${name}: exit 2, file:line:col and a message`, () => {
    const dir = join(ROOT, 'test', 'fixtures', name);
    const validate = cli(['facts', 'validate', dir]);
    assert.equal(validate.code, 2, validate.stderr);
    assertLocated(validate.stderr, dir);
    const check = cli(['check', '--facts', dir, DRAFT]);
    assert.equal(check.code, 2, check.stderr);
    assertLocated(check.stderr, dir);
  });
}

test('YAML is data only: custom tags run nothing, a huge file is refused with a message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-yaml-'));
  const marker = join(dir, 'ran');
  writeFileSync(
    join(dir, 'tags.yaml'),
    `sources:\n  - !!js/function "function () { require('fs').writeFileSync('${marker}', 'x') }"\n  - !include /etc/passwd\nmetrics: !!binary aGVsbG8=\n`,
  );
  const tags = cli(['facts', 'validate', dir]);
  assert.equal(tags.code, 2, tags.stderr);
  assertLocated(tags.stderr, dir);
  assert.throws(() => readFileSync(marker), 'no code ran');

  const hugeDir = mkdtempSync(join(tmpdir(), 'factlint-huge-'));
  writeFileSync(join(hugeDir, 'huge.yaml'), `# ${'x'.repeat(MAX_FACT_FILE_CHARS + 10)}\nsources: []\n`);
  const huge = cli(['facts', 'validate', hugeDir]);
  assert.equal(huge.code, 2, huge.stderr);
  assert.match(huge.stderr, /huge\.yaml:1:1: error: fact file is larger than/);
});

/** The shipped fact files, to damage. */
const SHIPPED = readdirSync(join(ROOT, 'facts'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ path: join(ROOT, 'facts', f), text: readFileSync(join(ROOT, 'facts', f), 'utf8') }));
const whole = loadFactFiles(SHIPPED);

const damage = fc.array(
  fc.tuple(fc.nat(), fc.nat(30), fc.constantFrom('', ':', '- ', '  ', '\n', '\t', '"', "'", '{', '[', '&a ', '*a', '!!str ', '~', 'null', '-1', '1e999', 'NaN', '2021-02-30', 'x'.repeat(50), 'id: dup', '#')),
  { minLength: 1, maxLength: 6 },
);

test('damaged fact files: never throw, problems lie inside their file, no metric is dropped silently', () => {
  fc.assert(
    fc.property(fc.nat(SHIPPED.length - 1), damage, (which, edits) => {
      let text = SHIPPED[which].text;
      for (const [at, del, insert] of edits) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + insert + text.slice(start + del);
      }
      const files = SHIPPED.map((f, i) => (i === which ? { path: f.path, text } : f));
      const { base, problems } = loadFactFiles(files);
      const lines = text.split('\n').length;
      for (const p of problems) {
        assert.ok(p.message.length > 0);
        if (p.location.file === files[which].path) assert.ok(p.location.line >= 0 && p.location.line <= lines, `problem line ${p.location.line} inside a file of ${lines} lines`);
      }
      // Counted, not named: damage inside an id renames a metric, which is no loss.
      const count = (metrics: Iterable<{ location: { file: string } }>) => [...metrics].filter((m) => m.location.file === files[which].path).length;
      const before = count(whole.base.metrics.values());
      const after = count(base.metrics.values());
      if (after < before) {
        assert.ok(
          problems.some((p) => p.severity === 'error' && p.location.file === files[which].path),
          `${before - after} metrics of ${files[which].path} disappeared without an error`,
        );
      }
    }),
    params(100),
  );
});

/** A fact file laid out anew: items moved right or to the key's column, comment and blank lines put in, CRLF. */
const relaid = fc.record({
  shift: fc.constantFrom(-2, 0, 0, 1, 2, 4),
  // Mostly lines that keep a file plain (comments, blank lines), some that may not.
  inserts: fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.oneof({ arbitrary: fc.constantFrom('# c', '', '#'), weight: 4 }, fc.constantFrom('- x', 'k: v', '"q', '|', '&a', '*a'))), { maxLength: 3 }),
  crlf: fc.boolean(),
});

test('a fact file parsed item by item, wherever that applies, gives exactly what its whole parse gives', () => {
  let byItems = 0;
  let cases = 0;
  fc.assert(
    fc.property(fc.nat(SHIPPED.length - 1), relaid, fc.option(damage, { freq: 2 }), (which, { shift, inserts, crlf }, edits) => {
      let lines = SHIPPED[which].text.split('\n').map((l) => (l === '' || !l.startsWith(' ') ? l : shift < 0 ? l.slice(-shift) : ' '.repeat(shift) + l));
      for (const [at, indent, line] of inserts) lines.splice(at % (lines.length + 1), 0, ' '.repeat(indent) + line);
      let text = lines.join(crlf ? '\r\n' : '\n');
      for (const [at, del, insert] of edits ?? []) {
        const start = at % (text.length + 1);
        text = text.slice(0, start) + insert + text.slice(start + del);
      }
      const file = { path: SHIPPED[which].path, text };
      const items = parseFactFileByItems(file);
      cases++;
      if (items === undefined) return;
      byItems++;
      assert.deepEqual(items, parseFactFileWhole(file));
    }),
    params(300),
  );
  // Most cases keep the plain layout: the property is not held by sending every file to the whole parse.
  assert.ok(byItems >= cases / 4, `${byItems} of ${cases} cases parsed item by item`);
});
