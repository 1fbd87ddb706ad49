// The compiled cache of the fact base (factFiles.ts): a server started on unchanged fact
// files loads their compiled form instead of the YAML, and must publish exactly what the
// YAML gives; anything that makes the cache doubtful (a changed file, an open fact file, a
// damaged cache, other roots or another order of them) must give the YAML's answer instead.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadCompiledBase } from '../../server/src/core/compiledBase';
import { described, LspClient, uriOf } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

const EN = 'drafts/draft-en.md';
const FORTUNE_FILE = 'facts/chongqing/foreign-investment.yaml';
const FROM_CACHE = '(from the cache ';
const WRITTEN = 'fact base cache written';
/** The server writes the cache at most this long after its fact base loaded (SETTLE_AFTER_LOAD_MS) plus slack. */
const NO_WRITE_WAIT_MS = 3000;

interface Run {
  findings: string[];
  logs: string[];
  /** Documents diagnostics were published for, with how many. */
  published: Array<[string, number]>;
}

interface RunOptions {
  paths?: string[];
  cache?: boolean;
  /** Done right after initialization, before the draft is opened. */
  before?: (c: LspClient) => Promise<void>;
  /** Resolves once the findings are the expected ones (default: the first published). */
  until?: (findings: string[]) => boolean;
  /** Waits for the cache to be written before the server stops. */
  awaitWrite?: boolean;
  /** Waits for the cache to be written or used. */
  awaitCache?: boolean;
  capabilities?: Record<string, unknown>;
  /** Keeps the server running this long after the findings, before it stops. */
  lingerMs?: number;
  /** Done last, before the server stops. */
  after?: (c: LspClient) => Promise<void>;
}

