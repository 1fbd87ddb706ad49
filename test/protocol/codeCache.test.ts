// The code cache of factlint-ls (server/src/launch.ts): written to the folder of --cache-dir
// once the first start settles, taken by V8 on the next start (so not written again), with
// the same findings; a damaged one is passed over and replaced, and --no-cache keeps nothing.
// Without its bundle, the launcher names the missing file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { described, LspClient, SERVER } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

const EN = 'drafts/draft-en.md';
/** The cache is written 50 ms after the first diagnostics (AFTER_CHECK_MS); this is ample. */
const SETTLE_MS = 1500;

let ws: Workspace;

before(() => {
  ws = makeWorkspace();
});
after(() => ws.dispose());

const codeFiles = () => readdirSync(ws.cacheDir).filter((f) => f.startsWith('code-') && f.endsWith('.v8'));

/** Findings of a first check in a fresh server, which stays up until it has settled. */
async function firstFindings(args: string[]): Promise<string[]> {
  const c = await LspClient.start({ rootPath: ws.root, args, initializationOptions: { cacheDir: ws.cacheDir } });
  try {
    await c.open(ws.uri(EN), 'markdown', ws.read(EN));
    const findings = described(await c.diagnosticsFor(ws.uri(EN), 1));
    await sleep(SETTLE_MS);
    return findings;
  } finally {
    await c.stop();
  }
}

test('--no-cache keeps no code cache', async () => {
  const findings = await firstFindings([`--cache-dir=${ws.cacheDir}`, '--no-cache']);
  assert.ok(findings.some((f) => f.includes('322')), 'the draft has findings to compare');
  assert.deepEqual(codeFiles(), []);
});

test('the code cache is kept once the start settles, and the next start takes it with the same findings', async () => {
  const first = await firstFindings([`--cache-dir=${ws.cacheDir}`]);
  const [name, ...others] = codeFiles();
  assert.ok(name, 'a code cache is written');
  assert.deepEqual(others, []);
  const file = join(ws.cacheDir, name);
  const written = statSync(file).mtimeMs;
  const kept = readFileSync(file);
  const second = await firstFindings([`--cache-dir=${ws.cacheDir}`]);
  assert.deepEqual(second, first);
  // V8 took the code: a rejected cache is written again when the start settles.
  assert.equal(statSync(file).mtimeMs, written);
  assert.ok(readFileSync(file).equals(kept));
});

test('a damaged code cache is passed over: same findings, and the cache is replaced by a whole one', async () => {
  const [name] = codeFiles();
  const file = join(ws.cacheDir, name ?? 'missing');
  const good = await firstFindings([`--cache-dir=${ws.cacheDir}`]);
  const kept = readFileSync(file);
  const damaged = Buffer.from(kept);
  // Bytes in the middle of the code, past V8's own header checks.
  for (let i = damaged.length >> 1; i < (damaged.length >> 1) + 64; i++) damaged[i] ^= 0xa5;
  writeFileSync(file, damaged);
  assert.deepEqual(await firstFindings([`--cache-dir=${ws.cacheDir}`]), good);
  assert.ok(!readFileSync(file).equals(damaged), 'the damaged cache is replaced');
  const replaced = statSync(file).mtimeMs;
  assert.deepEqual(await firstFindings([`--cache-dir=${ws.cacheDir}`]), good);
  assert.equal(statSync(file).mtimeMs, replaced, 'the replacement is taken');
});

test('factlint-ls without its server bundle says which file is missing and exits 1', () => {
  const lone = mkdtempSync(join(tmpdir(), 'factlint-lone-launcher-'));
  try {
    copyFileSync(SERVER, join(lone, 'server.js'));
    const run = spawnSync(process.execPath, [join(lone, 'server.js'), '--stdio', `--cache-dir=${ws.cacheDir}`], { input: '', encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^factlint-ls: cannot read the server bundle .*languageServer\.js: ENOENT/);
  } finally {
    rmSync(lone, { recursive: true, force: true });
  }
});
