// The fact base as the server sees it: the fact files on disk, overlaid with the ones
// open in the editor (their unsaved text wins). A file that stops loading (bad YAML, bad
// shape) is reported where it is, and its last good version stays in the base, so that a
// half-typed edit never wipes out the facts the drafts are checked against.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { factFilesIn, isFactFileName, loadFactFiles, MAX_FACT_FILE_BYTES, MAX_FACT_FILE_CHARS, type FactFile } from './core/factBase';
import type { FactBase, FactProblem } from './core/types';

/** Whether a fact base root can still be read; a root that was a folder must still be one. */
function readable(root: string, wasFolder: boolean): boolean {
  try {
    const folder = statSync(root).isDirectory();
    if (folder) readdirSync(root);
    return folder || !wasFolder;
  } catch {
    return false;
  }
}

export class FactStore {
  private roots: string[] = [];
  private disk = new Map<string, string>();
  private editor = new Map<string, string>();
  private lastGood = new Map<string, string>();
  /** Problems by file path, from the latest load (a file's own text, not its last good version). */
  problems = new Map<string, FactProblem[]>();
  /** Problems that belong to no loaded fact file (an unreadable folder), as messages. */
  otherProblems: string[] = [];
  private scanProblems: string[] = [];
  /** Roots that could not be read at the last reload: their files keep their last texts. */
  private missing = new Set<string>();
  /** Roots that were folders when last scanned. */
  private folders = new Set<string>();
  base: FactBase = { sources: new Map(), subjects: new Map(), metrics: new Map(), files: [] };
  /** Increases on every reload, so that caches keyed on the base can tell it changed. */
  generation = 0;

  /** Sets the fact base folders (or single files) and reads them from disk; forgets editor buffers. */
  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => resolve(r));
    this.disk.clear();
    // Editor buffers are set again by the caller for the open files inside the new roots.
    this.editor.clear();
    this.scanProblems = [];
    this.missing.clear();
    this.folders.clear();
    for (const root of this.roots) this.scan(root);
  }

  get rootPaths(): readonly string[] {
    return this.roots;
  }

  /** True for any path inside (or equal to) one of the fact base roots. */
  inRoots(path: string): boolean {
    const p = resolve(path);
    return this.roots.some((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep));
  }

  /** True for a YAML file inside one of the fact base roots. */
  contains(path: string): boolean {
    return isFactFileName(path) && this.inRoots(path);
  }

  /** Every fact file currently known, disk and editor. */
  files(): string[] {
    return [...new Set([...this.disk.keys(), ...this.editor.keys()])].sort();
  }

  /** An editor buffer of a fact file; undefined when it is closed (the disk version counts again). */
  setEditorText(path: string, text: string | undefined): void {
    if (text === undefined) this.editor.delete(path);
    else this.editor.set(path, text);
  }

  /** Re-reads one file from disk after it was created, changed or deleted. */
  refreshFromDisk(path: string): void {
    // A whole fact folder that went away (unmounted, renamed, unreadable) is not an edit: its
    // files keep their last texts until it is back (reload reports it meanwhile).
    const root = this.rootOf(path);
    if (root !== undefined && !readable(root, this.folders.has(root))) return;
    this.disk.delete(path);
    this.readInto(path);
  }

  /** The fact folder's place in the configured order: later folders override earlier ones. */
  private layerOf(path: string): number {
    const root = this.rootOf(path);
    return root === undefined ? 0 : this.roots.indexOf(root);
  }

  private rootOf(path: string): string | undefined {
    const p = resolve(path);
    return this.roots.find((r) => p === r || p.startsWith(r.endsWith(sep) ? r : r + sep));
  }

  /** Notes roots that can no longer be read, and reads again the ones that are back. */
  private checkRoots(): string[] {
    const messages: string[] = [];
    for (const root of this.roots) {
      if (!readable(root, this.folders.has(root))) {
        this.missing.add(root);
        messages.push(`cannot read fact base path ${root}: drafts are checked against the facts last loaded from it until it can be read again`);
      } else if (this.missing.delete(root)) {
        for (const path of [...this.disk.keys()]) if (this.rootOf(path) === root) this.disk.delete(path);
        this.scan(root);
      }
    }
    return messages;
  }

  /** Loads the base from the current texts, keeping the last good version of every file that fails. */
  reload(): void {
    const rootProblems = this.checkRoots();
    const current: FactFile[] = this.files().map((path) => ({ path, text: this.editor.get(path) ?? this.disk.get(path) ?? '', layer: this.layerOf(path) }));
    const first = loadFactFiles(current);
    const failing = new Set(first.problems.filter((p) => p.severity === 'error').map((p) => p.location.file));
    let { base, problems } = first;
    const substituted = current.map((f) => (failing.has(f.path) && this.lastGood.has(f.path) ? { ...f, text: this.lastGood.get(f.path)! } : f));
    if (substituted.some((f, i) => f !== current[i])) {
      const second = loadFactFiles(substituted);
      base = second.base;
      // A substituted file reports its current text's problems; the others what the final load says.
      problems = first.problems.filter((p) => failing.has(p.location.file)).concat(second.problems.filter((p) => !failing.has(p.location.file)));
    }
    for (const f of current) if (!failing.has(f.path)) this.lastGood.set(f.path, f.text);
    this.base = base;
    this.problems = new Map();
    this.otherProblems = [...this.scanProblems.filter((m) => !this.roots.some((r) => this.missing.has(r) && m.includes(r))), ...rootProblems];
    for (const f of current) this.problems.set(f.path, []);
    for (const p of problems) {
      const list = this.problems.get(p.location.file);
      if (list) list.push(p);
      else this.otherProblems.push(`${p.location.file}: ${p.message}`);
    }
    this.generation++;
  }

  private scan(path: string): void {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      this.scanProblems.push(`cannot read fact base path ${path}: ${(err as Error).message}`);
      return;
    }
    if (!isDir) {
      this.readInto(path);
      return;
    }
    if (this.roots.includes(path)) this.folders.add(path);
    const unreadable = (p: string, err: unknown) => this.scanProblems.push(`cannot read fact base folder ${p}: ${(err as Error).message}`);
    for (const p of factFilesIn(path, unreadable)) this.readInto(p);
  }

  private readInto(path: string): void {
    try {
      const st = statSync(path);
      if (st.size > MAX_FACT_FILE_BYTES) {
        this.scanProblems.push(`${path}: fact file is larger than ${MAX_FACT_FILE_CHARS / 1024 / 1024} MB; not loaded`);
        return;
      }
      this.disk.set(path, readFileSync(path, 'utf8'));
    } catch {
      // Deleted between the event and the read: it simply is no longer part of the base.
    }
  }
}
