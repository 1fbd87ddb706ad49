// A minimal LSP client for protocol tests: spawns the bundled server (dist/server.js
// --stdio), speaks JSON-RPC over its stdio and records what it pushes.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER = resolve(ROOT, 'dist', 'server.js');

export function uriOf(path: string): string {
  return pathToFileURL(path).toString();
}

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: Array<{ location: { uri: string; range: Range }; message: string }>;
}
/** Diagnostics as lines to compare: rule, severity, range and message. */
export function described(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
}

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface StartOptions {
  rootPath?: string;
  /** Client capabilities; defaults declare configuration, dynamic watchers and no pull diagnostics. */
  capabilities?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Answers workspace/configuration requests, per item. */
  configuration?: (item: { scopeUri?: string; section?: string }) => unknown;
  /** Command-line arguments after --stdio. */
  args?: string[];
}

export const DEFAULT_CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceEdit: { documentChanges: false },
    applyEdit: true,
  },
  textDocument: {
    synchronization: { didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    completion: { completionItem: { snippetSupport: false } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
  },
};

export class LspClient {
  readonly pushed: PublishDiagnosticsParams[] = [];
  readonly registrations: Array<{ id?: string; method: string; registerOptions?: unknown }> = [];
  /** Note the protocol's spelling: the field is "unregisterations". */
  readonly unregistrations: Array<{ id: string; method: string }> = [];
  readonly applied: Array<{ label?: string; edit: { changes?: Record<string, TextEdit[]> } }> = [];
  readonly logs: string[] = [];
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio', ...(opts.args ?? [])], { cwd: opts.rootPath ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn);
    proc.stderr!.on('data', (d: Buffer) => client.logs.push(d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.pushed.push(p);
      client.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    conn.onNotification('window/showMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) =>
      p.items.map((item) => (opts.configuration ? opts.configuration(item) : null)),
    );
    conn.onRequest('client/registerCapability', (p: { registrations: Array<{ id?: string; method: string; registerOptions?: unknown }> }) => {
      client.registrations.push(...p.registrations);
      client.wake();
      return null;
    });
    conn.onRequest('client/unregisterCapability', (p: { unregisterations: Array<{ id: string; method: string }> }) => {
      client.unregistrations.push(...p.unregisterations);
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: { label?: string; edit: { changes?: Record<string, TextEdit[]> } }) => {
      client.applied.push(p);
      return { applied: true };
    });
    conn.onRequest('window/showMessageRequest', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      client.wake();
      return null;
    });
    conn.listen();
    const rootPath = opts.rootPath ?? ROOT;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(rootPath),
      workspaceFolders: [{ uri: uriOf(rootPath), name: 'workspace' }],
      capabilities: opts.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  refreshes = 0;

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves once `test` returns a value, re-tested on every message from the server; rejects after `ms`. */
  async until<T>(what: string, test: () => T | undefined, ms = 10000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server log:\n${this.logs.join('\n')}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** The diagnostics published for `uri` at exactly `version` (or, without a version, the latest). */
  diagnosticsFor(uri: string, version?: number): Promise<Diagnostic[]> {
    return this.until(`diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`, () => {
      for (let i = this.pushed.length - 1; i >= 0; i--) {
        const p = this.pushed[i];
        if (p.uri === uri && (version === undefined || p.version === version)) return p.diagnostics;
      }
      return undefined;
    });
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: Array<{ range: Range; text: string } | { text: string }>): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } finally {
      const exited = new Promise<void>((r) => {
        if (this.proc.exitCode !== null) r();
        else this.proc.once('exit', () => r());
      });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (this.proc.exitCode === null) this.proc.kill();
      this.conn.dispose();
    }
  }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const offset = (p: Position) => Math.min(text.length, (lines[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
