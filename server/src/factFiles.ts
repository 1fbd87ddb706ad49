// The fact base as the server sees it: the fact files on disk, overlaid with the ones
// open in the editor (their unsaved text wins). A file that stops loading (bad YAML, bad
// shape) is reported where it is, and its last good version stays in the base, so that a
// half-typed edit never wipes out the facts the drafts are checked against.
//
// Parsing and validating the YAML is most of the server's start, so the first load after
// setRoots may come from a cache instead: the compiled form (core/compiledBase.ts) of the
// same files, made by an earlier clean load. It is used only when no fact file open in the
// editor differs from its file on disk, every root was read, and every file still has the
// size and time it had when the cache was made; anything else, or any error reading it,
// takes the YAML path. On that path each file's parse is kept too (ParseCache, by the hash of
// its path and text): after a change between sessions only the changed files are parsed again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { markUsed, pruneCacheFolder, writeWhole } from './cacheFolder';
import { compileFactBase, loadCompiledBase, readCompiledBaseStamps, stampsMatch, verifyCompiledBaseSteps, type FactFileStamp } from './core/compiledBase';
import { factFilesIn, isFactFileName, loadFactFilesSteps, MAX_FACT_FILE_BYTES, MAX_FACT_FILE_CHARS, type FactFile, type ParseCache, type ParsedFile } from './core/factBase';
import { factIndexSteps } from './core/factIndex';
import { runToEnd, type Steps } from './core/steps';
import type { FactBase, FactProblem } from './core/types';
import { version as VERSION } from '../../package.json';
import schema from '../../facts/factlint.schema.json';

/** Caches kept per cache folder: each set of roots has its own, and old ones are removed. */
const MAX_CACHES = 16;
const CACHE_EXT = '.flcb';
/** Parses of single fact files, in the subfolder PARSED_DIR: the most recently used are kept. */
const MAX_PARSED = 4096;
const PARSED_DIR = 'parsed';
const PARSED_EXT = '.parsed.json';

/**
 * What a cache depends on besides the roots: the version, the schema, and the size of the
 * running code, so that a development rebuild that changes how YAML becomes metrics (without
 * a version change) almost always makes a new cache. Hashing the code itself was measured at
 * 5–8 ms of the start: too much for what it adds.
 */
