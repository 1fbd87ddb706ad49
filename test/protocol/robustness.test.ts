// The server survives whatever a client sends: malformed JSON-RPC, unknown methods, requests
// for documents it never opened, nonsense parameters; it exits by itself when its client goes
// away (stdin closed, or the parent process named by --clientProcessId or processId died);
// a draft over factlint.maxDocumentSize is refused once, clearly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { LspClient, SERVER, uriOf } from './lspClient';
import { makeWorkspace, type Workspace } from './workspace';

const EN = 'drafts/draft-en.md';

function exited(proc: import('node:child_process').ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (proc.exitCode !== null) return resolve(proc.exitCode);
    const t = setTimeout(() => reject(new Error(`server still running after ${ms} ms`)), ms);
    proc.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

describe('robustness over stdio', () => {
  let ws: Workspace;
  let c: LspClient;
  before(async () => {
    ws = makeWorkspace();
    c = await LspClient.start({
      rootPath: ws.root,
      configuration: (item) => (item.section === 'factlint' ? { factBase: { paths: [ws.facts] }, maxDocumentSize: 5000 } : null),
    });
  });
  after(async () => {
    await c.stop();
    ws.dispose();
  });

  /** The server still works: a fresh draft gets its findings. */
  async function stillWorks(tag: string): Promise<void> {
    const uri = ws.uri(`drafts/alive-${tag}.md`);
    await c.open(uri, 'markdown', ws.read(EN));
    const ds = await c.diagnosticsFor(uri, 1);
    assert.ok(ds.length > 0, `findings after ${tag}`);
    await c.close(uri);
  }

  test('malformed JSON-RPC input: broken JSON, wrong shapes, invalid requests', async () => {
    const raw = (body: string) => c.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    raw('{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{');
    raw('[1,2,3]');
    raw('"just a string"');
    raw('{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":null}');
    raw('{"jsonrpc":"2.0","id":7001,"method":"textDocument/hover","params":null}');
    raw('{"jsonrpc":"2.0","id":7002,"method":"textDocument/codeAction","params":{"textDocument":{"uri":42}}}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.md","languageId":"markdown","version":1,"text":null}}}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere.md","version":2},"contentChanges":[{"range":{"start":{"line":99,"character":0},"end":{"line":0,"character":-5}},"text":"1"}]}}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///never-opened.md"}}}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}');
    await stillWorks('malformed');
  });

  test('unknown methods: requests get MethodNotFound, notifications are ignored', async () => {
    await assert.rejects(c.request('factlint/noSuchThing', { a: 1 }), (err: { code?: number }) => err.code === -32601);
    await c.notify('factlint/noSuchNotification', { a: 1 });
    await c.notify('$/noSuchThing', null);
    await stillWorks('unknown');
  });

  test('requests for documents never opened, odd URIs and nonsense positions answer emptily', async () => {
    const pos = { line: 0, character: 0 };
    for (const uri of [ws.uri('drafts/never-opened.md'), 'untitled:Untitled-1', 'not a uri', '', 'file:///%E0%A4%A.md']) {
      const textDocument = { uri };
      assert.equal(await c.request('textDocument/hover', { textDocument, position: pos }), null);
      assert.deepEqual(await c.request('textDocument/codeAction', { textDocument, range: { start: pos, end: pos }, context: { diagnostics: [] } }), []);
      await c.request('textDocument/completion', { textDocument, position: pos });
      await c.request('textDocument/definition', { textDocument, position: pos });
      await c.request('textDocument/references', { textDocument, position: pos, context: { includeDeclaration: true } });
    }
    const uri = ws.uri(EN);
    await c.open(uri, 'markdown', ws.read(EN));
    await c.diagnosticsFor(uri, 1);
    for (const position of [{ line: 9999, character: 9999 }, { line: -1, character: -1 }, { line: 0, character: 1e9 }]) {
      await c.request('textDocument/hover', { textDocument: { uri }, position });
    }
    await c.close(uri);
    await stillWorks('unopened');
  });

  test('a draft over factlint.maxDocumentSize is not checked, and the server says so once', async () => {
    const uri = ws.uri('drafts/huge-log.md');
    const shown = () => c.logs.filter((l) => l.includes('huge-log.md') && l.includes('maxDocumentSize'));
    await c.open(uri, 'markdown', 'Chongqing counts 293 Fortune 500 companies. '.repeat(200));
    assert.deepEqual(await c.diagnosticsFor(uri, 1), []);
    for (let i = 0; i < 5; i++) {
      const v = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '1 ' }]);
      assert.deepEqual(await c.diagnosticsFor(uri, v), []);
    }
    // Once as a message to the user (window/showMessage) and once in the log.
    assert.equal(shown().length, 2, shown().join('\n'));
    assert.match(shown()[0], /not checking huge-log\.md: it has [\d,]+ characters, more than factlint\.maxDocumentSize \(5,000\)/);
    await c.close(uri);
  });
});

describe('the server exits when its client goes away', () => {
  test('stdin closed mid-request', async () => {
    const c = await LspClient.start();
    const uri = uriOf('/tmp/factlint-robustness.md');
    await c.open(uri, 'markdown', 'Chongqing counts 293 Fortune 500 companies.\n\n'.repeat(2000));
    void c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 18 } }).catch(() => undefined);
    c.proc.stdin!.end();
    await exited(c.proc, 20_000);
    c.conn.dispose();
  });

  test('the parent process named by --clientProcessId dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const server = spawn(process.execPath, [SERVER, '--stdio', `--clientProcessId=${parent.pid}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      // The server checks every 3 seconds whether its parent is alive.
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(server.exitCode, null, 'running while the parent lives');
      parent.kill('SIGKILL');
      await exited(server, 20_000);
    } finally {
      parent.kill('SIGKILL');
      server.kill();
    }
  });

  test('the client process named in initialize dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: parent.pid, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      await new Promise<void>((r) => server.stdout.once('data', () => r()));
      parent.kill('SIGKILL');
      await exited(server, 20_000);
    } finally {
      parent.kill('SIGKILL');
      server.kill();
    }
  });
});
