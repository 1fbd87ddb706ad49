// The compiled fact base: one file that a newsroom's base of a million metrics loads from
// in well under a second, where parsing its YAML takes many minutes. It holds the cue and
// subject tries of factIndex.ts as raw typed arrays (read with one read call, no object
// per metric or per cue), sources and subjects as JSON, and every metric as a JSON record
// that is read from disk and parsed only when a cue in a draft names it. The loaded base is
// an ordinary FactBase whose `metrics` map fills itself on demand, so the checking code
// is the same for a base in memory and a compiled one.
//
// Layout: "FLCB0002" | index offset (float64) | metric records (UTF-8 JSON, back to back) |
// index: header length (uint32) | header JSON | sections, each 8-byte aligned. A load reads
// the header and the sections a check needs; the id and record tables are read on first use.
import * as fs from 'node:fs';
import { IndexTablesBuilder, indexFromTables, registerFactIndex, type IndexTables } from './factIndex';
import type { PhraseTrie } from './phrases';
import { METRICS_PER_STEP, type Steps } from './steps';
import type { FactBase, Lang, Location, Metric, Observation, Source, Subject } from './types';

const MAGIC = 'FLCB0002';
const PRELUDE = 16;
/** Metric records up to this many bytes in all are read in one go on first use, not one file read each. */
const READ_RECORDS_WHOLE = 8 << 20;
const LANGS: readonly Lang[] = ['en', 'de'];
const TRIE_ARRAYS = ['edgeNode', 'edgeWord', 'edgeChild', 'valueStart', 'values', 'groupOf'] as const;

/** A fact file as the compiled base was made from it: a cache is fresh while these match. */
export interface FactFileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/** What a compile reads: the parts of a FactBase, metrics as any iterable (a generator streams them). */
export interface CompileInput {
  sources: Iterable<Source>;
  subjects: Iterable<Subject>;
  metrics: Iterable<Metric>;
  files: FactFileStamp[];
}

interface Header {
  files: FactFileStamp[];
  metricCount: number;
  /** Section name → [offset from the index start, byte length]. */
  sections: Record<string, [number, number]>;
}

interface Meta {
  sources: Source[];
  subjects: Subject[];
  tries: Record<string, string[]>;
  subjectIds: string[];
  /** The files that metric records' locations name, by number. */
  locationFiles: string[];
}

/** A location in a record: the file's number in Meta.locationFiles, then line, character, endLine, endCharacter. */
type StoredLocation = [number, number, number, number, number];
type StoredObservation = Omit<Observation, 'metricId' | 'index' | 'location'> & { location: StoredLocation };
/**
 * A metric as its record holds it: each observation without what the record implies (its
 * metric's id, its index) and every location's file as a number. A newsroom's base names
 * the same few hundred file paths in millions of locations; records are about a quarter smaller.
 */
type StoredMetric = Omit<Metric, 'observations' | 'location'> & { observations: StoredObservation[]; location: StoredLocation };

/** Numbers for the files that locations name, in the order first met. */
class LocationFiles {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();

  store(l: Location): StoredLocation {
    let n = this.numbers.get(l.file);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(l.file);
      this.numbers.set(l.file, n);
    }
    return [n, l.line, l.character, l.endLine, l.endCharacter];
  }
}

function storedMetric(m: Metric, files: LocationFiles): StoredMetric {
  // Spreads keep the order of the keys, so that a metric read back serialises as it was written.
  return {
    ...m,
    observations: m.observations.map(({ metricId: _id, index: _index, ...o }) => ({ ...o, location: files.store(o.location) })),
    location: files.store(m.location),
  };
}

function readMetric(r: StoredMetric, files: readonly string[]): Metric {
  const location = (l: StoredLocation): Location => {
    const file = files[l[0]];
    if (file === undefined) throw new Error(`location names file number ${l[0]}, which the base does not list`);
    return { file, line: l[1], character: l[2], endLine: l[3], endCharacter: l[4] };
  };
  return {
    ...r,
    observations: r.observations.map((o, index): Observation => ({ metricId: r.id, index, ...o, location: location(o.location) })),
    location: location(r.location),
  };
}

