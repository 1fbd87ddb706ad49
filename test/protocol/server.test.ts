// Protocol tests: the real bundled server (dist/server.js --stdio) driven over LSP.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../server/src/core/check';
import { ruleOf } from '../../server/src/core/config';
import { loadFactBase } from '../../server/src/core/factBase';
import { after, before, describe, test } from 'node:test';
import { applyTextEdits, described, type Diagnostic, LspClient, ROOT, type TextEdit, uriOf } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: { changes?: Record<string, TextEdit[]> };
}
interface Hover {
  contents: { kind: string; value: string };
  range?: unknown;
}
interface CompletionItem {
  label: string;
  detail?: string;
  textEdit?: TextEdit;
  additionalTextEdits?: TextEdit[];
}
interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const EN = 'drafts/draft-en.md';
const DE = 'drafts/draft-de.md';
const FORTUNE_FILE = 'facts/chongqing/foreign-investment.yaml';
const FORTUNE = 'chongqing.fortune-global-500-companies';

/** Diagnostics reduced to what a reader compares: rule, severity and where. */
function brief(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

function settingsFor(ws: Workspace, extra: Record<string, unknown> = {}) {
  return (item: { section?: string }) => (item.section === 'factlint' ? { factBase: { paths: [ws.facts] }, ...extra } : null);
}

describe('language server over stdio (push diagnostics)', () => {
  let ws: Workspace;
  let c: LspClient;
  /** Editor settings the client answers with, changed by the settings test. */
  const editorSettings: Record<string, unknown> = {};
  before(async () => {
    ws = makeWorkspace();
    c = await LspClient.start({ rootPath: ws.root, configuration: (item) => settingsFor(ws, { ...editorSettings })(item) });
  });
  after(async () => {
    await c.stop();
    ws.dispose();
  });

  test('registers its file watchers and configuration dynamically', async () => {
    const methods = await c.until('registrations', () => (c.registrations.length >= 2 ? c.registrations.map((r) => r.method).sort() : undefined));
    assert.deepEqual(methods, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const watchers = (c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers;
    assert.deepEqual(watchers.map((w) => w.globPattern), ['**/.factlintrc.json', { baseUri: ws.uri('facts'), pattern: '**/*.{yaml,yml}' }]);
  });

  test('English draft: an outdated and a conflicting figure, with sources and links', async () => {
    await c.open(ws.uri(EN), 'markdown', ws.read(EN));
    const ds = await c.diagnosticsFor(ws.uri(EN), 1);
    assert.deepEqual(brief(ds), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
    const [outdated, conflicting] = ds;
    assert.equal(outdated.source, 'factlint');
    assert.match(outdated.message, /^293 is outdated: the latest sourced figure for Fortune Global 500 companies with operations in Chongqing is 322 /);
    assert.match(outdated.codeDescription!.href, /#outdated-figure$/);
    assert.match(conflicting.codeDescription!.href, /#conflicting-figure$/);
    const line322 = ws.lineOf(FORTUNE_FILE, 'value: 322');
    const line293 = ws.lineOf(FORTUNE_FILE, 'value: 293');
    assert.deepEqual(
      outdated.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line, r.message.split(':')[0]]),
      [
        [ws.uri(FORTUNE_FILE), line322, 'sourced figure'],
        [ws.uri(FORTUNE_FILE), line293, 'matches'],
      ],
    );
  });

  test('an opened draft is published once per version, not once per reason to check it', async () => {
    // The open, the first content and a fact base load each ask for diagnostics; one analysis answers them all.
    const uri = ws.uri('drafts/published-once.md');
    await c.open(uri, 'markdown', ws.read(EN));
    assert.deepEqual(brief(await c.diagnosticsFor(uri, 1)), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
    const v = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await c.diagnosticsFor(uri, v);
    // A hover is answered after everything the server was doing when it came in.
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 18 } });
    await new Promise((r) => setTimeout(r, 300));
    const versions = c.pushed.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, v]);
    await c.close(uri);
  });

  test('German draft: the outdated figure in German prose', async () => {
    await c.open(ws.uri(DE), 'markdown', ws.read(DE));
    assert.deepEqual(brief(await c.diagnosticsFor(ws.uri(DE), 1)), ['outdated-figure 2 2:18-2:21']);
  });

  test('hover explains linked figures, verified ones too, and nothing else', async () => {
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
    assert.equal(h.contents.kind, 'markdown');
    const lines = h.contents.value.split('\n\n');
    assert.equal(lines[0], '**factlint: outdated figure**');
    assert.equal(lines[2], '**Metric:** Fortune Global 500 companies with operations in Chongqing — Chongqing');
    const [when293, when322] = [ws.when(FORTUNE, 293), ws.when(FORTUNE, 322)];
    assert.equal(lines[3], `**Sourced:** 322 · ${when322}`);
    assert.equal(lines[4], `**Timeline:** 293 · ${when293} → **322 · ${when322}**`);
    assert.equal(lines[5], '> with 322 of the world’s top 500 companies having operations in the city (paragraph 1)');
    assert.match(lines[6], /^\*\*Source:\*\* \*Chongqing has established 8,753 foreign-invested enterprises, becoming a major driver of local economic growth\* — asiacity\.news, 2025 \(estimated\) · \[asiacity\.news\]\(https:\/\/asiacity\.news\//);
    assert.deepEqual(h.range, { start: { line: 2, character: 17 }, end: { line: 2, character: 20 } });

    const verified = await c.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 78 } });
    assert.equal(verified.contents.value.split('\n\n')[0], '**factlint: verified figure**');
    // "2024" and "12" are numbers, not claims.
    for (const character of [13, 30]) {
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 6, character } }), null);
    }
  });

  test('quick fixes: titles, preference, and edits that resolve the finding', async () => {
    const uri = ws.uri(EN);
    const text = ws.read(EN);
    const ds = await c.diagnosticsFor(uri, 1);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: ds[0].range, context: { diagnostics: ds, only: ['quickfix'] } });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Update to the sourced figure: 322', 'quickfix', true],
        ['Update to 322 and cite asiacity.news', 'quickfix', false],
        [`Keep 293 as the figure for ${ws.when(FORTUNE, 293)}: add "(as of 2020)"`, 'quickfix', false],
        ['Ignore this figure (disable comment)', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0].diagnostics!.map((d) => d.code), ['outdated-figure']);
    const apply = (a: CodeAction) => applyTextEdits(text, a.edit!.changes![uri]);
    const lines = (a: CodeAction) => apply(a).split('\n');

    assert.equal(lines(actions[0])[2], 'Chongqing counts 322 Fortune 500 companies among its investors. The city has 8,753 foreign-invested enterprises in total.');
    const cited = apply(actions[1]);
    assert.ok(cited.split('\n')[2].startsWith('Chongqing counts 322[^factlint-asiacity-chongqing-8753-foreign-invested-enterprises] Fortune 500 companies'));
    assert.match(cited, /\n\n\[\^factlint-asiacity-chongqing-8753-foreign-invested-enterprises\]: asiacity\.news, "Chongqing has established 8,753 foreign-invested enterprises, becoming a major driver of local economic growth", c\. 2025\. <https:\/\/asiacity\.news\/[^>]+>\n$/);
    assert.equal(lines(actions[2])[2], 'Chongqing counts 293 Fortune 500 companies among its investors (as of 2020). The city has 8,753 foreign-invested enterprises in total.');
    assert.equal(lines(actions[3])[2], 'Chongqing counts 293 Fortune 500 companies among its investors. The city has 8,753 foreign-invested enterprises in total. <!-- factlint-disable-line -->');

    // Each edit, sent back as an incremental change, clears the outdated finding.
    for (const a of actions) {
      const v = await c.change(uri, a.edit!.changes![uri].map((e) => ({ range: e.range, text: e.newText })));
      assert.deepEqual(brief(await c.diagnosticsFor(uri, v)), ['conflicting-figure 1 4:21-4:24'], a.title);
      await c.change(uri, [{ text }]);
    }
  });

  test('fix-all updates every outdated figure', async () => {
    const uri = ws.uri(DE);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Update all 1 outdated figure', 'source.fixAll.factlint']]);
    const fixed = applyTextEdits(ws.read(DE), actions[0].edit!.changes![uri]);
    assert.equal(fixed.split('\n')[2].slice(0, 40), 'In Chongqing sind 322 Fortune-500-Untern');
  });

  test('incremental edits: fresh diagnostics per version, never an older version after a newer one', async () => {
    const uri = ws.uri(EN);
    const before = c.pushed.length;
    let v = 0;
    // A burst of keystrokes typed after "293" on line 2: "293" → "2931" … then deleted again.
    for (const [i, ch] of ['1', '2', '3'].entries()) {
      v = await c.change(uri, [{ range: { start: { line: 2, character: 20 + i }, end: { line: 2, character: 20 + i } }, text: ch }]);
    }
    const ds = await c.diagnosticsFor(uri, v);
    assert.deepEqual(brief(ds), ['conflicting-figure 1 2:17-2:23', 'conflicting-figure 1 4:21-4:24']);
    v = await c.change(uri, [{ range: { start: { line: 2, character: 20 }, end: { line: 2, character: 23 } }, text: '' }]);
    assert.deepEqual(brief(await c.diagnosticsFor(uri, v)), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
    const versions = c.pushed.slice(before).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions out of order: ${versions}`);
  });

  test('completion offers the sourced figure after a cue and inserts figure and citation', async () => {
    const uri = ws.uri(EN);
    const text = ws.read(EN);
    // Line 6 becomes "The city hosts Fortune 500 " with the cursor at its end.
    const line6 = 'The city hosts Fortune 500 ';
    const v = await c.change(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 38 } }, text: line6 }]);
    await c.diagnosticsFor(uri, v);
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: line6.length } });
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['322 (2025, asiacity.news)', 'Fortune Global 500 companies with operations in Chongqing']]);
    assert.equal(items[0].textEdit!.newText, '322[^factlint-asiacity-chongqing-8753-foreign-invested-enterprises]');
    assert.equal(items[0].additionalTextEdits!.length, 1);
    // Not in the middle of a word, and not after a number that is no cue.
    assert.deepEqual(await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 10 } }), []);
    await c.change(uri, [{ text }]);
  });

  test('go to definition: from a figure to its observation in the fact file', async () => {
    const loc = await c.request<Location>('textDocument/definition', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
    assert.equal(loc.uri, ws.uri(FORTUNE_FILE));
    assert.equal(loc.range.start.line, ws.lineOf(FORTUNE_FILE, 'value: 293'));
    assert.equal(await c.request('textDocument/definition', { textDocument: { uri: ws.uri(EN) }, position: { line: 6, character: 13 } }), null);
  });

  test('find references: from a metric in a fact file to every draft figure stating it', async () => {
    const line = ws.lineOf(FORTUNE_FILE, 'value: 322');
    const refs = await c.request<Location[]>('textDocument/references', {
      textDocument: { uri: ws.uri(FORTUNE_FILE) },
      position: { line, character: 10 },
      context: { includeDeclaration: false },
    });
    const seen = refs.map((r) => `${r.uri.slice(r.uri.lastIndexOf('/') + 1)} ${r.range.start.line}:${r.range.start.character}`).sort();
    assert.deepEqual(seen, ['draft-de.md 2:18', 'draft-en.md 2:17', 'draft-en.md 4:21', 'draft.txt 0:26']);
  });

  test('commands: fact base summary, metrics, insert figure, check the workspace', async () => {
    const summary = await c.request<{ metrics: number; sources: unknown[]; problems: number }>('workspace/executeCommand', { command: 'factlint.server.factBase' });
    assert.ok(summary.metrics > 10, `metrics: ${summary.metrics}`);
    assert.equal(summary.problems, 0);
    const metrics = await c.request<Array<{ id: string; latest: string }>>('workspace/executeCommand', { command: 'factlint.server.metrics', arguments: [{}] });
    assert.equal(metrics.find((m) => m.id === 'chongqing.fortune-global-500-companies')?.latest, '322 (2025, asiacity.news)');

    const uri = ws.uri(DE);
    const applied = await c.request<boolean>('workspace/executeCommand', {
      command: 'factlint.server.insertFigure',
      arguments: [{ uri, position: { line: 0, character: 0 }, metricId: 'chongqing.fortune-global-500-companies' }],
    });
    assert.equal(applied, true);
    const edit = c.applied.at(-1)!.edit.changes![uri];
    // The German edition of the source is cited in a German draft.
    assert.equal(edit[0].newText, '322[^factlint-asiacity-chongqing-8753-foreign-invested-enterprises-de]');

    const r = await c.request<{ files: number; findings: number }>('workspace/executeCommand', { command: 'factlint.server.checkWorkspace' });
    assert.deepEqual(r, { files: 3, findings: 4 });
    // The draft that is not open gets its findings published too.
    assert.deepEqual(brief(await c.diagnosticsFor(ws.uri('drafts/draft.txt'))), ['outdated-figure 2 0:26-0:29']);
  });

  test('a fact file edited in the editor: problems as you type, drafts re-checked, last good version kept', async () => {
    const uri = ws.uri(FORTUNE_FILE);
    const good = ws.read(FORTUNE_FILE);
    await c.open(uri, 'yaml', good);
    let closedAt = 0;
    try {
      const line = ws.lineOf(FORTUNE_FILE, 'value: 322');
      const col = good.split('\n')[line].indexOf('322');
      const pushedBefore = c.pushed.length;
      // 322 → 330: the draft's expected figure changes.
      await c.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 3 } }, text: '330' }]);
      const ds = await c.until('re-checked draft', () => c.pushed.slice(pushedBefore).find((p) => p.uri === ws.uri(EN) && p.diagnostics.some((d) => d.message.includes(' 330 ')))?.diagnostics);
      assert.deepEqual(brief(ds), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
      // A value that is no number: reported where it is; the drafts keep the last good version (330).
      let mark = c.pushed.length;
      await c.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 3 } }, text: 'many' }]);
      const problems = await c.until('fact file problems', () => c.pushed.slice(mark).find((p) => p.uri === uri && p.diagnostics.length > 0)?.diagnostics);
      const schema = problems.filter((d) => d.code === 'schema');
      assert.deepEqual(
        schema.map((d) => [d.severity, d.source, d.range.start.line, d.range.start.character]),
        [[1, 'factlint', line, col]],
      );
      // Broken YAML syntax likewise.
      mark = c.pushed.length;
      await c.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 4 } }, text: '[330' }]);
      const syntax = await c.until('YAML problems', () => c.pushed.slice(mark).find((p) => p.uri === uri && p.diagnostics.length > 0)?.diagnostics);
      assert.deepEqual([...new Set(syntax.map((d) => d.code))], ['yaml']);
      const hover = await c.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
      assert.equal(hover.contents.value.split('\n\n')[3], `**Sourced:** 330 · ${ws.when(FORTUNE, 322)}`);
    } finally {
      // Closing without saving: the disk version (322) counts again and the problems go away.
      closedAt = c.pushed.length;
      await c.close(uri);
    }
    await c.until('problems cleared', () => c.pushed.slice(closedAt).find((p) => p.uri === uri && p.diagnostics.length === 0));
    const back = await c.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
    assert.equal(back.contents.value.split('\n\n')[3], `**Sourced:** 322 · ${ws.when(FORTUNE, 322)}`);
  });

  test('a fact file changed on disk: reloaded on workspace/didChangeWatchedFiles', async () => {
    const path = ws.path(FORTUNE_FILE);
    const good = ws.read(FORTUNE_FILE);
    writeFileSync(path, good.replace('value: 322', 'value: 340'));
    const mark = c.pushed.length;
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(FORTUNE_FILE), type: 2 }] });
    await c.until('re-checked draft', () => c.pushed.slice(mark).find((p) => p.uri === ws.uri(EN) && p.diagnostics.some((d) => d.message.includes(' 340 '))));
    writeFileSync(path, good);
    const mark2 = c.pushed.length;
    await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(FORTUNE_FILE), type: 2 }] });
    await c.until('restored', () => c.pushed.slice(mark2).find((p) => p.uri === ws.uri(EN) && p.diagnostics.some((d) => d.message.includes(' 322 '))));
  });

  test('examples/: the server reports exactly the core check\'s findings, in English and German', async () => {
    const { base } = loadFactBase([ws.facts]);
    const severity: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
    for (const name of ['draft-en.md', 'draft-de.md']) {
      const path = join(ROOT, 'examples', name);
      const text = readFileSync(path, 'utf8');
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
      const pos = (offset: number) => {
        let line = 0;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
        return `${line}:${offset - lineStarts[line]}`;
      };
      const expected = check(text, base, { format: 'markdown' })
        .claims.filter((c) => ruleOf(c.verdict.kind) && !c.suppressed)
        .map((c) => `${ruleOf(c.verdict.kind)} ${severity[c.verdict.severity!]} ${pos(c.claim.figure.start)}-${pos(c.claim.figure.end)} ${c.verdict.message}`);
      assert.ok(expected.length > 0, `${name} has findings`);
      await c.open(uriOf(path), 'markdown', text);
      const ds = await c.diagnosticsFor(uriOf(path), 1);
      assert.deepEqual(
        described(ds),
        expected,
        name,
      );
      await c.close(uriOf(path));
    }
  });

  test('a settings change: settings re-read, watchers re-registered, open drafts re-checked', async () => {
    const watcherIds = c.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').map((r) => r.id);
    editorSettings.severity = { 'outdated-figure': 'off', 'conflicting-figure': 'hint' };
    let mark = c.pushed.length;
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const ds = await c.until('re-check with new severities', () => c.pushed.slice(mark).find((p) => p.uri === ws.uri(EN))?.diagnostics);
    assert.deepEqual(brief(ds), ['conflicting-figure 4 4:21-4:24']);
    await c.until('old watchers unregistered', () => (watcherIds.every((id) => c.unregistrations.some((u) => u.id === id)) ? true : undefined));
    delete editorSettings.severity;
    mark = c.pushed.length;
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const back = await c.until('re-check with default severities', () => c.pushed.slice(mark).find((p) => p.uri === ws.uri(EN))?.diagnostics);
    assert.deepEqual(brief(back), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
  });

  test('bad input never takes the server down', async () => {
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } }), null);
    await assert.rejects(c.request('workspace/executeCommand', { command: 'factlint.server.insertFigure', arguments: [] }));
    const uri = ws.uri('drafts/huge.md');
    await c.open(uri, 'markdown', '293 Fortune 500 companies. '.repeat(40000));
    assert.deepEqual(await c.diagnosticsFor(uri, 1), []);
    const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
    assert.equal(h.contents.value.split('\n\n')[0], '**factlint: outdated figure**');
  });

  test('keystroke latency: didChange to publishDiagnostics', async () => {
    const uri = ws.uri(EN);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = process.hrtime.bigint();
      const v = await c.change(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: i === 0 ? 0 : 1 } }, text: String(i % 10) }]);
      await c.diagnosticsFor(uri, v);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const p50 = times[times.length >> 1];
    process.stdout.write(`# didChange → publishDiagnostics p50 ${p50.toFixed(2)} ms, p90 ${times[Math.floor(times.length * 0.9)].toFixed(2)} ms (round trip incl. JSON-RPC)\n`);
    // A loose bound: the round trip includes the client and JSON-RPC, and CI machines are shared.
    assert.ok(p50 < 50, `p50 ${p50} ms`);
  });
});

