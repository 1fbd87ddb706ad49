// Runs the VS Code integration suite (`npm run test:vscode`): downloads VS Code with
// @vscode/test-electron, opens a throwaway workspace holding the LSP fixture drafts, and
// runs suite/index.js inside the extension host with this folder as the extension.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'factlint-vscode-'));
  cpSync(join(root, 'test', 'fixtures', 'lsp'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`VS Code tests failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
