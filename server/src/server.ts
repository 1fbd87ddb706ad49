// factlint-ls: the factlint language server. Speaks LSP over stdio (`factlint-ls --stdio`,
// the default) or node IPC (`--node-ipc`, used by the VS Code client). A thin adapter:
// every finding, hover text and edit comes from the core; this file wires features to the
// connection and keeps the server alive whatever the input.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Diagnostic,
  type Disposable,
  type FileSystemWatcher,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
// Only the version is bundled (esbuild keeps just the named field).
import { version } from '../../package.json';
import { factBasePaths } from './core/config';
import { shippedFactsDir } from './core/factBase';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { COMMANDS, executeCommand } from './commands';
import { completions } from './completion';
import { pathToUri, uriToPath } from './convert';
import { definition } from './definition';
import type { ServerContext } from './context';
import { DiagnosticsPusher, draftDiagnostics, publishFactProblems, type Publication } from './diagnostics';
import { FactReloads } from './factReloads';
import { Drafts } from './documents';
import { isFactFileName } from './core/factBase';
import { FactStore } from './factFiles';
import { hover } from './hover';
import { commandLineCacheDir } from './cacheFolder';
import { readPlatformTables, writePlatformTables } from './platformCache';
import { references } from './references';
import { Settings } from './settings';
import { runInSlices } from './slices';

const VERSION: string = version;
const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`factlint-ls ${VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help')) {
  process.stdout.write(
    'Usage: factlint-ls [--stdio | --node-ipc | --socket=<port>] [--cache-dir=DIR | --no-cache]\n' +
      'The factlint language server; speaks LSP over stdio by default.\n' +
      '--cache-dir=DIR: keep the compiled fact base, platform tables and code cache in DIR\n' +
      '  (default: $XDG_CACHE_HOME/factlint or ~/.cache/factlint; initializationOptions.cacheDir wins for the fact base).\n' +
      '--no-cache: keep nothing; always load the fact base from its YAML files.\n',
  );
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments<TextDocument>(TextDocument);
const store = new FactStore((m) => connection.console.info(`factlint: ${m}`));
let capabilities: ClientCapabilities = {};
let workspaceFolders: string[] = [];
const settings = new Settings(connection, () => !!capabilities.workspace?.configuration);
const drafts = new Drafts(documents, store, settings, (uri, length, limit) => {
  const message = `factlint is not checking ${uri.slice(uri.lastIndexOf('/') + 1)}: it has ${length.toLocaleString('en')} characters, more than factlint.maxDocumentSize (${limit.toLocaleString('en')}). Raise that setting to check it.`;
  connection.console.warn(message);
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
});
const usePull = () => !!capabilities.textDocument?.diagnostic;

// Checks wait for the first fact base load, so that no draft is published as checked against nothing.
let markReady!: () => void;
const ready = new Promise<void>((r) => (markReady = r));

async function diagnosticsOf(uri: string): Promise<Publication | undefined> {
  await ready;
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const a = await drafts.analyse(doc);
  // Closed while settings were read: publishing now would leave stale findings behind.
  if (!documents.get(uri)) return undefined;
  // Not a draft. A fact file (one opened before the fact base folders were known, say) has its
  // problems published with the fact base's; any other document has nothing to show.
  if (!a) return isFactDoc(uri) ? undefined : { version: doc.version, diagnostics: [] };
  // Deferred work waits for a draft's first diagnostics, not for any document's (nor longer than AFTER_LOAD_MS).
  afterStartSoon(AFTER_CHECK_MS);
  return { version: a.version, diagnostics: draftDiagnostics(a, store.base), analysis: a };
}

// ---------------------------------------------------------------- after the first diagnostics

/** The connection sends a message on a later turn of the event loop: deferred work waits until it is out. */
const AFTER_CHECK_MS = 50;
/** Without a draft to check, deferred work runs a little after the facts loaded anyway. */
const AFTER_LOAD_MS = 2000;
/** True once the first diagnostics are out: from then on nothing is deferred. */
let started = false;
/** Fact roots whose file system watchers wait for the first diagnostics. */
let deferredWatch: string[] | undefined;
let afterStartScheduled = false;
/** The cache folder (compiled fact base, platform tables); undefined when caching is off. */
let cacheDir: string | undefined;
let platformTablesKept = false;

/** Schedules the work kept off the start path: the fact file watchers, writing or reading in the cache. */
function afterStartSoon(ms: number): void {
  if (afterStartScheduled || (started && !store.cacheUnsettled)) return;
  afterStartScheduled = true;
  setTimeout(async () => {
    started = true;
    if (deferredWatch) {
      startFsWatchers(deferredWatch);
      deferredWatch = undefined;
      // What changed between reading the fact files and watching them is read now.
      const changed = store.changedOnDisk();
      for (const path of changed) store.refreshFromDisk(path);
      if (changed.length > 0) factReloads.soon();
    }
    // A damaged cached base: load the YAML instead and check again. Verifying a cached base
    // reads every metric record, seconds at a million metrics: in slices, between requests.
    if ((await runInSlices(store.settleCacheSteps())) === true) factReloads.soon();
    if (cacheDir && !platformTablesKept) {
      platformTablesKept = true;
      try {
        connection.console.info(`factlint: currency tables written: ${writePlatformTables(cacheDir)}`);
      } catch (err) {
        connection.console.info(`factlint: currency tables not written: ${(err as Error).message}`);
      }
    }
    for (const listener of settledListeners.splice(0)) listener();
    afterStartScheduled = false;
    // Work that came while this ran (parses of a reload, say) is not left waiting for the next check.
    if (store.cacheUnsettled) afterStartSoon(AFTER_CHECK_MS);
  }, ms).unref();
}

const settledListeners: Array<() => void> = [];

/**
 * Calls `listener` once the start has settled: the first diagnostics are out (or the facts
 * loaded with no draft open) and the deferred work is done. The launcher (launch.ts) keeps
 * its code cache then, when the code a check runs has been compiled.
 */
export function whenSettled(listener: () => void): void {
  if (started) listener();
  else settledListeners.push(listener);
}

const pusher = new DiagnosticsPusher(connection, diagnosticsOf);
/** In pull mode with factlint.run = onSave: the diagnostics as of opening or the last save. */
const savedDiagnostics = new Map<string, Diagnostic[]>();
let factProblemUris = new Set<string>();
/** Fact base problems outside any file (an unreadable folder) already shown to the user. */
let shownProblems = new Set<string>();

function logError(what: string, err: unknown): void {
  connection.console.error(`factlint: ${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}