function codeId(): string {
  return (codeKey ??= JSON.stringify([VERSION, schema, statSync(__filename).size]));
}
let codeKey: string | undefined;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

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
  /**
   * Disk files as read: their bytes until their text is first asked for. A start from the
   * compiled cache asks for none, and decoding is most of reading (100,000 metrics of YAML:
   * 124–140 ms as text, 16–40 ms as bytes).
   */
  private disk = new Map<string, string | Buffer>();
  private editor = new Map<string, string>();
  /** The last text of each file that loaded without errors (its bytes, after a start from the cache). */
  private lastGood = new Map<string, string | Buffer>();
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
  /** Size and time of each disk file as read (taken before the read; absent if it changed while read). */
  private stamps = new Map<string, FactFileStamp>();
  private cacheDir: string | undefined;
  /** The cache file of the current roots; undefined when caching is off. */
  cacheFile: string | undefined;
  /** What the next reload does with the cache: the first after setRoots may load from it; the one after a damaged cache replaces it. */
  private cacheNext: 'serve' | 'replace' | undefined;
  /** After a clean YAML load: the stamps to write the cache with, while the base is that load's. */
  private cacheToWrite: { generation: number; stamps: FactFileStamp[] } | undefined;
  /** True while the base reads metrics from the cache file on demand. */
  loadedFromCache = false;
  /** Parses of disk files made by loads since the last settleCache, by the file they are kept in. */
  private parsedToWrite = new Map<string, ParsedFile>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  /** Turns the cache on (in this folder) or off (undefined); takes effect at the next setRoots. */
  useCache(dir: string | undefined): void {
    this.cacheDir = dir;
  }

  /** Sets the fact base folders (or single files) and reads them from disk; forgets editor buffers. */
  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => resolve(r));
    this.cacheFile = this.cacheDir === undefined ? undefined : this.cacheFileOf(this.cacheDir);
    this.cacheNext = this.cacheFile === undefined ? undefined : 'serve';
    this.stamps.clear();
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

  /**
   * An editor buffer of a fact file; undefined when it is closed (the disk version counts
   * again). Returns whether the text the base is loaded from changed: opening a file as it is
   * on disk, or closing one that was saved, changes nothing and needs no reload.
   */
  setEditorText(path: string, text: string | undefined): boolean {
    const before = this.textOf(path);
    if (text === undefined) this.editor.delete(path);
    else this.editor.set(path, text);
    return this.textOf(path) !== before;
  }

  private textOf(path: string): string | undefined {
    return this.editor.get(path) ?? this.diskText(path);
  }

  /** A disk file's text, decoded from its bytes the first time it is asked for. */
  private diskText(path: string): string | undefined {
    const read = this.disk.get(path);
    if (read === undefined || typeof read === 'string') return read;
    const text = read.toString('utf8');
    this.disk.set(path, text);
    return text;
  }

  /** Whether an editor buffer differs from its file on disk: the base is then not the files' own. */
  private editedInEditor(): boolean {
    for (const [path, text] of this.editor) if (this.diskText(path) !== text) return true;
    return false;
  }

  /**
   * Fact files that are not on disk as they were read: changed, added or removed since. For a
   * watcher that starts after the first load. Files too large to load are left out (still too large).
   */
  changedOnDisk(): string[] {
    const now = new Set<string>();
    for (const root of this.roots) {
      if (this.folders.has(root)) for (const p of factFilesIn(root, () => {})) now.add(p);
      else if (isFile(root)) now.add(root);
    }
    const changed: string[] = [];
    for (const path of now) {
      const s = this.stamps.get(path);
      try {
        const st = statSync(path);
        if (!s ? this.disk.has(path) || st.size <= MAX_FACT_FILE_BYTES : s.size !== st.size || s.mtimeMs !== st.mtimeMs) changed.push(path);
      } catch {
        changed.push(path);
      }
    }
    for (const path of this.disk.keys()) if (!now.has(path)) changed.push(path);
    return changed;
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
    runToEnd(this.reloadSteps());
  }

  /**
   * The same load in steps (a file parsed, a few hundred metrics validated or indexed), for a
   * server that answers other requests in between: drafts are checked against the current
   * base until the new one and its index are ready. The texts are those at the first step;
   * the store changes at the last, and not at all if setRoots was called meanwhile. Returns
   * whether the load took effect.
   */
  *reloadSteps(): Steps<boolean> {
    const roots = this.roots;
    const rootProblems = this.checkRoots();
    const files = this.files().map((path) => ({ path, layer: this.layerOf(path) }));
    const cacheNext = this.cacheNext;
    const stamps = cacheNext && !this.editedInEditor() && rootProblems.length === 0 && this.scanProblems.length === 0 ? this.stampsOf(files) : undefined;
    this.cacheNext = undefined;
    this.cacheToWrite = undefined;
    if (stamps && cacheNext === 'serve' && this.loadCache(files, stamps)) return true;
    const current: FactFile[] = files.map((f) => ({ ...f, text: this.textOf(f.path) ?? '' }));
    const parses = this.parseCache();
    const first = yield* loadFactFilesSteps(current, parses);
    const failing = new Set(first.problems.filter((p) => p.severity === 'error').map((p) => p.location.file));
    let { base, problems } = first;
    const substituted = current.map((f) => {
      const good = failing.has(f.path) ? this.lastGood.get(f.path) : undefined;
      return good === undefined ? f : { ...f, text: typeof good === 'string' ? good : good.toString('utf8') };
    });
    if (substituted.some((f, i) => f !== current[i])) {
      const second = yield* loadFactFilesSteps(substituted, parses);
      base = second.base;
      // A substituted file reports its current text's problems; the others what the final load says.
      problems = first.problems.filter((p) => failing.has(p.location.file)).concat(second.problems.filter((p) => !failing.has(p.location.file)));
    }
    yield* factIndexSteps(base);
    if (this.roots !== roots) return false;
    for (const f of current) if (!failing.has(f.path)) this.lastGood.set(f.path, f.text);
    this.base = base;
    this.loadedFromCache = false;
    this.problems = new Map();
    this.otherProblems = [...this.scanProblems.filter((m) => !this.roots.some((r) => this.missing.has(r) && m.includes(r))), ...rootProblems];
    for (const f of current) this.problems.set(f.path, []);
    for (const p of problems) {
      const list = this.problems.get(p.location.file);
      if (list) list.push(p);
      else this.otherProblems.push(`${p.location.file}: ${p.message}`);
    }
    this.generation++;
    if (stamps && problems.length === 0 && this.otherProblems.length === 0) this.cacheToWrite = { generation: this.generation, stamps };
    if (parses?.reused) this.log(`fact files: ${parses.reused} of ${current.length} parses taken from the cache`);
    return true;
  }

  /**
   * Parses kept in the cache folder, for the texts on disk (an editor buffer that differs is
   * mostly a half-typed version, parsed once and then forgotten); undefined when caching is off.
   */
  private parseCache(): (ParseCache & { reused: number }) | undefined {
    if (this.cacheFile === undefined) return undefined;
    const dir = join(dirname(this.cacheFile), PARSED_DIR);
    // A file's text is hashed once: when its parse is asked for, and again for the same file when one is handed over.
    const entries = new Map<FactFile, string>();
    const entry = (f: FactFile) => {
      if (f.text !== this.diskText(f.path)) return undefined;
      let file = entries.get(f);
      if (file === undefined) {
        file = join(dir, createHash('sha1').update(JSON.stringify([codeId(), f.path])).update('\0').update(f.text).digest('hex') + PARSED_EXT);
        entries.set(f, file);
      }
      return file;
    };
    const cache = {
      reused: 0,
      get: (f: FactFile): ParsedFile | undefined => {
        const file = entry(f);
        if (file === undefined || !existsSync(file)) return undefined;
        try {
          const parsed = JSON.parse(readFileSync(file, 'utf8')) as ParsedFile;
          if (![parsed.sources, parsed.subjects, parsed.metrics, parsed.problems].every(Array.isArray)) return undefined;
          cache.reused++;
          markUsed(file);
          return parsed;
        } catch {
          // Cut short or damaged: parsed again, and written again.
          return undefined;
        }
      },
      parsed: (f: FactFile, parsed: ParsedFile) => {
        const file = entry(f);
        // A parse that failed inside (code "internal") may not fail next time: not kept.
        if (file !== undefined && !parsed.problems.some((p) => p.code === 'internal')) this.parsedToWrite.set(file, parsed);
      },
    };
    return cache;
  }

  /** The cache of the current roots for this code: its name hashes both, roots in order. */
  private cacheFileOf(dir: string): string | undefined {
    try {
      const key = createHash('sha1').update(JSON.stringify([this.roots, codeId()])).digest('hex');
      return join(dir, key + CACHE_EXT);
    } catch (err) {
      this.log(`fact base cache off: cannot read the running code (${(err as Error).message})`);
      return undefined;
    }
  }

  /** The stamps of the files in the order a load joins them (by layer, then path), or undefined if one is unsettled. */
  private stampsOf(current: ReadonlyArray<{ path: string; layer: number }>): FactFileStamp[] | undefined {
    const ordered = [...current].sort((a, b) => a.layer - b.layer);
    const out: FactFileStamp[] = [];
    for (const f of ordered) {
      const s = this.stamps.get(f.path);
      if (!s) return undefined;
      out.push(s);
    }
    return out;
  }

  /** The base from a fresh cache; false (and a log line for a damaged one) when it cannot serve. */
  private loadCache(current: ReadonlyArray<{ path: string }>, stamps: FactFileStamp[]): boolean {
    const file = this.cacheFile!;
    if (!existsSync(file)) return false;
    let base: FactBase;
    try {
      if (!stampsMatch(readCompiledBaseStamps(file), stamps)) return false;
      base = loadCompiledBase(file);
    } catch (err) {
      this.log(`fact base cache not used: ${(err as Error).message}`);
      return false;
    }
    markUsed(file);
    // The cache is only written from a load without problems: every text is a good one. No
    // file is open in the editor with other text (editedInEditor), so the disk's is each one's.
    for (const f of current) this.lastGood.set(f.path, this.disk.get(f.path)!);
    this.base = base;
    this.problems = new Map(current.map((f) => [f.path, []]));
    this.otherProblems = [];
    this.generation++;
    this.loadedFromCache = true;
    return true;
  }

  /** True while settleCache has work: a cache or parses to write, or a cached base to verify. */
  get cacheUnsettled(): boolean {
    return (this.cacheToWrite !== undefined && this.cacheToWrite.generation === this.generation) || this.loadedFromCache || this.parsedToWrite.size > 0;
  }

  /**
   * Work left after the first diagnostics, off the start path: writes the cache after a
   * clean YAML load (atomically: a reader sees the old file or the new one), or reads every
   * metric record of a cached base once, keeping none, to find a damaged one before a check
   * does (the base keeps its file open, so another server may replace it meanwhile). Returns
   * true when the cached base turned out damaged: the caller reloads (from YAML, which then
   * replaces the cache).
   */
  settleCache(): boolean {
    return runToEnd(this.settleCacheSteps());
  }

  /** settleCache in steps (a few hundred records verified each); false at once if a reload replaced the cached base meanwhile. */
  *settleCacheSteps(): Steps<boolean> {
    this.writeParses();
    const write = this.cacheToWrite;
    this.cacheToWrite = undefined;
    if (this.loadedFromCache) {
      const generation = this.generation;
      try {
        const steps = verifyCompiledBaseSteps(this.base);
        for (let step = steps.next(); !step.done; step = steps.next()) {
          yield;
          if (this.generation !== generation) return false;
        }
      } catch (err) {
        if (this.generation !== generation) return false;
        this.loadedFromCache = false;
        this.log(`fact base cache not used: ${(err as Error).message}`);
        this.cacheNext = 'replace';
        return true;
      }
      this.loadedFromCache = false;
      return false;
    }
    if (!write || write.generation !== this.generation || !this.cacheFile || !this.cacheDir) return false;
    try {
      mkdirSync(this.cacheDir, { recursive: true });
      const { sources, subjects, metrics } = this.base;
      compileFactBase({ sources: sources.values(), subjects: subjects.values(), metrics: metrics.values(), files: write.stamps }, this.cacheFile);
      pruneCacheFolder(this.cacheDir, (name) => name.endsWith(CACHE_EXT), MAX_CACHES);
      this.log(`fact base cache written: ${this.cacheFile}`);
    } catch (err) {
      this.log(`fact base cache not written: ${(err as Error).message}`);
    }
    return false;
  }

  /** Keeps the parses of the loads since the last call, each whole or not at all. */
  private writeParses(): void {
    if (this.parsedToWrite.size === 0) return;
    const parses = this.parsedToWrite;
    this.parsedToWrite = new Map();
    let written = 0;
    try {
      for (const [file, parsed] of parses) {
        writeWhole(file, JSON.stringify(parsed));
        written++;
      }
      for (const dir of new Set([...parses.keys()].map((file) => dirname(file)))) pruneCacheFolder(dir, (name) => name.endsWith(PARSED_EXT), MAX_PARSED);
      this.log(`fact file parses written: ${written}`);
    } catch (err) {
      this.log(`fact file parses not written (${written} of ${parses.size} were): ${(err as Error).message}`);
    }
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
      this.disk.set(path, readFileSync(path));
      // Stamped as it was before the read, and only if unchanged after it: a file written
      // meanwhile makes the cache unusable for this load, never wrong.
      const after = statSync(path);
      if (after.size === st.size && after.mtimeMs === st.mtimeMs) this.stamps.set(path, { path, size: st.size, mtimeMs: st.mtimeMs });
      else this.stamps.delete(path);
    } catch {
      this.stamps.delete(path);
      // Deleted between the event and the read: it simply is no longer part of the base.
    }
  }
}
