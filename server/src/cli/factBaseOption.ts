// The fact base the CLI checks against: `--facts DIR` (repeatable), else the workspace
// configuration file's paths, else the shipped facts plus ./facts — the same choice the
// language server makes for an editor opened in the current folder.
import { defaultSettings, factBasePaths, findConfigFile, loadConfigFile, type FactlintSettings } from '../core/config';
import { loadFactBase, shippedFactsDir } from '../core/factBase';
import type { FactBase, FactProblem } from '../core/types';

export interface LoadedBase {
  base: FactBase;
  problems: FactProblem[];
  settings: FactlintSettings;
}

/** Throws ConfigError for a broken configuration file. */
export function loadBaseForCli(factsDirs: string[], cwd = process.cwd()): LoadedBase {
  const configFile = findConfigFile(cwd);
  const settings = configFile ? loadConfigFile(configFile) : defaultSettings();
  const dirs = factsDirs.length > 0 ? factsDirs : factBasePaths(settings, [cwd], shippedFactsDir());
  const { base, problems } = loadFactBase(dirs);
  return { base, problems, settings };
}

/** "facts/x.yaml:3:7: error: message" — one-based, as compilers print. */
export function formatProblem(p: FactProblem): string {
  return `${p.location.file}:${p.location.line + 1}:${p.location.character + 1}: ${p.severity}: ${p.message}`;
}
