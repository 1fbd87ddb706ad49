// A throwaway workspace for protocol tests: the LSP fixture drafts, a copy of the shipped fact
// base, so tests may edit fact files on disk without touching the repository, and an empty
// folder for the server's caches.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whenText } from '../../server/src/core/cite';
import { loadFactBase } from '../../server/src/core/factBase';
import { ROOT, uriOf } from './lspClient';

export interface Workspace {
  root: string;
  facts: string;
  /** An empty folder at first, for a server's --cache-dir or initializationOptions.cacheDir. */
  cacheDir: string;
  path(rel: string): string;
  uri(rel: string): string;
  read(rel: string): string;
  /** Zero-based line of the first line containing `needle` in a workspace file. */
  lineOf(rel: string, needle: string): number;
  /** How the hover words the date of a metric's observation with this value (from the copied facts). */
  when(metricId: string, value: number): string;
  dispose(): void;
}

export function makeWorkspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'factlint-lsp-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'lsp'), join(root, 'drafts'), { recursive: true });
  cpSync(join(ROOT, 'facts'), join(root, 'facts'), { recursive: true });
  mkdirSync(join(root, 'cache'));
  const path = (rel: string) => join(root, rel);
  const read = (rel: string) => readFileSync(path(rel), 'utf8');
  return {
    root,
    facts: join(root, 'facts'),
    cacheDir: join(root, 'cache'),
    path,
    uri: (rel) => uriOf(path(rel)),
    read,
    lineOf(rel, needle) {
      const line = read(rel).split('\n').findIndex((l) => l.includes(needle));
      if (line < 0) throw new Error(`${rel} has no line containing ${needle}`);
      return line;
    },
    when(metricId, value) {
      const o = loadFactBase([join(root, 'facts')]).base.metrics.get(metricId)?.observations.find((x) => x.value === value);
      if (!o) throw new Error(`no observation ${value} of ${metricId}`);
      return whenText(o);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