/**
 * Wraps a request handler so that a bug answers with `fallback` and a log line, never a crash.
 * Protocol errors (content modified) pass through, and a request the client cancelled while it
 * waited for a check is answered as cancelled.
 */
function safe<P, R>(what: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    // Cancelled while it waits for a check (seconds for a huge draft): answered at once; the
    // check itself goes on for the diagnostics and other requests that share it.
    // Cancelled before it was dispatched: the token never fires again.
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    let onCancel: Disposable | undefined;
    const cancelled = new Promise<void>((resolve) => (onCancel = token?.onCancellationRequested(() => resolve())));
    let result: R | void;
    try {
      result = await Promise.race([handler(params), cancelled]);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      logError(what, err);
      return fallback;
    } finally {
      onCancel?.dispose();
    }
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    return result as R;
  };
}

function isFactDoc(uri: string): boolean {
  const path = uriToPath(uri);
  return !!path && store.contains(path);
}

/** Every open draft needs a fresh check (the fact base or the settings changed). */
async function recheckAll(): Promise<void> {
  savedDiagnostics.clear();
  if (usePull()) {
    for (const doc of documents.all()) if (!isFactDoc(doc.uri)) await refreshSaved(doc.uri);
    if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
  } else {
    for (const doc of documents.all()) if (!isFactDoc(doc.uri)) pusher.schedule(doc.uri);
  }
}

async function refreshSaved(uri: string): Promise<void> {
  const s = await settings.get(uri);
  if (s.run !== 'onSave') return;
  const r = await diagnosticsOf(uri);
  if (r) savedDiagnostics.set(uri, r.diagnostics);
}

/** After a load of the fact base: its problems shown, its size announced. */
function factsLoaded(): void {
  for (const m of store.otherProblems) {
    connection.console.warn(`factlint: ${m}`);
    // Problems outside any fact file have no place to be shown but a message: once each.
    if (!shownProblems.has(m)) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `factlint: ${m}` });
  }
  shownProblems = new Set(store.otherProblems);
  factProblemUris = publishFactProblems(connection, store.problems, factProblemUris);
  let problems = store.otherProblems.length;
  for (const list of store.problems.values()) problems += list.length;
  // For status displays (the VS Code client's language status item).
  void connection.sendNotification('factlint/status', { metrics: store.base.metrics.size, sources: store.base.sources.size, problems });
}

