// Settings per document: the editor's `factlint` section (read per resource through
// workspace/configuration), with a workspace `.factlintrc.json` laid over it, so that a
// project's shared file wins over personal editor settings the same way the CLI reads it.
// Clients without configuration support (Neovim, Helix) get the defaults plus the file.
import { dirname } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { ConfigError, defaultSettings, findConfigFile, loadConfigFile, mergeSettings, type FactlintSettings } from './core/config';
import { uriToPath } from './convert';

export class Settings {
  private cache = new Map<string, Promise<FactlintSettings>>();
  /** Config file errors already shown, so that each is shown once, not once per document. */
  private shown = new Set<string>();
  /** Initialization options from the client, used as settings where workspace/configuration is unsupported. */
  initOptions: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly configurationSupport: () => boolean,
  ) {}

  /** Settings for a document (or, without a URI, for the workspace as a whole). */
  get(uri: string | undefined, workspaceFolder?: string): Promise<FactlintSettings> {
    const key = uri ?? '';
    let s = this.cache.get(key);
    if (!s) {
      s = this.read(uri, workspaceFolder);
      this.cache.set(key, s);
    }
    return s;
  }

  /** Forgets everything read, after a configuration or config file change. */
  invalidate(): void {
    this.cache.clear();
  }

  private async read(uri: string | undefined, workspaceFolder?: string): Promise<FactlintSettings> {
    let editor: unknown = this.initOptions;
    if (this.configurationSupport()) {
      try {
        editor = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'factlint' });
      } catch (err) {
        this.connection.console.error(`factlint: could not read settings: ${String(err)}`);
      }
    }
    const { settings, problems } = mergeSettings(defaultSettings(), editor);
    for (const p of problems) this.connection.console.warn(`factlint: setting factlint.${p.path}: ${p.message}; using the default`);
    const path = uri ? uriToPath(uri) : undefined;
    const from = path ? dirname(path) : workspaceFolder;
    const file = from ? findConfigFile(from) : undefined;
    if (!file) return settings;
    try {
      return loadConfigFile(file, settings);
    } catch (err) {
      const message = err instanceof ConfigError ? err.message : `${file}: ${String(err)}`;
      if (!this.shown.has(message)) {
        this.shown.add(message);
        this.connection.console.error(`factlint: ignoring config file: ${message}`);
        void this.connection.window.showWarningMessage(`factlint: ignoring ${message}`);
      }
      return settings;
    }
  }
}
