#!/usr/bin/env node
// npm run bench [-- --json] [--no-build] [--runs 50] [--starts 9] [--scale 10000,100000,1000000]
//   [--yaml-max 100000] [--root DIR] [draft files…]
// Speed and scale of factlint, beside the library a developer would otherwise reach for
// (Microsoft Recognizers-Text, figure recognition only). Prints a table; with --json, one
// JSON object as the last line. A benchmark, not a test: nothing in `npm test` depends on it.
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeDraft } from './draft.mjs';
import { measureServer } from './server.mjs';
import { CHECK_WARMUP, summary, timeRuns } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts, positionals: files } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '50' },
    'peer-runs': { type: 'string', default: '5' },
    edits: { type: 'string', default: '100' },
    starts: { type: 'string', default: '9' },
    words: { type: 'string', default: '10000' },
    scale: { type: 'string', default: '10000,100000,1000000' },
    'yaml-max': { type: 'string', default: '100000' },
    root: { type: 'string', default: resolve(here, '..', '..') },
  },
});
const root = resolve(opts.root);
const runs = Math.max(50, Number(opts.runs));
const log = (s) => process.stderr.write(`${s}\n`);

if (!opts['no-build']) {
  log('building…');
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// The build measured is copied aside first: others building in the same tree mid-run would
// otherwise swap the code under the benchmark. Inside node_modules, so that packages resolve.
const snap = join(root, 'node_modules', '.cache', 'factlint-bench', String(process.pid));
rmSync(snap, { recursive: true, force: true });
for (const dir of ['out', 'dist']) cpSync(join(root, dir), join(snap, dir), { recursive: true });
process.on('exit', () => rmSync(snap, { recursive: true, force: true }));
const require = createRequire(join(root, 'package.json'));
const core = (name) => require(join(snap, 'out', 'server', 'src', 'core', `${name}.js`));
const { loadFactBase, shippedFactsDir } = core('factBase');
const { check } = core('check');
const options = { format: 'markdown', today: '2026-01-01' };

const load0 = loadavg()[0];
const shipped = loadFactBase([shippedFactsDir()]).base;
const draft = makeDraft(shipped, Number(opts.words));
const work = join(tmpdir(), 'factlint-bench');
mkdirSync(work, { recursive: true });
const draftFile = join(work, 'draft.md');
writeFileSync(draftFile, draft.text);

// ---- full check with the shipped base
log(`checking a ${draft.words}-word draft ${runs} times…`);
const result = check(draft.text, shipped, options);
const checkMs = summary(timeRuns(() => check(draft.text, shipped, options), runs, CHECK_WARMUP));
const extra = files.map((f) => {
  const text = readFileSync(f, 'utf8');
  return { file: f, words: text.split(/\s+/).filter(Boolean).length, checkMs: summary(timeRuns(() => check(text, shipped, options), runs, CHECK_WARMUP)) };
});

// ---- the peer: figure recognition alone (number, percentage, currency; English models, built
// once), fed paragraph by paragraph as factlint reads: its models take time superlinear in the
// length of one input (measured: 1,500 characters 0.9 s, 3,000 characters 4.7 s for currency),
// so the whole draft in one call would take the better part of an hour.
log('peer (Recognizers-Text)…');
const paragraphs = draft.text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
const { NumberRecognizer, Culture } = require('@microsoft/recognizers-text-number');
const { NumberWithUnitRecognizer } = require('@microsoft/recognizers-text-number-with-unit');
const numbers = new NumberRecognizer(Culture.English);
const models = [numbers.getNumberModel(), numbers.getPercentageModel(), new NumberWithUnitRecognizer(Culture.English).getCurrencyModel()];
let peerFound = 0;
const peerMs = summary(timeRuns(() => (peerFound = models.reduce((n, m) => n + paragraphs.reduce((k, p) => k + m.parse(p).length, 0), 0)), Math.max(3, Number(opts['peer-runs'])), 1));
const peer = { name: '@microsoft/recognizers-text-number + -number-with-unit 1.3.1 (number, percentage, currency; en-us; per paragraph)', checkMs: { p50: peerMs.p50 }, found: peerFound };

// ---- scale: each size prepared and measured in its own process
const scale = [];
for (const n of opts.scale.split(',').filter(Boolean).map(Number)) {
  log(`scale: ${n} metrics…`);
  const dir = join(work, `scale-${n}`);
  const child = (...args) => JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', '--expose-gc', join(here, 'scale.mjs'), ...args], { cwd: root, maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop());
  const prepared = child('prepare', snap, String(n), dir, opts['yaml-max']);
  const measured = child('measure', snap, prepared.file, draftFile, String(runs));
  scale.push({
    metrics: n,
    loadMs: { yaml: prepared.yamlLoadMs, compiled: measured.loadMs },
    yamlHeapMB: prepared.yamlHeapMB,
    compileMs: prepared.compileMs,
    fileMB: prepared.fileMB,
    firstCheckMs: measured.firstCheckMs,
    checkMs: measured.checkMs,
    rssMB: measured.rssMB,
    claims: measured.claims,
  });
}

// ---- the language server over stdio, with caches in a folder of its own: the first session
// starts cold (no compiled fact base, no platform tables) and leaves them; later ones start warm,
// as an editor does on every start after its first.
log('language server…');
const cacheDir = mkdtempSync(join(tmpdir(), 'factlint-bench-cache-'));
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
const server = await measureServer(snap, draft.text, { edits: Math.ceil(Number(opts.edits) / 2), cacheDir });
const keystrokeMs = summary(server.keystrokes);
const firstKeystrokeMs = summary(server.firstKeystrokes);
// Where NODE_EXTRA_CA_CERTS is set, Node reads that certificate bundle before the server runs;
// the VS Code extension starts the server without it, so those starts are measured as well,
// taking turns with the others so that both meet the machine in the same state.
const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...withoutExtraCa } = process.env;
const warmStarts = [];
const startsWithoutExtraCa = [];
for (let k = 0; k < Math.max(5, Number(opts.starts)); k++) {
  warmStarts.push((await measureServer(snap, draft.text, { cacheDir })).startToFirstDiagnosticsMs);
  if (extraCaCerts) startsWithoutExtraCa.push((await measureServer(snap, draft.text, { cacheDir, env: withoutExtraCa })).startToFirstDiagnosticsMs);
}
const startMs = summary(warmStarts);
const startWithoutExtraCaMs = extraCaCerts ? summary(startsWithoutExtraCa) : null;