/** (Re)reads the fact base locations from the workspace settings and loads them. */
async function loadFacts(): Promise<void> {
  const s = await settings.get(undefined, workspaceFolders[0]);
  const roots = factBasePaths(s, workspaceFolders, shippedFactsDir());
  store.setRoots(roots);
  for (const doc of documents.all()) {
    const path = uriToPath(doc.uri);
    if (path && store.contains(path)) store.setEditorText(path, doc.getText());
  }
  store.reload();
  factsLoaded();
  watchFactRoots(roots);
  const from = store.loadedFromCache ? ` (from the cache ${store.cacheFile})` : '';
  connection.console.info(`factlint: fact base ${roots.join(', ')}: ${store.base.metrics.size} metrics, ${store.base.sources.size} sources${from}`);
  setTimeout(() => afterStartSoon(0), AFTER_LOAD_MS).unref();
}

/** Loads after changes to fact files, in slices: drafts are checked against the last base until the new one is ready. */
const factReloads = new FactReloads(async () => {
  try {
    if ((await runInSlices(store.reloadSteps())) !== true) return;
    factsLoaded();
    void recheckAll();
  } catch (err) {
    logError('reloading the fact base', err);
  }
});

// ---------------------------------------------------------------- file watching

let fsWatchers: FSWatcher[] = [];
let clientWatches = false;
let clientWatchRegistration: Promise<Disposable> | undefined;

function watchFactRoots(roots: string[]): void {
  if (clientWatches) {
    // Roots may have changed with the settings: replace the previous registration.
    void clientWatchRegistration?.then((d) => d.dispose());
    const watchers: FileSystemWatcher[] = [{ globPattern: '**/.factlintrc.json' }];
    const relative = !!capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    for (const root of roots) {
      watchers.push({ globPattern: relative ? { baseUri: pathToUri(root), pattern: '**/*.{yaml,yml}' } : `${root.replace(/\\/g, '/')}/**/*.{yaml,yml}` });
    }
    clientWatchRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    return;
  }
  // Clients that cannot watch for us (many terminal editors): watch the fact folders ourselves,
  // once the first diagnostics are out (a recursive watch walks the folders).
  if (started) startFsWatchers(roots);
  else deferredWatch = roots;
}

function startFsWatchers(roots: string[]): void {
  for (const w of fsWatchers) w.close();
  fsWatchers = [];
  for (const root of roots) {
    try {
      const w = watch(root, { recursive: true }, (_event, name) => {
        if (!name || !isFactFileName(name.toString())) return;
        store.refreshFromDisk(join(root, name.toString()));
        factReloads.soon();
      });
      w.on('error', (err) => logError(`watching ${root}`, err));
      fsWatchers.push(w);
    } catch (err) {
      logError(`watching ${root}`, err);
    }
  }
}

// ---------------------------------------------------------------- lifecycle

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  const init = params.initializationOptions as { settings?: unknown; cacheDir?: unknown; cache?: unknown } | undefined;
  settings.initOptions = init?.settings;
  // The compiled fact base cache: where the client keeps per-extension data, else where the
  // command line says; off with --no-cache (commandLineCacheDir) or `cache: false`.
  const fromCommandLine = commandLineCacheDir(args);
  const fromClient = typeof init?.cacheDir === 'string' && init.cacheDir !== '' ? init.cacheDir : undefined;
  cacheDir = fromCommandLine === undefined || init?.cache === false ? undefined : (fromClient ?? fromCommandLine);
  store.useCache(cacheDir);
  // Kept tables are written only where none could be taken.
  platformTablesKept = cacheDir !== undefined && readPlatformTables(cacheDir);
  if (platformTablesKept) connection.console.info('factlint: currency tables from the cache');
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (workspaceFolders.length === 0 && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) workspaceFolders = [root];
  }
  clientWatches = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const result: InitializeResult = {
    serverInfo: { name: 'factlint-ls', version: VERSION },
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: [' '] },
      definitionProvider: true,
      referencesProvider: true,
      executeCommandProvider: { commands: [...COMMANDS] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
  };
  if (usePull()) result.capabilities.diagnosticProvider = { identifier: 'factlint', interFileDependencies: true, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(async () => {
  try {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'factlint' });
    }
    if (capabilities.workspace?.workspaceFolders) onWorkspaceFolders();
    await loadFacts();
  } catch (err) {
    logError('loading the fact base', err);
  } finally {
    markReady();
  }
  void recheckAll();
});

