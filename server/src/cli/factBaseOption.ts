// The fact base the CLI checks against: `--facts DIR` (repeatable), else the workspace
// configuration file's paths, else the shipped facts plus ./facts — the same choice the
// language server makes for an editor opened in the current folder.
import { defaultSettings, factBasePaths, findConfigFile, loadConfigFile, type FactlintSettings } from '../core/config';
import { loadFactBase, shippedFactsDir } from '../core/factBase';
import type { FactBase, FactProblem } from '../core/types';
import { FactStore } from '../factFiles';

export interface LoadedBase {
  base: FactBase;
  problems: FactProblem[];
  settings: FactlintSettings;
}

/**
 * Throws ConfigError for a broken configuration file. With `cacheDir`, the base comes from
 * the compiled fact base in that folder when the fact files are as they were when it was
 * written, and a clean load from YAML writes it for the next run: the language server's
 * cache (FactStore), which may share the folder with a server (each keeps its own files).
 */
export function loadBaseForCli(factsDirs: string[], cwd = process.cwd(), cacheDir?: string): LoadedBase {
  const configFile = findConfigFile(cwd);
  const settings = configFile ? loadConfigFile(configFile) : defaultSettings();
  const dirs = factsDirs.length > 0 ? factsDirs : factBasePaths(settings, [cwd], shippedFactsDir());
  const { base, problems } = (cacheDir !== undefined && loadCleanBaseWithCache(dirs, cacheDir)) || loadFactBase(dirs);
  return { base, problems, settings };
}

/**
 * The base through the language server's FactStore and its cache, if it has no problem at
 * all; undefined otherwise, and the caller loads it as without a cache, so that problems are
 * reported the same either way (the parses are then taken from this load's).
 */
function loadCleanBaseWithCache(dirs: string[], cacheDir: string): { base: FactBase; problems: FactProblem[] } | undefined {
  const store = new FactStore();
  store.useCache(cacheDir);
  store.setRoots(dirs);
  store.reload();
  if (store.otherProblems.length > 0 || [...store.problems.values()].some((list) => list.length > 0)) return undefined;
  // A base read from the cache is used as it is, its metrics read as checks need them; after a
  // load from YAML, the compiled base and the files' parses are written for the next run.
  if (!store.loadedFromCache) store.settleCache();
  return { base: store.base, problems: [] };
}

/** "facts/x.yaml:3:7: error: message" — one-based, as compilers print. */
export function formatProblem(p: FactProblem): string {
  return `${p.location.file}:${p.location.line + 1}:${p.location.character + 1}: ${p.severity}: ${p.message}`;
}
