// The compiled fact base: one file that a newsroom's base of a million metrics loads from
// in well under a second, where parsing its YAML takes many minutes. It holds the cue and
// subject tries of factIndex.ts as raw typed arrays (read with one read call, no object
// per metric or per cue), sources and subjects as JSON, and every metric as a JSON record
// that is read from disk and parsed only when a cue in a draft names it. The loaded base is
// an ordinary FactBase whose `metrics` map fills itself on demand, so the checking code
// is the same for a base in memory and a compiled one.
//
// Layout: "FLCB0001" | index offset (float64) | metric records (UTF-8 JSON, back to back) |
// index: header length (uint32) | header JSON | sections, each 8-byte aligned.
import * as fs from 'node:fs';
import { IndexTablesBuilder, indexFromTables, registerFactIndex, type IndexTables } from './factIndex';
import type { PhraseTrie } from './phrases';
import type { FactBase, Lang, Metric, Source, Subject } from './types';

const MAGIC = 'FLCB0001';
const PRELUDE = 16;
const LANGS: readonly Lang[] = ['en', 'de'];
const TRIE_ARRAYS = ['edgeNode', 'edgeWord', 'edgeChild', 'valueStart', 'values', 'groups'] as const;

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
  const fd = fs.openSync(tmp, 'w');
  try {
    const builder = new IndexTablesBuilder();
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
      const json = JSON.stringify(metric);
      recordStarts.push(recordAt);
      recordAt += Buffer.byteLength(json, 'utf8');
      ids.push(metric.id);
      batch.push(json);
      batchChars += json.length;
      if (batchChars > 1 << 20) flush();
    }
    flush();
    recordStarts.push(recordAt);
    const index = encodeIndex(builder.build(), input, subjects, ids, recordStarts);
    fs.writeSync(fd, index, 0, index.length, at);
    const prelude = Buffer.alloc(PRELUDE);
    prelude.write(MAGIC, 0, 'latin1');
    prelude.writeDoubleLE(at, 8);
    fs.writeSync(fd, prelude, 0, PRELUDE, 0);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function encodeIndex(tables: IndexTables, input: CompileInput, subjects: Subject[], ids: string[], recordStarts: number[]): Buffer {
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
  const meta: Meta = { sources: [...input.sources], subjects, tries, subjectIds: tables.subjectIds };
  sections.push(['meta', Buffer.from(JSON.stringify(meta), 'utf8')]);
  // Metric ids, joined, with the char offset of each; an open-addressing table finds an id's number.
  const idText = ids.join('');
  const idStart = new Float64Array(ids.length + 1);
  let c = 0;
  ids.forEach((id, n) => {
    idStart[n] = c;
    c += id.length;
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
  sections.push(['idText', Buffer.from(idText, 'utf8')]);
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

/** The stamps a compiled base was made from, without loading it; undefined if the file is missing or no compiled base. */
export function compiledBaseStamps(file: string): FactFileStamp[] | undefined {
  try {
    return readIndex(file).header.files;
  } catch {
    return undefined;
  }
}

/** True when the compiled base was made from exactly these files as they are now (same paths, sizes and times). */
export function compiledBaseIsFresh(file: string, stamps: readonly FactFileStamp[]): boolean {
  const made = compiledBaseStamps(file);
  return (
    made !== undefined &&
    made.length === stamps.length &&
    made.every((m, i) => m.path === stamps[i].path && m.size === stamps[i].size && m.mtimeMs === stamps[i].mtimeMs)
  );
}

function readIndex(file: string): { header: Header; index: ArrayBuffer; base: number; recordsAt: number } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const prelude = Buffer.alloc(PRELUDE);
    if (size < PRELUDE || fs.readSync(fd, prelude, 0, PRELUDE, 0) !== PRELUDE || prelude.toString('latin1', 0, 8) !== MAGIC) {
      throw new CompiledBaseError(`${file}: not a compiled fact base (expected it to start with ${MAGIC})`);
    }
    const indexAt = prelude.readDoubleLE(8);
    if (!(indexAt >= PRELUDE && indexAt < size)) throw new CompiledBaseError(`${file}: damaged compiled fact base (index offset ${indexAt} outside the file)`);
    // A fresh ArrayBuffer is aligned, so typed arrays can view the sections in place.
    const index = new ArrayBuffer(size - indexAt);
    const view = new Uint8Array(index);
    for (let got = 0; got < view.length; ) {
      const n = fs.readSync(fd, view, got, view.length - got, indexAt + got);
      if (n === 0) throw new CompiledBaseError(`${file}: damaged compiled fact base (index cut short)`);
      got += n;
    }
    const headerLength = new DataView(index).getUint32(0, true);
    const header = JSON.parse(Buffer.from(index, 4, headerLength).toString('utf8')) as Header;
    return { header, index, base: align8(4 + headerLength), recordsAt: PRELUDE };
  } catch (err) {
    if (err instanceof CompiledBaseError) throw err;
    throw new CompiledBaseError(`${file}: cannot read compiled fact base: ${(err as Error).message}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Loads a compiled fact base. Metrics are read from the file when first asked for. Throws CompiledBaseError naming the file. */
export function loadCompiledBase(file: string): FactBase {
  const { header, index, base: at, recordsAt } = readIndex(file);
  const section = (name: string): [number, number] => {
    const s = header.sections[name];
    if (!s || at + s[0] + s[1] > index.byteLength) throw new CompiledBaseError(`${file}: damaged compiled fact base (section ${name})`);
    return [at + s[0], s[1]];
  };
  const int32 = (name: string) => {
    const [o, n] = section(name);
    return new Int32Array(index, o, n / 4);
  };
  const float64 = (name: string) => {
    const [o, n] = section(name);
    return new Float64Array(index, o, n / 8);
  };
  const utf8 = (name: string) => {
    const [o, n] = section(name);
    return Buffer.from(index, o, n).toString('utf8');
  };
  const meta = JSON.parse(utf8('meta')) as Meta;
  const trie = (name: string): PhraseTrie => ({
    words: meta.tries[name],
    edgeNode: int32(`${name}.edgeNode`),
    edgeWord: int32(`${name}.edgeWord`),
    edgeChild: int32(`${name}.edgeChild`),
    valueStart: int32(`${name}.valueStart`),
    values: int32(`${name}.values`),
    groups: int32(`${name}.groups`),
  });
  const tables: IndexTables = {
    cues: { en: trie('cues.en'), de: trie('cues.de') },
    subjects: { en: trie('subjects.en'), de: trie('subjects.de') },
    subjectIds: meta.subjectIds,
  };
  const metrics = new CompiledMetrics(file, header.metricCount, utf8('idText'), float64('idStart'), int32('idSlots'), float64('recordStart'), recordsAt);
  const base: FactBase = {
    sources: new Map(meta.sources.map((s) => [s.id, s])),
    subjects: new Map(meta.subjects.map((s) => [s.id, s])),
    metrics,
    files: header.files.map((f) => f.path),
  };
  registerFactIndex(base, indexFromTables(tables, base.subjects, (n) => metrics.at(n)));
  return base;
}

/**
 * The metrics of a compiled base: a read-only Map that reads a metric's record from the
 * file the first time it is asked for, and keeps it. Iterating reads them all.
 */
class CompiledMetrics extends Map<string, Metric> {
  constructor(
    private readonly file: string,
    private readonly count: number,
    private readonly idText: string,
    private readonly idStart: Float64Array,
    private readonly idSlots: Int32Array,
    private readonly recordStart: Float64Array,
    private readonly recordsAt: number,
  ) {
    super();
  }

  override get size(): number {
    return this.count;
  }

  private idAt(n: number): string {
    return this.idText.slice(this.idStart[n], this.idStart[n + 1]);
  }

  private numberOf(id: string): number {
    const mask = this.idSlots.length - 1;
    for (let s = hashId(id) & mask; this.idSlots[s] !== 0; s = (s + 1) & mask) {
      const n = this.idSlots[s] - 1;
      if (this.idAt(n) === id) return n;
    }
    return -1;
  }

  /** Metric number n (the order of the compile), read on first use. */
  at(n: number): Metric {
    const id = this.idAt(n);
    let metric = super.get(id);
    if (!metric) {
      const start = this.recordStart[n];
      const bytes = Buffer.alloc(this.recordStart[n + 1] - start);
      const fd = fs.openSync(this.file, 'r');
      try {
        fs.readSync(fd, bytes, 0, bytes.length, this.recordsAt + start);
      } finally {
        fs.closeSync(fd);
      }
      try {
        metric = JSON.parse(bytes.toString('utf8')) as Metric;
      } catch (err) {
        throw new CompiledBaseError(`${this.file}: damaged record of metric ${id}: ${(err as Error).message}`);
      }
      super.set(id, metric);
    }
    return metric;
  }

  override get(id: string): Metric | undefined {
    const n = this.numberOf(id);
    return n < 0 ? undefined : this.at(n);
  }

  override has(id: string): boolean {
    return this.numberOf(id) >= 0;
  }

  override *keys(): MapIterator<string> {
    for (let n = 0; n < this.count; n++) yield this.idAt(n);
  }

  override *values(): MapIterator<Metric> {
    for (let n = 0; n < this.count; n++) yield this.at(n);
  }

  override *entries(): MapIterator<[string, Metric]> {
    for (let n = 0; n < this.count; n++) yield [this.idAt(n), this.at(n)];
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
