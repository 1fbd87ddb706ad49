// The bundled CLI as a user or a CI pipeline runs it: exit codes, output formats, errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const draftEn = join(root, 'examples', 'draft-en.md');
const draftDe = join(root, 'examples', 'draft-de.md');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('check prints file:line:col severity message and exits 1 on findings', () => {
  const r = run(['check', '--today', '2026-12-02', 'examples/draft-en.md']);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^examples\/draft-en\.md:8:\d+ warning 293 is outdated: .*322/);
  assert.ok(lines.some((l) => /^examples\/draft-en\.md:\d+:\d+ error 5,510 /.test(l)));
  assert.ok(lines.some((l) => / information /.test(l)));
});

test('check exits 0 when nothing at warning or above is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-cli-'));
  const file = join(dir, 'ok.md');
  writeFileSync(file, 'Chongqing has 322 Fortune 500 companies and 8,753 foreign-invested enterprises.\n');
  const r = run(['check', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
});

test('--format json lists every claim with exactly the documented fields', () => {
  const r = run(['check', '--format', 'json', '--today', '2026-12-02', 'examples/draft-en.md']);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json), ['files']);
  const [file] = json.files;
  assert.equal(file.path, 'examples/draft-en.md');
  const keys = ['text', 'start', 'end', 'line', 'character', 'endLine', 'endCharacter', 'value', 'unit', 'metric', 'verdict', 'severity', 'message', 'expected'];
  for (const c of file.claims) {
    assert.deepEqual(Object.keys(c), keys);
    if (c.expected) assert.deepEqual(Object.keys(c.expected), ['value', 'text', 'asOf', 'source']);
  }
  const verified = file.claims.find((c: { text: string }) => c.text === 'US$32 billion');
  assert.equal(verified.verdict, 'verified');
  assert.equal(verified.severity, null);
  assert.equal(verified.value, 32e9);
  assert.equal(verified.unit, 'USD');
  assert.equal(verified.expected.text, 'US$32.08 billion');
  const outdated = file.claims.find((c: { verdict: string }) => c.verdict === 'outdated');
  assert.deepEqual([outdated.text, outdated.severity, outdated.expected.value], ['293', 'warning', 322]);
});

test('--format sarif is SARIF 2.1.0 with one result per finding', () => {
  const r = run(['check', '--format', 'sarif', '--today', '2026-12-02', 'examples/draft-en.md', 'examples/draft-de.md']);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0].results;
  assert.equal(results.length, 6);
  assert.deepEqual(new Set(results.map((x: { ruleId: string }) => x.ruleId)), new Set(['outdated-figure', 'conflicting-figure', 'unverifiable-figure']));
  const region = results[0].locations[0].physicalLocation.region;
  assert.equal(region.startLine, 8);
  assert.equal(region.snippet.text, '293');
});

test('an unreadable or binary file is reported, exit 2, and the other files are still checked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-cli-'));
  const binary = join(dir, 'image.md');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  const latin1 = join(dir, 'latin1.txt');
  writeFileSync(latin1, Buffer.from('Gr\xfc\xdfe 293', 'latin1'));
  const r = run(['check', '--format', 'json', binary, join(dir, 'missing.md'), latin1, draftDe]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /image\.md: not a text file/);
  assert.match(r.stderr, /missing\.md: cannot read: no such file/);
  assert.match(r.stderr, /latin1\.txt: not valid UTF-8/);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.files.map((f: { path: string }) => f.path), [draftDe]);
});

test('a broken fact base exits 2 with file:line:col and checks nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-facts-'));
  mkdirSync(join(dir, 'facts'));
  writeFileSync(join(dir, 'facts', 'broken.yaml'), 'metrics:\n  - id: x.y\n    unit: count\n    subject: [oops\n');
  const r = run(['check', '--facts', join(dir, 'facts'), draftEn]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /broken\.yaml:\d+:\d+: error: /);
  assert.equal(r.stdout, '');
});