// ---- the language server on the smallest synthetic base written as YAML (with the shipped
// facts): its first start parses every file; after one small file changes, a start takes the
// other files' parses from the cache; then a start loads the compiled base. Then a fact file
// is edited in the editor while a draft is open, and hovers on the draft timed meanwhile.
const yamlSize = Math.min(Infinity, ...scale.filter((s) => s.loadMs.yaml !== null).map((s) => s.metrics));
let yamlStarts = null;
let factEdit = null;
if (yamlSize < Infinity) {
  log(`language server on ${yamlSize} metrics in YAML…`);
  const yamlDir = join(work, `scale-${yamlSize}`, 'yaml');
  const session = { cacheDir: mkdtempSync(join(tmpdir(), 'factlint-bench-cache-')), factPaths: [shippedFactsDir(), yamlDir], settle: true };
  process.on('exit', () => rmSync(session.cacheDir, { recursive: true, force: true }));
  const firstMs = (await measureServer(snap, draft.text, session)).startToFirstDiagnosticsMs;
  const sourcesFile = join(yamlDir, 'sources.yaml');
  const sources = readFileSync(sourcesFile, 'utf8');
  writeFileSync(sourcesFile, `${sources}# changed\n`);
  let changedMs;
  try {
    changedMs = (await measureServer(snap, draft.text, session)).startToFirstDiagnosticsMs;
  } finally {
    writeFileSync(sourcesFile, sources);
  }
  // The file is back as it was, but newer: once more from parses, then warm.
  await measureServer(snap, draft.text, session);
  const warmMs = (await measureServer(snap, draft.text, session)).startToFirstDiagnosticsMs;
  yamlStarts = { metrics: yamlSize, firstStartMs: firstMs, afterSourcesChangedMs: changedMs, warmMs };
  log('a fact file edited in the editor…');
  factEdit = { metrics: yamlSize, ...(await measureServer(snap, draft.text, { ...session, settle: false, factEdit: sourcesFile })).factEdit };
}

