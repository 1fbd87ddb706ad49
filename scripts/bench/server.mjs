// The language server measured as an editor meets it: spawned over stdio (dist/server.js),
// the draft opened, then one-character edits, each timed from didChange to the
// publishDiagnostics of that version.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { rng } from './random.mjs';

const CAPABILITIES = {
  workspace: { configuration: true },
  textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true } },
};

/** Edits (a letter typed and deleted) between the first timed ones and the settled ones. */
const WARMUP_EDITS = 400;
/** Server log lines that say its fact base cache is settled: written, or used. */
const CACHE_SETTLED = ['fact base cache written', '(from the cache '];

/**
 * One server session: spawn, open the draft, then `edits` timed keystroke pairs (none for a
 * start alone). The server keeps its caches (compiled fact base, fact file parses, platform
 * tables) in `cacheDir`, so a first session in an empty folder is a cold start and later ones
 * are warm. `factPaths`: the fact base folders (default: the shipped one, as in an empty
 * workspace). `settle`: the session ends only once the server has written or used its fact
 * base cache, so that the next session finds it.
 */
export async function measureServer(root, text, { edits = 0, cacheDir, env = process.env, factPaths, settle = false }) {
  const require = createRequire(join(root, 'package.json'));
  const rpc = require('vscode-jsonrpc/node');
  const ws = mkdtempSync(join(tmpdir(), 'factlint-bench-'));
  const uri = pathToFileURL(join(ws, 'draft.md')).toString();
  const started = performance.now();
  const proc = spawn(process.execPath, [...(process.env.FACTLINT_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.FACTLINT_BENCH_PROF] : []), join(root, 'dist', 'server.js'), '--stdio', `--cache-dir=${cacheDir}`], { cwd: ws, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  let waiting;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === uri && waiting && (waiting.version === undefined || p.version === waiting.version)) {
      const w = waiting;
      waiting = undefined;
      w.resolve(p);
    }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map((item) => (item.section === 'factlint' && factPaths ? { factBase: { paths: factPaths } } : null)));
  conn.onRequest('client/registerCapability', () => null);
  let cacheSettled;
  const settled = new Promise((resolve) => (cacheSettled = resolve));
  conn.onNotification('window/logMessage', (p) => {
    if (CACHE_SETTLED.some((s) => p.message.includes(s))) cacheSettled();
  });
  conn.listen();
  const next = (version) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within 30 s`)), 30000);
      waiting = { version, resolve: (p) => (clearTimeout(timer), resolve(p)) };
    });
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).toString(), workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'bench' }], capabilities: CAPABILITIES, initializationOptions: { cacheDir } });
    await conn.sendNotification('initialized', {});
    const first = next(1);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const opened = await first;
    const startToFirstDiagnosticsMs = Math.round(performance.now() - started);

    // Edits inside prose lines: type a letter at the end of a word, then delete it again, so
    // that the draft stays the same size; each lands in a random paragraph.
    const lines = text.split('\n');
    const prose = lines.map((l, i) => [l, i]).filter(([l]) => l.length > 40 && !l.startsWith('#'));
    // Every edit is timed; the first `edits` after opening and the last `edits`, after the
    // warm-up ones between them (the server has settled, as over a writing session), are reported.
    const r = rng(5);
    const times = [];
    let version = 1;
    for (let e = 0; edits > 0 && e < 2 * edits + WARMUP_EDITS; e++) {
      const [line, lineNo] = r.pick(prose);
      const at = line.indexOf(' ', 10 + r.int(line.length - 20));
      const col = at < 0 ? 10 : at;
      for (const change of [
        { range: { start: { line: lineNo, character: col }, end: { line: lineNo, character: col } }, text: 'x' },
        { range: { start: { line: lineNo, character: col }, end: { line: lineNo, character: col + 1 } }, text: '' },
      ]) {
        version++;
        const published = next(version);
        const t = performance.now();
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        await published;
        times.push(performance.now() - t);
      }
    }
    if (settle) {
      let timer;
      await Promise.race([settled, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the fact base cache was neither written nor used within 5 minutes')), 300000)))]);
      clearTimeout(timer);
    }
    return { startToFirstDiagnosticsMs, firstDiagnostics: opened.diagnostics.length, firstKeystrokes: times.slice(0, 2 * edits), keystrokes: times.slice(-2 * edits) };
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await conn.sendNotification('exit');
    } catch {
      // The server may already be gone; it is killed below.
    }
    setTimeout(() => proc.exitCode === null && proc.kill(), 1000).unref();
    conn.dispose();
    rmSync(ws, { recursive: true, force: true });
  }
}
