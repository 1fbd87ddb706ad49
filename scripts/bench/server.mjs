// The language server measured as an editor meets it: spawned over stdio (dist/server.js),
// the draft opened, then one-character edits, each timed from didChange to the
// publishDiagnostics of that version.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { rng } from './random.mjs';
import { summary } from './stats.mjs';

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
export async function measureServer(root, text, { edits = 0, cacheDir, env = process.env, factPaths, settle = false, factEdit }) {
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
    if (factEdit) return { startToFirstDiagnosticsMs, factEdit: await editFactFile(conn, uri, factEdit) };

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

/** Keystrokes typed into a fact file, and the time between them. */
const FACT_KEYSTROKES = 5;
const FACT_KEYSTROKE_GAP_MS = 100;
/** How long hovers are timed after the last keystroke: the loads it causes end well within it. */
const FACT_WATCH_MS = 10000;

/**
 * A researcher edits a fact file while a draft is open: the file is opened, a comment typed
 * into it a key at a time, and then, for FACT_WATCH_MS, a hover on the draft every 20 ms,
 * timed, while the server loads the base again. Reports the loads, when the last one ended
 * (after the last keystroke) and the hover times.
 */
async function editFactFile(conn, draftUri, file) {
  let loadsEnded = [];
  conn.onNotification('factlint/status', () => loadsEnded.push(performance.now()));
  const factUri = pathToFileURL(file).toString();
  let text = readFileSync(file, 'utf8');
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: factUri, languageId: 'yaml', version: 1, text } });
  await new Promise((resolve) => setTimeout(resolve, 500));
  loadsEnded = [];
  text += '\n# ';
  for (let k = 0; k < FACT_KEYSTROKES; k++) {
    text += 'x';
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: factUri, version: k + 2 }, contentChanges: [{ text }] });
    if (k < FACT_KEYSTROKES - 1) await new Promise((resolve) => setTimeout(resolve, FACT_KEYSTROKE_GAP_MS));
  }
  const lastKeystroke = performance.now();
  const hovers = [];
  while (performance.now() - lastKeystroke < FACT_WATCH_MS) {
    const t = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri: draftUri }, position: { line: 4, character: 30 } });
    hovers.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    keystrokes: FACT_KEYSTROKES,
    loads: loadsEnded.length,
    lastLoadEndedMs: loadsEnded.length > 0 ? Math.round(loadsEnded.at(-1) - lastKeystroke) : null,
    hovers: hovers.length,
    hoverMs: { ...summary(hovers), max: Math.round(Math.max(...hovers) * 1000) / 1000 },
  };
}