describe('compiled fact base cache', () => {
  let ws: Workspace;
  let noCache: string[];
  const caches = () => readdirSync(ws.cacheDir).filter((f) => f.endsWith('.flcb'));
  const factFileCount = () => readdirSync(ws.facts, { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f))).length;

  async function run(opts: RunOptions = {}): Promise<Run> {
    const paths = opts.paths ?? [ws.facts];
    const c = await LspClient.start({
      rootPath: ws.root,
      capabilities: opts.capabilities,
      initializationOptions: opts.cache === false ? { cacheDir: ws.cacheDir, cache: false } : { cacheDir: ws.cacheDir },
      configuration: (item) => (item.section === 'factlint' ? { factBase: { paths } } : null),
    });
    try {
      await opts.before?.(c);
      await c.open(ws.uri(EN), 'markdown', ws.read(EN));
      const test = opts.until;
      const findings = test
        ? await c.until('the expected findings', () => {
            const p = [...c.pushed].reverse().find((x) => x.uri === ws.uri(EN));
            return p && test(described(p.diagnostics)) ? described(p.diagnostics) : undefined;
          })
        : described(await c.diagnosticsFor(ws.uri(EN), 1));
      if (opts.awaitWrite) await c.until('the cache written', () => c.logs.find((l) => l.includes(WRITTEN)));
      if (opts.awaitCache) await c.until('the cache written or used', () => c.logs.find((l) => l.includes(WRITTEN) || l.includes(FROM_CACHE)));
      if (opts.lingerMs) await new Promise((resolve) => setTimeout(resolve, opts.lingerMs));
      await opts.after?.(c);
      return { findings, logs: [...c.logs], published: c.pushed.map((p) => [p.uri, p.diagnostics.length]) };
    } finally {
      await c.stop();
    }
  }

  /** Makes sure a fresh cache of the workspace facts exists. */
  const prime = () => run({ awaitCache: true });

  before(async () => {
    ws = makeWorkspace();
    noCache = (await run({ cache: false })).findings;
    assert.ok(noCache.some((f) => f.includes('322')), 'the draft has an outdated Fortune 500 figure');
  });
  after(() => ws.dispose());

  test('without the cache nothing is written', async () => {
    await run({ cache: false, lingerMs: NO_WRITE_WAIT_MS });
    assert.deepEqual(caches(), []);
    assert.equal(existsSync(join(ws.cacheDir, 'parsed')), false);
  });

  test('a cache is written after the first diagnostics, and a later start uses it with the same findings', async () => {
    const first = await run({ awaitWrite: true });
    assert.deepEqual(first.findings, noCache);
    assert.ok(!first.logs.some((l) => l.includes(FROM_CACHE)));
    assert.equal(caches().length, 1);
    const second = await run();
    assert.ok(second.logs.some((l) => l.includes(FROM_CACHE)), 'the second start loads from the cache');
    assert.deepEqual(second.findings, noCache);
  });

  test('a fact file changed on disk makes the cache stale: the new value is shown, and the cache rewritten', async () => {
    await prime();
    const path = ws.path(FORTUNE_FILE);
    const good = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, good.replace('value: 322', 'value: 999'));
      const stale = await run({ awaitWrite: true });
      assert.ok(!stale.logs.some((l) => l.includes(FROM_CACHE)));
      assert.ok(stale.findings.some((f) => f.includes('999')), stale.findings.join('\n'));
      // Only the changed file is parsed again; the others' parses come from the cache.
      const n = factFileCount();
      assert.ok(stale.logs.some((l) => l.includes(`fact files: ${n - 1} of ${n} parses taken from the cache`)), stale.logs.join('\n'));
      const fresh = await run();
      assert.ok(fresh.logs.some((l) => l.includes(FROM_CACHE)));
      assert.deepEqual(fresh.findings, stale.findings);
    } finally {
      writeFileSync(path, good);
    }
  });

  test('damaged parses in the cache are not used: the files are parsed again, with the same findings, and the parses replaced', async () => {
    await prime();
    for (const f of caches()) rmSync(join(ws.cacheDir, f));
    const parsedDir = join(ws.cacheDir, 'parsed');
    const entries = readdirSync(parsedDir);
    assert.ok(entries.length >= factFileCount(), entries.join('\n'));
    for (const e of entries) writeFileSync(join(parsedDir, e), readFileSync(join(parsedDir, e), 'utf8').slice(0, 50));
    const r = await run({ awaitWrite: true });
    assert.deepEqual(r.findings, noCache);
    assert.ok(!r.logs.some((l) => l.includes('parses taken from the cache')), r.logs.join('\n'));
    assert.ok(r.logs.some((l) => l.includes(`fact file parses written: ${factFileCount()}`)), r.logs.join('\n'));
    for (const f of caches()) rmSync(join(ws.cacheDir, f));
    const again = await run({ awaitWrite: true });
    assert.deepEqual(again.findings, noCache);
    assert.ok(again.logs.some((l) => l.includes(`fact files: ${factFileCount()} of ${factFileCount()} parses taken from the cache`)), again.logs.join('\n'));
  });

  test('a fact file open in the editor wins over a fresh cache', async () => {
    await prime();
    const path = ws.path(FORTUNE_FILE);
    const edited = ws.read(FORTUNE_FILE).replace('value: 322', 'value: 777');
    const r = await run({
      before: (c) => c.open(uriOf(path), 'yaml', edited),
      until: (findings) => findings.some((f) => f.includes('777')),
    });
    assert.ok(r.findings.some((f) => f.includes('777')));
  });

  test('a fact file open as it is on disk: the start uses the cache, and opening or closing it loads nothing again', async () => {
    await prime();
    const uri = uriOf(ws.path(FORTUNE_FILE));
    const text = ws.read(FORTUNE_FILE);
    // The server announces every load of the fact base (factlint/status).
    let loads = 0;
    const loadsAfter = async (c: LspClient, action: () => Promise<unknown>) => {
      const before = loads;
      await action();
      // A request is answered after the notifications that came before it; a reload waits one turn more.
      await c.request('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return loads - before;
    };
    const r = await run({
      before: async (c) => {
        c.conn.onNotification('factlint/status', () => {
          loads++;
        });
        await c.open(uri, 'yaml', text);
      },
      awaitCache: true,
      after: async (c) => {
        assert.equal(await loadsAfter(c, () => c.close(uri)), 0, 'closing an unchanged fact file');
        assert.equal(await loadsAfter(c, () => c.open(uri, 'yaml', text)), 0, 'opening it again');
        // An edit does load again: what the counts above would have seen.
        assert.equal(await loadsAfter(c, () => c.change(uri, [{ text: text.replace('value: 322', 'value: 777') }])), 1, 'an edit');
        assert.ok(described(await c.diagnosticsFor(ws.uri(EN))).some((f) => f.includes('777')));
      },
    });
    assert.ok(r.logs.some((l) => l.includes(FROM_CACHE)), r.logs.join('\n'));
    assert.deepEqual(r.findings, noCache);
  });

  test('a damaged cache file is not used: the findings are the YAML ones and the cache is replaced', async () => {
    await prime();
    const [name] = caches();
    const file = join(ws.cacheDir, name);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const r = await run({ awaitWrite: true });
    assert.ok(r.logs.some((l) => l.includes('fact base cache not used') && l.includes(file)), r.logs.join('\n'));
    assert.deepEqual(r.findings, noCache);
    // Whole again: a compiled base whose index opens.
    assert.doesNotThrow(() => loadCompiledBase(file));
  });

  test('a cache damaged inside its metric records is noticed after the first check and replaced', async () => {
    await prime();
    const [name] = caches();
    const file = join(ws.cacheDir, name);
    const bytes = readFileSync(file);
    // The records start after the 16-byte prelude; this breaks the JSON of the first one.
    bytes.fill('#'.charCodeAt(0), 16, 40);
    writeFileSync(file, bytes);
    const r = await run({ awaitWrite: true, until: (findings) => findings.join('\n') === noCache.join('\n') });
    assert.ok(r.logs.some((l) => l.includes('fact base cache not used')), r.logs.join('\n'));
    assert.deepEqual(r.findings, noCache);
    const again = await run();
    assert.ok(again.logs.some((l) => l.includes(FROM_CACHE)));
    assert.deepEqual(again.findings, noCache);
  });

  test('the order of the roots is part of the cache: a later folder overrides whichever order is used', async () => {
    const a = join(ws.root, 'facts-a');
    const b = join(ws.root, 'facts-b');
    cpSync(ws.facts, a, { recursive: true });
    cpSync(ws.facts, b, { recursive: true });
    const inB = join(b, 'chongqing', 'foreign-investment.yaml');
    writeFileSync(inB, readFileSync(inB, 'utf8').replace('value: 322', 'value: 555'));
    const before = caches().length;
    const ab = await run({ paths: [a, b], awaitWrite: true });
    assert.ok(ab.findings.some((f) => f.includes('555')), ab.findings.join('\n'));
    const ba = await run({ paths: [b, a], awaitWrite: true });
    assert.ok(!ba.logs.some((l) => l.includes(FROM_CACHE)), 'the other order has its own cache');
    assert.deepEqual(ba.findings, noCache);
    assert.equal(caches().length, before + 2);
    const abAgain = await run({ paths: [a, b] });
    assert.ok(abAgain.logs.some((l) => l.includes(FROM_CACHE)));
    assert.deepEqual(abAgain.findings, ab.findings);
    const baAgain = await run({ paths: [b, a] });
    assert.ok(baAgain.logs.some((l) => l.includes(FROM_CACHE)));
    assert.deepEqual(baAgain.findings, noCache);
  });

  test('a client that cannot watch files: a fact file changed after the facts were read, before the server watches, is still noticed', async () => {
    await prime();
    const path = ws.path(FORTUNE_FILE);
    const good = readFileSync(path, 'utf8');
    try {
      const r = await run({
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
        // The server watches the fact folder only after the first diagnostics; the change comes before.
        before: async (c) => {
          await c.until('the facts loaded', () => c.logs.find((l) => l.includes(FROM_CACHE)));
          writeFileSync(path, good.replace('value: 322', 'value: 888'));
        },
        until: (findings) => findings.some((f) => f.includes('888')),
      });
      assert.ok(r.findings.some((f) => f.includes('888')));
    } finally {
      writeFileSync(path, good);
    }
  });

  test('a fact base with problems is not cached', async () => {
    const broken = join(ws.root, 'facts-broken');
    cpSync(ws.facts, broken, { recursive: true });
    writeFileSync(join(broken, 'broken.yaml'), 'metrics: [\n');
    const before = caches();
    const r = await run({ paths: [broken], lingerMs: NO_WRITE_WAIT_MS });
    assert.ok(r.published.some(([uri, n]) => uri.endsWith('/broken.yaml') && n > 0), 'the problem is reported');
    assert.ok(!r.logs.some((l) => l.includes(WRITTEN)));
    assert.deepEqual(caches(), before);
  });
});