describe('language server with pull diagnostics and without configuration support', () => {
  let ws: Workspace;
  before(() => {
    ws = makeWorkspace();
  });
  after(() => ws.dispose());

  test('pull: textDocument/diagnostic answers, nothing is pushed for drafts', async () => {
    const c = await LspClient.start({
      rootPath: ws.root,
      configuration: settingsFor(ws),
      capabilities: {
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
        textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: ['markdown'] } },
      },
    });
    try {
      await c.open(ws.uri(EN), 'markdown', ws.read(EN));
      const report = await c.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: ws.uri(EN) } });
      assert.equal(report.kind, 'full');
      assert.deepEqual(brief(report.items), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
      const v = await c.change(ws.uri(EN), [{ range: { start: { line: 2, character: 17 }, end: { line: 2, character: 20 } }, text: '322' }]);
      assert.equal(v, 2);
      const again = await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: ws.uri(EN) } });
      assert.deepEqual(brief(again.items), ['conflicting-figure 1 4:21-4:24']);
      assert.equal(c.pushed.filter((p) => p.uri === ws.uri(EN)).length, 0);
    } finally {
      await c.stop();
    }
  });

  test('pull with run on save: findings change on save, not as you type', async () => {
    const c = await LspClient.start({
      rootPath: ws.root,
      configuration: settingsFor(ws, { run: 'onSave' }),
      capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {}, synchronization: { didSave: true } } },
    });
    try {
      const uri = ws.uri(EN);
      const pull = async () => brief((await c.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } })).items);
      await c.open(uri, 'markdown', ws.read(EN));
      assert.deepEqual(await pull(), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
      await c.change(uri, [{ range: { start: { line: 2, character: 17 }, end: { line: 2, character: 20 } }, text: '322' }]);
      assert.deepEqual(await pull(), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
      const refreshes = c.refreshes;
      await c.notify('textDocument/didSave', { textDocument: { uri } });
      await c.until('diagnostic refresh', () => (c.refreshes > refreshes ? true : undefined));
      assert.deepEqual(await pull(), ['conflicting-figure 1 4:21-4:24']);
    } finally {
      await c.stop();
    }
  });

  test('no workspace/configuration (Neovim, Helix): defaults, a .factlintrc.json, and initializationOptions', async () => {
    writeFileSync(ws.path('.factlintrc.json'), JSON.stringify({ factBase: { paths: ['facts'] }, severity: { 'conflicting-figure': 'off' } }));
    const c = await LspClient.start({
      rootPath: ws.root,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { settings: { severity: { 'outdated-figure': 'error' } } },
    });
    try {
      await c.open(ws.uri(EN), 'markdown', ws.read(EN));
      assert.deepEqual(brief(await c.diagnosticsFor(ws.uri(EN), 1)), ['outdated-figure 1 2:17-2:20']);
      // Plain text as Neovim names it ("text").
      await c.open(ws.uri('drafts/draft.txt'), 'text', ws.read('drafts/draft.txt'));
      assert.deepEqual(brief(await c.diagnosticsFor(ws.uri('drafts/draft.txt'), 1)), ['outdated-figure 1 0:26-0:29']);
      // The client cannot watch files: the server watches the fact folder itself.
      const good = ws.read(FORTUNE_FILE);
      const mark = c.pushed.length;
      writeFileSync(ws.path(FORTUNE_FILE), good.replace('value: 322', 'value: 350'));
      try {
        await c.until('re-check after the fact file changed on disk', () => c.pushed.slice(mark).find((p) => p.uri === ws.uri(EN) && p.diagnostics.some((d) => d.message.includes(' 350 '))));
      } finally {
        writeFileSync(ws.path(FORTUNE_FILE), good);
      }
    } finally {
      await c.stop();
    }
  });

  test('.factlintrc.json with strict mode and run on save', async () => {
    writeFileSync(ws.path('.factlintrc.json'), JSON.stringify({ factBase: { paths: ['facts'] }, strict: true, run: 'onSave' }));
    const c = await LspClient.start({ rootPath: ws.root, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
    try {
      const uri = ws.uri('drafts/strict.md');
      await c.open(uri, 'markdown', 'The budget was US$5 billion and page 12 is blank.\n');
      // Opening checks; in strict mode a fact-like figure that matches no metric is reported.
      const ds = await c.diagnosticsFor(uri, 1);
      assert.deepEqual(brief(ds), ['unsourced-figure 3 0:15-0:27']);
      assert.equal(ds[0].message, '"US$5 billion" looks like a fact but matches no metric in the fact base.');
      // Typing does not check; saving does.
      const v = await c.change(uri, [{ range: { start: { line: 0, character: 15 }, end: { line: 0, character: 27 } }, text: 'little' }]);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(c.pushed.some((p) => p.uri === uri && p.version === v), false);
      await c.notify('textDocument/didSave', { textDocument: { uri } });
      assert.deepEqual(await c.diagnosticsFor(uri, v), []);
    } finally {
      await c.stop();
    }
  });

  test('a broken .factlintrc.json is reported with file, line and column; checking goes on with the defaults', async () => {
    const root = mkdtempSync(join(tmpdir(), 'factlint-rc-'));
    try {
      writeFileSync(join(root, '.factlintrc.json'), '{\n  "strict": tru\n}\n');
      writeFileSync(join(root, 'draft.md'), ws.read(EN));
      const c = await LspClient.start({ rootPath: root, capabilities: { window: { showMessage: {} } } });
      try {
        await c.open(uriOf(join(root, 'draft.md')), 'markdown', ws.read(EN));
        assert.deepEqual(brief(await c.diagnosticsFor(uriOf(join(root, 'draft.md')), 1)), ['outdated-figure 2 2:17-2:20', 'conflicting-figure 1 4:21-4:24']);
        const shown = await c.until('config warning', () => c.logs.find((l) => l.startsWith('factlint: ignoring ')));
        assert.equal(shown.replace('ignoring config file: ', 'ignoring '), `factlint: ignoring ${join(root, '.factlintrc.json')}:2:13: invalid JSON: unexpected "t"`);
      } finally {
        await c.stop();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