const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverage: [load0, loadavg()[0]].map((x) => Math.round(x * 100) / 100) },
  draftWords: draft.words,
  draftParagraphs: draft.paragraphs,
  figures: result.figures.length,
  claims: result.claims.length,
  shippedMetrics: shipped.metrics.size,
  checkMs,
  runs,
  peer,
  peerOverFactlint: Math.round(peer.checkMs.p50 / checkMs.p50),
  files: extra,
  scale,
  keystrokeMs,
  keystrokes: server.keystrokes.length,
  firstKeystrokeMs,
  startToFirstDiagnosticsMs: startMs.p50,
  starts: warmStarts.length,
  coldStartToFirstDiagnosticsMs: server.startToFirstDiagnosticsMs,
  startWithoutExtraCaCertsMs: startWithoutExtraCaMs,
  yamlStarts,
  factEdit,
};

const f = (x) => (x === null || x === undefined ? '—' : typeof x === 'number' ? (x >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 100) / 100)) : String(x));
const lines = [
  `factlint benchmark — ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}, load average ${report.machine.loadAverage.join(' → ')}`,
  '',
  `Draft: ${report.draftWords} words, ${report.draftParagraphs} paragraphs (en/de), ${report.figures} figures, ${report.claims} claims; shipped base ${report.shippedMetrics} metrics`,
  '',
  '| measure | p50 ms | p95 ms |',
  '|---|---:|---:|',
  `| full check, shipped base (${runs} runs) | ${f(checkMs.p50)} | ${f(checkMs.p95)} |`,
  `| peer: Recognizers-Text figure recognition only | ${f(peer.checkMs.p50)} | |`,
  `| peer / factlint | ${report.peerOverFactlint}× | |`,
  `| keystroke → diagnostics over stdio, settled (${report.keystrokes} edits) | ${f(keystrokeMs.p50)} | ${f(keystrokeMs.p95)} |`,
  `| keystroke → diagnostics over stdio, first ${report.keystrokes} edits after opening | ${f(firstKeystrokeMs.p50)} | ${f(firstKeystrokeMs.p95)} |`,
  `| server start → first diagnostics, caches warm (${report.starts} starts) | ${f(report.startToFirstDiagnosticsMs)} | ${f(startMs.p95)} |`,
  `| server start → first diagnostics, first start (no caches) | ${f(report.coldStartToFirstDiagnosticsMs)} | |`,
  ...(startWithoutExtraCaMs ? [`| server start → first diagnostics, caches warm, without NODE_EXTRA_CA_CERTS (as the VS Code extension starts it) | ${f(startWithoutExtraCaMs.p50)} | ${f(startWithoutExtraCaMs.p95)} |`] : []),
  ...(yamlStarts
    ? [
        `| server start, ${yamlStarts.metrics.toLocaleString('en-US')} more metrics in YAML: first start | ${f(yamlStarts.firstStartMs)} | |`,
        `| … after sources.yaml changed (other files' parses from the cache) | ${f(yamlStarts.afterSourcesChangedMs)} | |`,
        `| … warm (compiled base) | ${f(yamlStarts.warmMs)} | |`,
      ]
    : []),
  ...(factEdit
    ? [
        `| a fact file edited (${factEdit.keystrokes} keystrokes), ${factEdit.metrics.toLocaleString('en-US')} more metrics in YAML: hover on the draft meanwhile (${factEdit.hovers} hovers, max ${f(factEdit.hoverMs.max)}) | ${f(factEdit.hoverMs.p50)} | ${f(factEdit.hoverMs.p95)} |`,
        `| … the edit in force (${factEdit.loads} loads), after the last keystroke | ${f(factEdit.lastLoadEndedMs)} | |`,
      ]
    : []),
  ...extra.map((e) => `| ${e.file} (${e.words} words) | ${f(e.checkMs.p50)} | ${f(e.checkMs.p95)} |`),
  '',
  `| metrics | load YAML ms | heap of the YAML-loaded base MB | compile ms | compiled file MB | load compiled ms | first check ms | check p50 ms | check p95 ms | peak RSS MB | claims (shipped base: ${report.claims}) |`,
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...scale.map((s) => `| ${s.metrics.toLocaleString('en-US')} | ${f(s.loadMs.yaml)} | ${f(s.yamlHeapMB)} | ${f(s.compileMs)} | ${f(s.fileMB)} | ${f(s.loadMs.compiled)} | ${f(s.firstCheckMs)} | ${f(s.checkMs.p50)} | ${f(s.checkMs.p95)} | ${f(s.rssMB)} | ${s.claims} |`),
];
process.stdout.write(lines.join('\n') + '\n');
if (opts.json) process.stdout.write(JSON.stringify(report) + '\n');