/** The stamps of fact files as they are on disk now. */
export function factFileStamps(paths: readonly string[]): FactFileStamp[] {
  return paths.map((p) => {
    const st = fs.statSync(p);
    return { path: p, size: st.size, mtimeMs: st.mtimeMs };
  });
}

/** FNV-1a over UTF-16 code units: the slot of a metric id in the id table. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Writes the compiled form of a fact base to `file`, streaming the metrics (first definition of an id wins). */
export function compileFactBase(input: CompileInput, file: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeCompiled(input, tmp);
  } catch (err) {
    // A failed write (disk full, a metric that cannot be serialised) leaves no half file behind.
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.renameSync(tmp, file);
}

function writeCompiled(input: CompileInput, tmp: string): void {
  const fd = fs.openSync(tmp, 'w');
  try {
    const builder = new IndexTablesBuilder();
    const locationFiles = new LocationFiles();
    const subjects = [...input.subjects];
    for (const s of subjects) builder.addSubject(s);
    let at = PRELUDE;
    const recordStarts: number[] = [];
    const ids: string[] = [];
    const seen = new Set<string>();
    // Records are written in batches: one write call per metric costs more than the JSON.
    let batch: string[] = [];
    let batchChars = 0;
    const flush = () => {
      const bytes = Buffer.from(batch.join(''), 'utf8');
      fs.writeSync(fd, bytes, 0, bytes.length, at);
      at += bytes.length;
      batch = [];
      batchChars = 0;
    };
    let recordAt = 0;
    for (const metric of input.metrics) {
      if (seen.has(metric.id)) continue;
      seen.add(metric.id);
      builder.addMetric(metric);
      const json = JSON.stringify(storedMetric(metric, locationFiles));
      recordStarts.push(recordAt);
      recordAt += Buffer.byteLength(json, 'utf8');
      ids.push(metric.id);
      batch.push(json);
      batchChars += json.length;
      if (batchChars > 1 << 20) flush();
    }
    flush();
    recordStarts.push(recordAt);
    const index = encodeIndex(builder.build(), input, subjects, ids, recordStarts, locationFiles.list);
    fs.writeSync(fd, index, 0, index.length, at);
    const prelude = Buffer.alloc(PRELUDE);
    prelude.write(MAGIC, 0, 'latin1');
    prelude.writeDoubleLE(at, 8);
    fs.writeSync(fd, prelude, 0, PRELUDE, 0);
  } finally {
    fs.closeSync(fd);
  }
}

