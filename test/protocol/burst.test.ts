// Bursts and ordering through the real server over stdio: a thousand edits as fast as the
// client can send them (inserting and deleting figures), hovers and code actions mid-burst,
// and a 5 MB draft that is checked in slices without blocking other requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { check } from '../../server/src/core/check';
import { ruleOf } from '../../server/src/core/config';
import { loadFactBase } from '../../server/src/core/factBase';
import { described, LspClient, type Range, type TextEdit } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

const EN = 'drafts/draft-en.md';
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
/** LSP error codes a request may be answered with when the document changed under it. */
const CONTENT_MODIFIED = -32801;
const REQUEST_CANCELLED = -32800;

/** Offsets to LSP positions of a text. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** What a fresh check of `text` should publish, in the same words as the diagnostics. */
function expectedDiagnostics(text: string, facts: string): string[] {
  const base = loadFactBase([facts]).base;
  return check(text, base, { format: 'markdown' })
    .claims.filter((c) => ruleOf(c.verdict.kind) && !c.suppressed)
    .map((c) => {
      const s = positionAt(text, c.claim.figure.start);
      const e = positionAt(text, c.claim.figure.end);
      return `${ruleOf(c.verdict.kind)} ${SEVERITY[c.verdict.severity!]} ${s.line}:${s.character}-${e.line}:${e.character} ${c.verdict.message}`;
    });
}

