// The VS Code side of factlint: starts the bundled language server (dist/server.js) over
// node IPC for Markdown and plain-text drafts and the fact files, and adds the UI the
// protocol has no words for: a QuickPick to insert a sourced figure, the fact base
// overview, and a language status item with the fact base size and the last check time.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

interface MetricChoice {
  id: string;
  measure: string;
  latest: string;
}
interface FactBaseSummary {
  metrics: number;
  subjects: number;
  files: string[];
  sources: Array<{ id: string; title: string; publisher: string; published: string; url?: string }>;
  problems: number;
}
interface FactStatus {
  metrics: number;
  sources: number;
  problems: number;
}

let client: LanguageClient | undefined;

function selectorLanguages(): string[] {
  return vscode.workspace.getConfiguration('factlint').get<string[]>('documentSelector', ['markdown', 'plaintext']);
}

function runServerCommand<R>(command: string, args: unknown[] = []): Promise<R> {
  if (!client) throw new Error('the factlint language server is not running');
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<R>;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server never opens a network connection, so a certificate bundle named by
  // NODE_EXTRA_CA_CERTS (common on managed machines) would only cost it: Node reads and parses
  // the bundle before the server's first line runs (`node -e 0`: 115 ms with it, 38 ms without).
  const env = { NODE_EXTRA_CA_CERTS: undefined };
  // The cache folder is named on the command line too, so that the code cache is read before the first message.
  const args = [`--cache-dir=${context.globalStorageUri.fsPath}`];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const languages = selectorLanguages();
  const documentSelector = [
    ...languages.map((language) => ({ language })),
    // Fact files, so that their problems show as the user types.
    { pattern: '**/facts/**/*.{yaml,yml}' },
  ];

  const status = vscode.languages.createLanguageStatusItem('factlint.status', languages.map((language) => ({ language })));
  status.name = 'factlint';
  status.text = 'factlint: loading facts…';
  status.command = { title: 'Show fact base', command: 'factlint.showFactBase' };
  context.subscriptions.push(status);
  let facts = 'factlint';
  const checked = () => {
    status.detail = `last check ${new Date().toLocaleTimeString()}`;
    status.text = facts;
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannelName: 'factlint',
    // The server keeps its compiled fact base cache with the extension's own data.
    initializationOptions: { cacheDir: context.globalStorageUri.fsPath },
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        checked();
        next(uri, diagnostics);
      },
      async provideDiagnostics(document, previousResultId, token, next) {
        const report = await next(document, previousResultId, token);
        checked();
        return report;
      },
    },
  };
  client = new LanguageClient('factlint', 'factlint', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification('factlint/status', (s: FactStatus) => {
      facts = `factlint: ${s.metrics} metrics, ${s.sources} sources`;
      status.text = facts;
      status.severity = s.problems > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
      status.detail = s.problems > 0 ? `${s.problems} problem${s.problems === 1 ? '' : 's'} in the fact files` : status.detail;
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('factlint.checkWorkspace', async () => {
      const r = await runServerCommand<{ files: number; findings: number }>('factlint.server.checkWorkspace');
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      vscode.window.showInformationMessage(`factlint checked ${r.files} draft${r.files === 1 ? '' : 's'}: ${r.findings} finding${r.findings === 1 ? '' : 's'}.`);
    }),
    vscode.commands.registerCommand('factlint.showFactBase', async () => {
      const s = await runServerCommand<FactBaseSummary>('factlint.server.factBase');
      const pick = await vscode.window.showQuickPick(
        s.sources.map((src) => ({ label: src.title, description: `${src.publisher}, ${src.published}`, detail: src.url, url: src.url })),
        { title: `factlint fact base: ${s.metrics} metrics, ${s.subjects} subjects, ${s.sources.length} sources in ${s.files.length} files${s.problems ? `, ${s.problems} problems` : ''}`, placeHolder: 'Sources (pick one to open it)', matchOnDetail: true },
      );
      if (pick?.url) await vscode.env.openExternal(vscode.Uri.parse(pick.url));
    }),
    vscode.commands.registerCommand('factlint.insertFigure', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        vscode.window.showWarningMessage('factlint: open a draft to insert a figure into.');
        return;
      }
      const uri = editor.document.uri.toString();
      const position = { line: editor.selection.active.line, character: editor.selection.active.character };
      const metrics = await runServerCommand<MetricChoice[]>('factlint.server.metrics', [{ uri, position }]);
      const pick = await vscode.window.showQuickPick(
        metrics.map((m) => ({ label: m.latest, description: m.id, detail: m.measure, id: m.id })),
        { title: 'Insert a sourced figure', placeHolder: 'Metric', matchOnDescription: true, matchOnDetail: true },
      );
      if (!pick) return;
      const applied = await runServerCommand<boolean>('factlint.server.insertFigure', [{ uri, position, metricId: pick.id }]);
      if (!applied) vscode.window.showWarningMessage('factlint: the figure could not be inserted.');
    }),
    vscode.commands.registerCommand('factlint.restartServer', async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the extension activates.
      if (!e.affectsConfiguration('factlint.documentSelector')) return;
      const reload = 'Reload Window';
      const answer = await vscode.window.showInformationMessage('factlint: reload the window to apply factlint.documentSelector.', reload);
      if (answer === reload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
