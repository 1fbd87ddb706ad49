// The integration suite, run inside the VS Code extension host by runTests.ts. A small
// sequential runner (no test framework is bundled into the extension host): each case
// runs in order, failures are collected and reported together.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'factlint.factlint';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  return vscode.Uri.file(join(folder.uri.fsPath, name));
}

async function until<T>(what: string, test: () => T | undefined, ms = 20000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = test();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function brief(ds: readonly vscode.Diagnostic[]): string[] {
  return [...ds]
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const r = d.range;
      return `${code} ${vscode.DiagnosticSeverity[d.severity]} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    });
}

/** Waits until the draft's diagnostics equal `expected` (they settle after each edit). */
async function diagnosticsEqual(uri: vscode.Uri, expected: string[]): Promise<vscode.Diagnostic[]> {
  return until(`diagnostics ${JSON.stringify(expected)} for ${uri.fsPath}`, () => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'factlint');
    return JSON.stringify(brief(ds)) === JSON.stringify(expected) ? ds : undefined;
  });
}

const cases: Array<[string, () => Promise<void>]> = [
  [
    'the extension activates and registers its commands',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} not found`);
      await vscode.workspace.openTextDocument(workspaceFile('draft-en.md'));
      await until('activation', () => (ext.isActive ? true : undefined));
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['factlint.checkWorkspace', 'factlint.showFactBase', 'factlint.insertFigure', 'factlint.restartServer']) {
        assert.ok(commands.includes(c), `command ${c} is not registered`);
      }
    },
  ],
  [
    'diagnostics on the English and German drafts',
    async () => {
      const en = workspaceFile('draft-en.md');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(en));
      const ds = await diagnosticsEqual(en, ['outdated-figure Warning 2:17-2:20', 'conflicting-figure Error 4:21-4:24']);
      const outdated = ds.find((d) => d.severity === vscode.DiagnosticSeverity.Warning)!;
      assert.match(outdated.message, /^293 is outdated: the latest sourced figure for Fortune Global 500 companies with operations in Chongqing is 322 /);
      assert.ok(outdated.relatedInformation?.[0].location.uri.fsPath.endsWith(join('facts', 'chongqing', 'foreign-investment.yaml')));
      const de = workspaceFile('draft-de.md');
      await vscode.workspace.openTextDocument(de);
      await diagnosticsEqual(de, ['outdated-figure Warning 2:18-2:21']);
    },
  ],
  [
    'hover via vscode.executeHoverProvider',
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceFile('draft-en.md'), new vscode.Position(2, 18));
      const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
      const ours = texts.find((t) => t.startsWith('**factlint: outdated figure**'));
      assert.ok(ours, `no factlint hover among ${JSON.stringify(texts)}`);
      assert.match(ours, /\*\*Timeline:\*\* 293 · [^→]*2020[^→]* → \*\*322 · [^*]*2025[^*]*\*\*/);
      const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceFile('draft-en.md'), new vscode.Position(6, 13));
      assert.equal(none.flatMap((h) => h.contents).length, 0);
    },
  ],
  [
    'quick fixes via vscode.executeCodeActionProvider, applied',
    async () => {
      const uri = workspaceFile('draft-en.md');
      const range = new vscode.Range(2, 17, 2, 20);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      assert.deepEqual(titles, [
        'Update to the sourced figure: 322',
        'Update to 322 and cite asiacity.news',
        titles[2],
        'Ignore this figure (disable comment)',
      ]);
      assert.match(titles[2], /^Keep 293 as the figure for .*2020.*: add "\(as of 2020\)"$/);
      assert.equal(actions[0].isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.ok(doc.lineAt(2).text.startsWith('Chongqing counts 322 Fortune 500 companies'), doc.lineAt(2).text);
      await diagnosticsEqual(uri, ['conflicting-figure Error 4:21-4:24']);
      await vscode.commands.executeCommand('undo');
      await diagnosticsEqual(uri, ['outdated-figure Warning 2:17-2:20', 'conflicting-figure Error 4:21-4:24']);
    },
  ],
  [
    'fix-all via source.fixAll.factlint',
    async () => {
      const uri = workspaceFile('draft-de.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.factlint');
      assert.deepEqual(actions.map((a) => a.title), ['Update all 1 outdated figure']);
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      assert.ok(doc.lineAt(2).text.startsWith('In Chongqing sind 322 Fortune-500-Unternehmen'), doc.lineAt(2).text);
      await diagnosticsEqual(uri, []);
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, fn] of cases) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (err) {
      console.log(`not ok - ${name}`);
      failures.push(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${cases.length} VS Code tests failed:\n${failures.join('\n\n')}`);
}