/** A small deterministic generator, so that a failing burst can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INSERTS = ['293 ', '322', ' Fortune 500 companies', '8,753', ' 1,000 ', 'In 2020 the city had 300 Fortune Global 500 companies. ', '\n\n', 'x', ' ', '9', '.'];

describe('bursts of edits over stdio', () => {
  let ws: Workspace;
  let c: LspClient;
  before(async () => {
    ws = makeWorkspace();
    c = await LspClient.start({
      rootPath: ws.root,
      configuration: (item) => (item.section === 'factlint' ? { factBase: { paths: [ws.facts] }, maxDocumentSize: 10_000_000 } : null),
    });
  });
  after(async () => {
    await c.stop();
    ws.dispose();
  });

  test('1,000 edits: versions only increase, mid-burst answers fit their version, the final diagnostics equal a fresh check', async () => {
    const uri = ws.uri(EN);
    let text = ws.read(EN);
    await c.open(uri, 'markdown', text);
    await c.diagnosticsFor(uri, 1);
    const rnd = random(20261202);
    const snapshots = new Map<number, string>([[1, text]]);
    const pending: Array<{ version: number; kind: 'hover' | 'actions'; answer: Promise<unknown> }> = [];
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      const start = Math.floor(rnd() * (text.length + 1));
      const del = rnd() < 0.5 ? Math.floor(rnd() * Math.min(12, text.length - start)) : 0;
      const insert = rnd() < 0.8 ? INSERTS[Math.floor(rnd() * INSERTS.length)] : '';
      const range: Range = { start: positionAt(text, start), end: positionAt(text, start + del) };
      text = text.slice(0, start) + insert + text.slice(start + del);
      version = await c.change(uri, [{ range, text: insert }]);
      snapshots.set(version, text);
      if (i % 50 === 25) {
        const at = text.search(/\d/);
        if (at >= 0) {
          const position = positionAt(text, at);
          pending.push({ version, kind: 'hover', answer: c.request('textDocument/hover', { textDocument: { uri }, position }) });
          const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
          pending.push({ version, kind: 'actions', answer: c.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } }) });
        }
      }
    }
    const final = await c.diagnosticsFor(uri, version);
    assert.deepEqual(described(final), expectedDiagnostics(text, ws.facts));

    const published = c.pushed.filter((p) => p.uri === uri).map((p) => p.version!);
    for (let i = 1; i < published.length; i++) assert.ok(published[i] >= published[i - 1], `published v${published[i]} after v${published[i - 1]}`);
    // Coalescing: far fewer checks were published than edits were made.
    assert.ok(published.length < 1000, `${published.length} publications for 1000 edits`);

    let answered = 0;
    for (const p of pending) {
      const snapshot = snapshots.get(p.version)!;
      let result: unknown;
      try {
        result = await p.answer;
      } catch (err) {
        const code = (err as { code?: number }).code;
        assert.ok(code === CONTENT_MODIFIED || code === REQUEST_CANCELLED, `a mid-burst ${p.kind} failed with ${code}: ${(err as Error).message}`);
        continue;
      }
      answered++;
      // An answer refers to the text of its own version: its ranges cover figures of that text.
      const figures = new Set(check(snapshot, loadFactBase([ws.facts]).base, { format: 'markdown' }).figures.map((f) => `${f.start}-${f.end}`));
      if (p.kind === 'hover' && result) {
        const r = (result as { range: Range }).range;
        assert.ok(figures.has(`${offsetAt(snapshot, r.start)}-${offsetAt(snapshot, r.end)}`), `hover range is a figure of v${p.version}`);
      }
      if (p.kind === 'actions') {
        for (const action of result as Array<{ edit?: { changes?: Record<string, TextEdit[]> } }>) {
          for (const e of action.edit?.changes?.[uri] ?? []) {
            const from = offsetAt(snapshot, e.range.start);
            const to = offsetAt(snapshot, e.range.end);
            assert.ok(from <= to && to <= snapshot.length, `edit inside v${p.version}`);
            assert.ok(/\d/.test(snapshot.slice(from, to)) || from === to, `edit replaces a figure of v${p.version}: ${JSON.stringify(snapshot.slice(from, to))}`);
          }
        }
      }
    }
    assert.ok(answered + pending.length > 0);
    await c.close(uri);
  });

  test('a 5 MB draft is checked in slices: other requests are answered meanwhile, a cancelled request is answered as cancelled, and an edit abandons the stale check', async () => {
    const small = ws.uri(EN);
    const smallText = ws.read(EN);
    await c.open(small, 'markdown', smallText);
    await c.diagnosticsFor(small, 1);
    const big = ws.uri('drafts/big.md');
    const paragraph = `${smallText}\n\n`;
    let bigText = '';
    // Every paragraph differs, so that none is a copy the check can reuse.
    for (let i = 0; bigText.length < 5_000_000; i++) bigText += paragraph.replace('8,753', (8000 + (i % 1000)).toLocaleString('en')).replace(/page 12|figures/g, `$& ${i}`);
    const before = c.pushed.length;
    await c.open(big, 'markdown', bigText);
    // An edit right away makes the first check stale.
    bigText = `Intro.\n\n${bigText}`;
    await c.change(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Intro.\n\n' }]);
    // While the big draft is being checked (seconds), hovers on the small one are answered: a
    // check that blocked the server would publish the big draft before answering any of them.
    // A hover on the big draft waits for its check; cancelled meanwhile, it is answered as cancelled.
    const cancel = new CancellationTokenSource();
    const cancelled = c.conn.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 4, character: 18 } }, cancel.token);
    setTimeout(() => cancel.cancel(), 50);
    await assert.rejects(cancelled, (err: { code?: number }) => err.code === REQUEST_CANCELLED);
    let answeredMeanwhile = 0;
    for (let i = 0; i < 20 && !c.pushed.slice(before).some((p) => p.uri === big); i++) {
      const hover = await c.request<{ range: Range } | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 18 } });
      assert.ok(hover, 'hover answered');
      if (!c.pushed.slice(before).some((p) => p.uri === big)) answeredMeanwhile++;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(answeredMeanwhile >= 3, `${answeredMeanwhile} hovers answered while the big draft was being checked`);
    const ds = await c.until('diagnostics of the big draft', () => c.pushed.find((p) => p.uri === big), 240_000);
    assert.equal(ds.version, 2, 'only the current version is published: the stale check was abandoned');
    assert.ok(ds.diagnostics.length > 1000, `${ds.diagnostics.length} findings in the big draft`);
    await c.close(big);
    await c.close(small);
  });
});