test('facts validate reports the shipped base as clean, and a broken one with exit 2', () => {
  const ok = run(['facts', 'validate']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /\d+ metrics, \d+ observations; 0 errors/);
  const dir = mkdtempSync(join(tmpdir(), 'factlint-facts-'));
  writeFileSync(join(dir, 'a.yaml'), 'sources:\n  - { id: s, title: T, publisher: P, published: "2021", language: en }\n  - { id: s, title: T, publisher: P, published: "2021-02-30", language: en }\n');
  const bad = run(['facts', 'validate', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /a\.yaml:3:\d+: error: .*(duplicate|2021-02-30)/i);
});

test('usage errors exit 2 with the usage line', () => {
  for (const args of [['check'], ['check', '--format', 'xml', draftEn], ['check', '--lang', 'fr', draftEn], ['frobnicate'], ['facts']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(r.stderr.length > 0);
  }
  assert.equal(run(['--help']).code, 0);
});

test('figures --format json gives the peer-spec contract', () => {
  const r = run(['figures', '--format', 'json', '--lang', 'en', draftEn]);
  assert.equal(r.code, 0, r.stderr);
  const [file] = JSON.parse(r.stdout).files;
  const usd = file.figures.find((f: { text: string }) => f.text === 'US$32 billion');
  assert.deepEqual([usd.value, usd.unit, usd.kind, usd.approx], [32e9, 'USD', 'money', 'about']);
  assert.ok(!file.figures.some((f: { text: string }) => ['500', '33618', '12', '14th'].includes(f.text)));
});

test('--strict also reports fact-like figures that match no metric, as the editor does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-cli-'));
  const file = join(dir, 'strict.md');
  writeFileSync(file, 'Chongqing has 322 Fortune 500 companies and spent US$4.2 billion on roads.\n');
  assert.equal(run(['check', file]).stdout, '');
  const strict = run(['check', '--strict', file]);
  assert.equal(strict.code, 0, 'information only');
  assert.match(strict.stdout, /strict\.md:1:\d+ information "US\$4\.2 billion" looks like a fact but matches no metric/);
});

test('silenced claims: no text finding, a suppressed SARIF result, null severity in JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-cli-'));
  const file = join(dir, 'quiet.md');
  writeFileSync(file, 'Chongqing has 293 Fortune 500 companies. <!-- factlint-disable-line -->\n');
  const text = run(['check', file]);
  assert.deepEqual([text.code, text.stdout], [0, '']);
  const sarif = JSON.parse(run(['check', '--format', 'sarif', file]).stdout);
  assert.deepEqual(sarif.runs[0].results.map((r: { suppressions?: unknown[] }) => r.suppressions), [[{ kind: 'inSource' }]]);
  const json = JSON.parse(run(['check', '--format', 'json', file]).stdout);
  assert.deepEqual(json.files[0].claims.map((c: { verdict: string; severity: null }) => [c.verdict, c.severity]), [['outdated', null]]);
});

test('--cache-dir: later runs load the compiled fact base, print what a run without it prints, and read a changed fact file again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-cli-cache-'));
  const facts = join(dir, 'facts');
  cpSync(join(root, 'facts'), facts, { recursive: true });
  const cache = join(dir, 'cache');
  // A whole second, which the file system keeps exactly: the edit below puts it back.
  const file = join(facts, 'chongqing', 'foreign-investment.yaml');
  const stamp = new Date('2026-01-01T00:00:00Z');
  utimesSync(file, stamp, stamp);
  const args = (...extra: string[]) => ['check', '--format', 'json', '--today', '2026-12-02', '--facts', facts, ...extra, draftEn, draftDe];
  const plain = run(args());
  assert.equal(plain.code, 1, plain.stderr);
  for (let i = 0; i < 2; i++) {
    const cached = run(args('--cache-dir', cache));
    assert.deepEqual(cached, plain, `run ${i + 1} with the cache`);
  }
  assert.equal(readdirSync(cache).filter((f) => f.endsWith('.flcb')).length, 1, 'one compiled base written');

  // The cache serves while every fact file keeps its size and time: an edit that keeps both
  // (322 → 323, the time put back) is not seen, which shows that the compiled base was read.
  writeFileSync(file, readFileSync(file, 'utf8').replace('value: 322', 'value: 323'));
  utimesSync(file, stamp, stamp);
  assert.deepEqual(run(args('--cache-dir', cache)), plain);
  // Any other time (or size) is seen: the YAML is read again, as without the cache.
  utimesSync(file, stamp, new Date(stamp.getTime() + 1000));
  const edited = run(args());
  assert.match(edited.stdout, /323/);
  assert.deepEqual(run(args('--cache-dir', cache)), edited);

  // A broken fact base is reported exactly as without the cache, and nothing is checked.
  writeFileSync(file, readFileSync(file, 'utf8').replace('value: 323', 'value: many'));
  const broken = run(args());
  assert.equal(broken.code, 2);
  assert.deepEqual(run(args('--cache-dir', cache)), broken);
  assert.equal(run(['check', '--cache-dir', '', draftEn]).code, 2, 'an empty --cache-dir is a usage error');
});
