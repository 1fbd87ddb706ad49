// A fact folder that disappears or becomes unreadable mid-session: the server says so, keeps
// checking drafts against the facts it last loaded, and recovers by itself when the folder is
// back; a fact file broken on disk shows its error in place and heals when fixed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { described, LspClient, uriOf } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

const EN = 'drafts/draft-en.md';
const FORTUNE_FILE = 'facts/chongqing/foreign-investment.yaml';
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

/** Every YAML file under a folder. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
}

describe('fact folder trouble mid-session', () => {
  let ws: Workspace;
  let c: LspClient;
  let baseline: string[];
  const uri = () => ws.uri(EN);
  before(async () => {
    ws = makeWorkspace();
    c = await LspClient.start({ rootPath: ws.root, configuration: (item) => (item.section === 'factlint' ? { factBase: { paths: [ws.facts] } } : null) });
    await c.open(uri(), 'markdown', ws.read(EN));
    baseline = described(await c.diagnosticsFor(uri(), 1));
    assert.ok(baseline.length > 0);
  });
  after(async () => {
    await c.stop();
    ws.dispose();
  });

  /** Edits the draft (a trailing space) and returns its findings for the new version. */
  async function recheck(): Promise<string[]> {
    const text = ws.read(EN);
    const lines = text.split('\n');
    const v = await c.change(uri(), [{ range: { start: { line: lines.length - 1, character: 0 }, end: { line: lines.length - 1, character: 0 } }, text: ' ' }]);
    return described(await c.diagnosticsFor(uri(), v));
  }

  for (const how of ['disappears', 'becomes unreadable'] as const) {
    test(`the fact folder ${how}: a message, the last facts stay, recovery when it is back`, async () => {
      const files = yamlFiles(ws.facts);
      const aside = `${ws.facts}-aside`;
      renameSync(ws.facts, aside);
      // A file where the folder was cannot be listed: as unreadable as a folder can be for root.
      if (how === 'becomes unreadable') writeFileSync(ws.facts, 'not a folder');
      const logged = c.logs.length;
      await c.notify('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: uriOf(f), type: DELETED })) });
      const message = await c.until('a message about the fact folder', () => c.logs.slice(logged).find((l) => l.includes(`cannot read fact base path ${ws.facts}`)));
      assert.match(message, /checked against the facts last loaded/);
      assert.deepEqual(await recheck(), baseline, 'drafts are still checked against the last facts');

      if (how === 'becomes unreadable') rmSync(ws.facts);
      renameSync(aside, ws.facts);
      await c.notify('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: uriOf(f), type: CREATED })) });
      assert.deepEqual(await recheck(), baseline, 'the same findings once the folder is back');
      // Back for real: a change on disk is picked up again.
      const path = ws.path(FORTUNE_FILE);
      const good = readFileSync(path, 'utf8');
      writeFileSync(path, good.replace('value: 322', 'value: 999'));
      await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: CHANGED }] });
      assert.ok((await recheck()).some((d) => d.includes('999')), 'an edited fact file counts again');
      writeFileSync(path, good);
      await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: CHANGED }] });
      assert.deepEqual(await recheck(), baseline);
    });
  }
});

describe('a fact file with a problem, open in the editor as the server starts', () => {
  test('its problem stays shown: the draft side publishes nothing for it', async () => {
    const ws = makeWorkspace();
    const path = ws.path(FORTUNE_FILE);
    const broken = readFileSync(path, 'utf8').replace('value: 322', 'value: [322');
    writeFileSync(path, broken);
    const c = await LspClient.start({ rootPath: ws.root, configuration: (item) => (item.section === 'factlint' ? { factBase: { paths: [ws.facts] } } : null) });
    try {
      // Opened at once: before the server knows which folders hold the facts.
      await c.open(uriOf(path), 'yaml', broken);
      await c.open(ws.uri(EN), 'markdown', ws.read(EN));
      await c.diagnosticsFor(ws.uri(EN), 1);
      await c.request('textDocument/hover', { textDocument: { uri: ws.uri(EN) }, position: { line: 2, character: 18 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const forFile = c.pushed.filter((p) => p.uri === uriOf(path));
      assert.ok(forFile.length > 0, 'its problems were published');
      assert.match(described(forFile.at(-1)!.diagnostics).join('\n'), /invalid YAML/);
    } finally {
      await c.stop();
      ws.dispose();
    }
  });
});
