// The server's cache folder holds files of several kinds (compiled fact bases, platform tables),
// each written to `<file>.<pid>.tmp` and renamed into place. Every kind keeps only its most
// recently used files, so that test workspaces and old versions do not pile up.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

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