function encodeIndex(tables: IndexTables, input: CompileInput, subjects: Subject[], ids: string[], recordStarts: number[], locationFiles: string[]): Buffer {
  const sections: Array<[string, Uint8Array]> = [];
  const tries: Record<string, string[]> = {};
  const addTrie = (name: string, trie: PhraseTrie) => {
    tries[name] = trie.words;
    for (const key of TRIE_ARRAYS) sections.push([`${name}.${key}`, new Uint8Array(trie[key].buffer, trie[key].byteOffset, trie[key].byteLength)]);
  };
  for (const lang of LANGS) {
    addTrie(`cues.${lang}`, tables.cues[lang]);
    addTrie(`subjects.${lang}`, tables.subjects[lang]);
  }
  const meta: Meta = { sources: [...input.sources], subjects, tries, subjectIds: tables.subjectIds, locationFiles };
  sections.push(['meta', Buffer.from(JSON.stringify(meta), 'utf8')]);
  // Metric ids, joined, with the byte offset of each; an open-addressing table finds an id's number.
  const idBytes = Buffer.from(ids.join(''), 'utf8');
  const idStart = new Float64Array(ids.length + 1);
  let c = 0;
  ids.forEach((id, n) => {
    idStart[n] = c;
    c += Buffer.byteLength(id, 'utf8');
  });
  idStart[ids.length] = c;
  let capacity = 2;
  while (capacity < ids.length * 2) capacity *= 2;
  const slots = new Int32Array(capacity);
  ids.forEach((id, n) => {
    let s = hashId(id) & (capacity - 1);
    while (slots[s] !== 0) s = (s + 1) & (capacity - 1);
    slots[s] = n + 1;
  });
  sections.push(['idText', idBytes]);
  sections.push(['idStart', new Uint8Array(idStart.buffer)]);
  sections.push(['idSlots', new Uint8Array(slots.buffer)]);
  sections.push(['recordStart', new Uint8Array(Float64Array.from(recordStarts).buffer)]);

  const header: Header = { files: input.files, metricCount: ids.length, sections: {} };
  let offset = 0;
  for (const [name, bytes] of sections) {
    header.sections[name] = [offset, bytes.length];
    offset = align8(offset + bytes.length);
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const base = align8(4 + headerBytes.length);
  const out = Buffer.alloc(base + offset);
  out.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(out, 4);
  for (const [name, bytes] of sections) out.set(bytes, base + header.sections[name][0]);
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Thrown for a file that is not a compiled fact base (or a damaged one); the message names the file. */
export class CompiledBaseError extends Error {}

/** The stamps a compiled base was made from, without loading it. Throws CompiledBaseError naming the file. */
export function readCompiledBaseStamps(file: string): FactFileStamp[] {
  const compiled = CompiledFile.open(file);
  compiled.close();
  const files = compiled.header.files;
  if (!Array.isArray(files)) throw new CompiledBaseError(`${file}: damaged compiled fact base (no list of fact files)`);
  return files;
}

/** True when the stamps a compiled base was made from are these (same paths, in the same order, sizes and times). */
export function stampsMatch(made: readonly FactFileStamp[], stamps: readonly FactFileStamp[]): boolean {
  return made.length === stamps.length && made.every((m, i) => m.path === stamps[i].path && m.size === stamps[i].size && m.mtimeMs === stamps[i].mtimeMs);
}

/**
 * A compiled base file: its header, and its sections read one at a time (each into its own,
 * aligned buffer). The file stays open for as long as anything can read from it: another
 * server may replace the cache file, or a tidy-up remove it, while this one still reads
 * metrics from it on demand, and an open file keeps the contents it was opened with.
 */
class CompiledFile {
  /** All metric records, for a base small enough to hold them (READ_RECORDS_WHOLE). */
  private records: Buffer | undefined;

  private constructor(
    readonly file: string,
    readonly header: Header,
    private readonly fd: number,
    private readonly sectionsAt: number,
    private readonly size: number,
    /** Where the records end (the index starts). */
    private readonly recordsEnd: number,
  ) {
    OPEN_FILES.register(this, fd, this);
  }

  static open(file: string): CompiledFile {
    const fd = reading(file, () => fs.openSync(file, 'r'));
    try {
      const size = reading(file, () => fs.fstatSync(fd).size);
      const prelude = size >= PRELUDE ? readAt(file, fd, PRELUDE, 0, size) : Buffer.alloc(PRELUDE);
      if (prelude.toString('latin1', 0, 8) !== MAGIC) throw new CompiledBaseError(`${file}: not a compiled fact base (expected it to start with ${MAGIC})`);
      const indexAt = prelude.readDoubleLE(8);
      if (!(indexAt >= PRELUDE && indexAt + 4 <= size)) throw new CompiledBaseError(`${file}: damaged compiled fact base (index offset ${indexAt} outside the file)`);
      const headerLength = readAt(file, fd, 4, indexAt, size).readUInt32LE(0);
      let header: Header;
      try {
        header = JSON.parse(readAt(file, fd, headerLength, indexAt + 4, size).toString('utf8')) as Header;
      } catch (err) {
        throw new CompiledBaseError(`${file}: damaged compiled fact base (header: ${(err as Error).message})`);
      }
      const sectionsAt = indexAt + align8(4 + headerLength);
      // A cut file is reported now, not when a section it lost is first read.
      const end = Math.max(0, ...Object.values(header.sections ?? {}).map(([o, n]) => o + n));
      if (sectionsAt + end > size) throw new CompiledBaseError(`${file}: damaged compiled fact base (cut short)`);
      return new CompiledFile(file, header, fd, sectionsAt, size, indexAt);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  /** Closes the file now, for a reader that needs no more than the header. */
  close(): void {
    OPEN_FILES.unregister(this);
    fs.closeSync(this.fd);
  }

  /** The bytes of a section, in a fresh ArrayBuffer (so typed arrays can view it in place). */
  section(name: string): ArrayBuffer {
    const s = this.header.sections?.[name];
    if (!s) throw new CompiledBaseError(`${this.file}: damaged compiled fact base (no section ${name})`);
    // readAt's buffer owns its whole ArrayBuffer (allocUnsafeSlow): no copy needed.
    return readAt(this.file, this.fd, s[1], this.sectionsAt + s[0], this.size).buffer as ArrayBuffer;
  }

  /** Bytes of the metric records, from `start` (relative to the first record). */
  record(start: number, length: number): Buffer {
    const all = this.recordsEnd - PRELUDE;
    if (all <= READ_RECORDS_WHOLE) {
      this.records ??= readAt(this.file, this.fd, all, PRELUDE, this.size);
      if (start + length > all) throw new CompiledBaseError(`${this.file}: damaged compiled fact base (a record ends after the records)`);
      return this.records.subarray(start, start + length);
    }
    return readAt(this.file, this.fd, length, PRELUDE + start, this.size);
  }
}

/** Closes the file of a compiled base once nothing can read from it any more. */
const OPEN_FILES = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Closed already: nothing to do.
  }
});

/** A call of the file system, its error turned into a CompiledBaseError naming the file. */
function reading<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new CompiledBaseError(`${file}: cannot read compiled fact base: ${(err as Error).message}`);
  }
}

