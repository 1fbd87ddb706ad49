// The server's cache folder holds files of several kinds (compiled fact bases, platform tables,
// the code cache), each written to `<file>.<pid>.tmp` and renamed into place. Every kind keeps
// only its most recently used files, so that test workspaces and old versions do not pile up.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The per-user cache folder when neither the client nor the command line names one. */
export function defaultCacheDir(): string {
  const env = process.env;
  const base = env.XDG_CACHE_HOME || (process.platform === 'win32' && env.LOCALAPPDATA) || join(homedir(), '.cache');
  return join(base, 'factlint');
}

const CACHE_DIR_ARG = '--cache-dir=';

/**
 * The cache folder the server's command line asks for: `--cache-dir=DIR`, else the per-user
 * one; undefined with `--no-cache`. The command line is read before the first message, so
 * the code cache (launch.ts) can use it; a client's initializationOptions.cacheDir, which
 * comes later, decides for the fact base.
 */
export function commandLineCacheDir(args: readonly string[]): string | undefined {
  if (args.includes('--no-cache')) return undefined;
  const named = args.filter((a) => a.startsWith(CACHE_DIR_ARG) && a.length > CACHE_DIR_ARG.length).pop();
  return named === undefined ? defaultCacheDir() : named.slice(CACHE_DIR_ARG.length);
}

/** A temporary file older than this was left by a server that stopped while writing. */
const STALE_TMP_MS = 86_400_000;

/**
 * Keeps the `keep` most recently used files of the folder that `ofKind` accepts, and removes
 * leftover temporary files of that kind. Files removed meanwhile by another server are passed over.
 */
export function pruneCacheFolder(dir: string, ofKind: (name: string) => boolean, keep: number): void {
  const now = Date.now();
  const kept: Array<{ path: string; mtimeMs: number }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      const { mtimeMs } = statSync(path);
      if (ofKind(name)) kept.push({ path, mtimeMs });
      else if (name.endsWith('.tmp') && ofKind(name.slice(0, name.lastIndexOf('.', name.length - 5))) && now - mtimeMs > STALE_TMP_MS) unlinkSync(path);
    } catch {
      // Removed meanwhile by another server: nothing to do.
    }
  }
  kept.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of kept.slice(keep)) {
    try {
      unlinkSync(old.path);
    } catch {
      // As above.
    }
  }
}

/** Marks a cache file used, so that pruneCacheFolder keeps it over ones used less recently. */
export function markUsed(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A cache folder this user may read but not write still serves.
  }
}

/** Writes `data` to `file` whole or not at all (through `<file>.<pid>.tmp`). Throws what the file system throws. */
export function writeWhole(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** writeWhole, then keeps the `keep` newest files of its kind in the folder. */
export function keepInCacheFolder(file: string, data: string | Uint8Array, ofKind: (name: string) => boolean, keep: number): void {
  writeWhole(file, data);
  pruneCacheFolder(dirname(file), ofKind, keep);
}