// A folder added or removed may bring or take a workspace facts/ folder and drafts.
function onWorkspaceFolders(): void {
  connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    workspaceFolders = workspaceFolders.filter((f) => !gone.has(f)).concat(added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
    settings.invalidate();
    await loadFacts().catch((err) => logError('loading the fact base', err));
    void recheckAll();
  });
}

connection.onDidChangeConfiguration(async () => {
  settings.invalidate();
  try {
    await loadFacts();
  } catch (err) {
    logError('loading the fact base', err);
  }
  void recheckAll();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  let facts = false;
  for (const c of changes) {
    const path = uriToPath(c.uri);
    if (!path) continue;
    if (path.endsWith('.factlintrc.json')) {
      settings.invalidate();
      await loadFacts().catch((err) => logError('loading the fact base', err));
      void recheckAll();
      return;
    }
    if (store.contains(path)) {
      store.refreshFromDisk(path);
      facts = true;
    }
  }
  if (facts) factReloads.soon();
});

// ---------------------------------------------------------------- documents

documents.onDidChangeContent(({ document }) => {
  const path = uriToPath(document.uri);
  if (path && store.contains(path)) {
    if (store.setEditorText(path, document.getText())) factReloads.afterTyping();
    return;
  }
  if (usePull()) return;
  void settings.get(document.uri).then((s) => {
    if (s.run === 'onType') pusher.schedule(document.uri);
  });
});

documents.onDidOpen(({ document }) => {
  // Pull clients ask for an opened document's diagnostics themselves.
  if (isFactDoc(document.uri) || usePull()) return;
  pusher.schedule(document.uri);
});

documents.onDidSave(({ document }) => {
  if (isFactDoc(document.uri)) return;
  void settings.get(document.uri).then(async (s) => {
    if (s.run !== 'onSave') return;
    if (!usePull()) pusher.schedule(document.uri);
    else {
      await refreshSaved(document.uri);
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    }
  });
});

documents.onDidClose(({ document }) => {
  const path = uriToPath(document.uri);
  if (path && store.contains(path)) {
    // Back to the version on disk.
    if (store.setEditorText(path, undefined)) factReloads.soon();
    return;
  }
  drafts.forget(document.uri);
  savedDiagnostics.delete(document.uri);
  if (!usePull()) pusher.clear(document.uri);
});

// Pull diagnostics: drafts only; fact file problems are pushed for every fact file, open or not.
connection.languages.diagnostics.on(
  safe('computing diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async ({ textDocument }) => {
    if (isFactDoc(textDocument.uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const s = await settings.get(textDocument.uri);
    const saved = savedDiagnostics.get(textDocument.uri);
    if (s.run === 'onSave' && saved) return { kind: DocumentDiagnosticReportKind.Full, items: saved };
    const items = (await diagnosticsOf(textDocument.uri))?.diagnostics ?? [];
    // With run = onSave the first answer (right after opening) stands until the next save.
    if (s.run === 'onSave') savedDiagnostics.set(textDocument.uri, items);
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }),
);

// ---------------------------------------------------------------- features

const ctx: ServerContext = { connection, documents, drafts, store, settings, ready, workspaceFolders: () => workspaceFolders };

connection.onHover(safe('hover', null, (p) => hover(ctx, p)));
connection.onCodeAction(safe('code actions', [], (p) => codeActions(ctx, p)));
connection.onCompletion(safe('completion', [], (p) => completions(ctx, p)));
connection.onDefinition(safe('definition', null, (p) => definition(ctx, p)));
connection.onReferences(safe('references', [], (p) => references(ctx, p)));
connection.onExecuteCommand(async (p) => {
  try {
    return await executeCommand(ctx, p, usePull());
  } catch (err) {
    // The client shows the message: a command that cannot run must say why.
    logError(`command ${p.command}`, err);
    throw new ResponseError(LSPErrorCodes.RequestFailed, err instanceof Error ? err.message : String(err));
  }
});

process.on('uncaughtException', (err) => logError('unexpected error', err));
process.on('unhandledRejection', (err) => logError('unexpected error', err));

documents.listen(connection);
connection.listen();