/** Exactly `length` bytes at `position`, or a CompiledBaseError: a cut file must not read as zeros. */
function readAt(file: string, fd: number, length: number, position: number, size: number): Buffer {
  if (position + length > size) throw new CompiledBaseError(`${file}: damaged compiled fact base (cut short)`);
  const out = Buffer.allocUnsafeSlow(length);
  for (let got = 0; got < length; ) {
    const n = reading(file, () => fs.readSync(fd, out, got, length - got, position + got));
    if (n === 0) throw new CompiledBaseError(`${file}: damaged compiled fact base (cut short)`);
    got += n;
  }
  return out;
}

/**
 * Every metric record of a compiled base read once and dropped, in steps, so that a damaged
 * one is found without keeping a million metrics in memory; throws CompiledBaseError naming
 * the file. Nothing to do for a base held in memory.
 */
export function* verifyCompiledBaseSteps(base: FactBase): Steps<void> {
  if (base.metrics instanceof CompiledMetrics) yield* base.metrics.verifySteps();
}

/** Loads a compiled fact base. Metrics are read from the file when first asked for. Throws CompiledBaseError naming the file. */
export function loadCompiledBase(file: string): FactBase {
  const compiled = CompiledFile.open(file);
  let meta: Meta;
  let tables: IndexTables;
  try {
    meta = JSON.parse(Buffer.from(compiled.section('meta')).toString('utf8')) as Meta;
    const trie = (name: string): PhraseTrie => ({
      words: meta.tries[name],
      edgeNode: new Int32Array(compiled.section(`${name}.edgeNode`)),
      edgeWord: new Int32Array(compiled.section(`${name}.edgeWord`)),
      edgeChild: new Int32Array(compiled.section(`${name}.edgeChild`)),
      valueStart: new Int32Array(compiled.section(`${name}.valueStart`)),
      values: new Int32Array(compiled.section(`${name}.values`)),
      groupOf: new Int32Array(compiled.section(`${name}.groupOf`)),
    });
    tables = {
      cues: { en: trie('cues.en'), de: trie('cues.de') },
      subjects: { en: trie('subjects.en'), de: trie('subjects.de') },
      subjectIds: meta.subjectIds,
    };
  } catch (err) {
    if (err instanceof CompiledBaseError) throw err;
    throw new CompiledBaseError(`${file}: damaged compiled fact base (index: ${(err as Error).message})`);
  }
  const metrics = new CompiledMetrics(compiled, meta.locationFiles);
  const base: FactBase = {
    sources: new Map(meta.sources.map((s) => [s.id, s])),
    subjects: new Map(meta.subjects.map((s) => [s.id, s])),
    metrics,
    files: compiled.header.files.map((f) => f.path),
  };
  registerFactIndex(base, indexFromTables(tables, base.subjects, (n) => metrics.at(n)));
  return base;
}

