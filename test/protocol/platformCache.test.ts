// The currency tables the server derives from Intl on every start (platformCache.ts): kept in
// the cache folder after the first diagnostics, taken on the next start, with the same findings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { described, LspClient } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

const EN = 'drafts/draft-en.md';
let ws: Workspace;

before(() => {
  ws = makeWorkspace();
});
after(() => ws.dispose());

async function firstFindings(): Promise<{ findings: string[]; logs: string[] }> {
  const c = await LspClient.start({ rootPath: ws.root, initializationOptions: { cacheDir: ws.cacheDir } });
  try {
    await c.open(ws.uri(EN), 'markdown', ws.read(EN));
    const findings = described(await c.diagnosticsFor(ws.uri(EN), 1));
    await c.until('the currency tables written or taken', () => c.logs.find((l) => l.includes('currency tables')));
    return { findings, logs: [...c.logs] };
  } finally {
    await c.stop();
  }
}

const tableFiles = () => readdirSync(ws.cacheDir).filter((f) => f.startsWith('intl-currencies-'));

test('currency tables are kept after the first diagnostics and taken on the next start, with the same findings', async () => {
  const first = await firstFindings();
  assert.ok(first.logs.some((l) => l.includes('currency tables written')), first.logs.join('\n'));
  assert.equal(tableFiles().length, 1);
  assert.ok(first.findings.some((f) => f.includes('322')), 'the draft has findings to compare');
  const second = await firstFindings();
  assert.ok(second.logs.some((l) => l.includes('currency tables from the cache')), second.logs.join('\n'));
  assert.deepEqual(second.findings, first.findings);
});

test('damaged kept tables are not taken: the server builds its own and finds the same', async () => {
  const file = join(ws.cacheDir, tableFiles()[0] ?? 'missing');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good.slice(0, good.length >> 1));
  const damaged = await firstFindings();
  assert.ok(!damaged.logs.some((l) => l.includes('currency tables from the cache')), damaged.logs.join('\n'));
  assert.ok(damaged.logs.some((l) => l.includes('currency tables written')), 'the damaged file is replaced');
  const again = await firstFindings();
  assert.ok(again.logs.some((l) => l.includes('currency tables from the cache')), again.logs.join('\n'));
  assert.deepEqual(again.findings, damaged.findings);
  assert.equal(readFileSync(file, 'utf8'), good);
});