/**
 * The metrics of a compiled base: a read-only Map that reads a metric's record from the
 * file the first time it is asked for, and keeps it. Iterating reads them all.
 */
class CompiledMetrics extends Map<string, Metric> {
  private readonly byNumber = new Map<number, Metric>();
  private recordStart: Float64Array | undefined;
  private ids: { bytes: Buffer; start: Float64Array; slots: Int32Array } | undefined;

  constructor(
    private readonly compiled: CompiledFile,
    private readonly locationFiles: readonly string[],
  ) {
    super();
  }

  override get size(): number {
    return this.compiled.header.metricCount;
  }

  /** The id tables, read on first use (a check never needs them: it goes by number). */
  private idTables(): { bytes: Buffer; start: Float64Array; slots: Int32Array } {
    this.ids ??= {
      bytes: Buffer.from(this.compiled.section('idText')),
      start: new Float64Array(this.compiled.section('idStart')),
      slots: new Int32Array(this.compiled.section('idSlots')),
    };
    return this.ids;
  }

  private idAt(n: number): string {
    const { bytes, start } = this.idTables();
    return bytes.toString('utf8', start[n], start[n + 1]);
  }

  private numberOf(id: string): number {
    const { slots } = this.idTables();
    const mask = slots.length - 1;
    for (let s = hashId(id) & mask; slots[s] !== 0; s = (s + 1) & mask) {
      const n = slots[s] - 1;
      if (this.idAt(n) === id) return n;
    }
    return -1;
  }

  /** Metric number n (the order of the compile), read on first use. */
  at(n: number): Metric {
    let metric = this.byNumber.get(n);
    if (!metric) {
      metric = this.read(n);
      this.byNumber.set(n, metric);
    }
    return metric;
  }

  private read(n: number): Metric {
    this.recordStart ??= new Float64Array(this.compiled.section('recordStart'));
    const start = this.recordStart[n];
    const bytes = this.compiled.record(start, this.recordStart[n + 1] - start);
    try {
      return readMetric(JSON.parse(bytes.toString('utf8')) as StoredMetric, this.locationFiles);
    } catch (err) {
      throw new CompiledBaseError(`${this.compiled.file}: damaged record of metric number ${n}: ${(err as Error).message}`);
    }
  }

  /** Reads every record once, keeping none: a damaged one throws CompiledBaseError. A step per METRICS_PER_STEP. */
  *verifySteps(): Steps<void> {
    for (let n = 0; n < this.size; n++) {
      if (n % METRICS_PER_STEP === 0) yield;
      if (!this.byNumber.has(n)) this.read(n);
    }
  }

  override get(id: string): Metric | undefined {
    const n = this.numberOf(id);
    return n < 0 ? undefined : this.at(n);
  }

  override has(id: string): boolean {
    return this.numberOf(id) >= 0;
  }

  override *keys(): MapIterator<string> {
    for (let n = 0; n < this.size; n++) yield this.idAt(n);
  }

  override *values(): MapIterator<Metric> {
    for (let n = 0; n < this.size; n++) yield this.at(n);
  }

  override *entries(): MapIterator<[string, Metric]> {
    for (let n = 0; n < this.size; n++) yield [this.idAt(n), this.at(n)];
  }
  override [Symbol.iterator](): MapIterator<[string, Metric]> {
    return this.entries();
  }

  override forEach(f: (value: Metric, key: string, map: Map<string, Metric>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) f.call(thisArg, v, k, this);
  }

  override set(): this {
    throw new TypeError('the metrics of a compiled fact base are read-only');
  }

  override delete(): boolean {
    throw new TypeError('the metrics of a compiled fact base are read-only');
  }

  override clear(): void {
    throw new TypeError('the metrics of a compiled fact base are read-only');
  }
}
