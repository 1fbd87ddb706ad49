// Loads the fact base from YAML fact files: parse (yaml), check the shape against
// facts/factlint.schema.json (ajv), convert to the domain types, then run the cross-file
// checks of factValidation. Every problem carries the exact place of the offending node.
// Each file is parsed on its own (and reused while its text is unchanged); ids meet when
// the files join, where the first definition wins.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, Node, Pair } from 'yaml';
import validateFactFile from './generated/factFileValidator';
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq } from './lazyLibraries';
import { asOfRange, periodRange } from './dates';
import { factFileLayout, SECTIONS, type Section } from './factItems';
import { duplicateIdProblem, validateFactBaseSteps } from './factValidation';
import { runToEnd, type Steps } from './steps';
import { qualifierApprox } from './qualifiers';
import type {
  DateRange, FactBase, FactProblem, Lang, Location, Metric, Observation, Source, Subject,
} from './types';

export interface FactFile {
  path: string;
  text: string;
  /**
   * Which fact folder the file comes from, in the order the folders were given (default 0).
   * An id defined in a later folder replaces the same id from an earlier one — a
   * workspace's facts/ may copy and update the shipped facts — while the same id twice in
   * one folder is an error.
   */
  layer?: number;
}

/** Files above this size are reported instead of parsed: a fact file that big is a mistake. */
export const MAX_FACT_FILE_CHARS = 10 * 1024 * 1024;
/** Aliases a file may expand; more is a resource-exhaustion attack ("billion laughs"), not data. */
const MAX_ALIAS_COUNT = 100;

// The schema compiled at build time (scripts/factValidator.mjs), with all errors of a file
// and, for each, the failing schema, whose description turns into the message.
const validateFile = validateFactFile as unknown as ValidateFunction;

const SINGULAR: Record<Section, string> = { sources: 'source', subjects: 'subject', metrics: 'metric' };

/** Plain data as the YAML holds it, after the schema check. */
type Data = Record<string, any>;

/** What one fact file holds before it joins the others, and its own problems: plain data, the same for the same path and text. */
export interface ParsedFile {
  sources: Source[];
  subjects: Subject[];
  metrics: Metric[];
  problems: FactProblem[];
}

/**
 * Parses kept between processes (the language server keeps them in its cache folder): a load
 * asks for a file's parse before parsing it, and hands over each parse it had to make.
 */
export interface ParseCache {
  get(file: FactFile): ParsedFile | undefined;
  parsed(file: FactFile, parsed: ParsedFile): void;
}

/**
 * The files of the previous load with what they held. The language server reloads the whole
 * base on every edit of one fact file: unchanged files are taken from here instead of parsed
 * again. Their objects are shared between the bases returned, which callers treat as read-only.
 */
let lastParsed = new Map<string, { text: string; parsed: ParsedFile }>();

export interface LoadedFactBase {
  base: FactBase;
  problems: FactProblem[];
}

/** Parses and validates fact files that are already in memory (the language server passes editor buffers). Never throws. */
export function loadFactFiles(files: FactFile[], cache?: ParseCache): LoadedFactBase {
  return runToEnd(loadFactFilesSteps(files, cache));
}

/** loadFactFiles in steps: a step per file parsed or taken from a cache, then validateFactBaseSteps's. */
export function* loadFactFilesSteps(files: FactFile[], cache?: ParseCache): Steps<LoadedFactBase> {
  const base: FactBase = { sources: new Map(), subjects: new Map(), metrics: new Map(), files: [] };
  const problems: FactProblem[] = [];
  const parsedNow = new Map<string, { text: string; parsed: ParsedFile }>();
  const layers = new Map<object, number>();
  // Earlier folders first, so that a later folder's definitions replace theirs.
  for (const file of [...files].sort((a, b) => (a.layer ?? 0) - (b.layer ?? 0))) {
    yield;
    base.files.push(file.path);
    const cached = lastParsed.get(file.path);
    let parsed = cached && cached.text === file.text ? cached.parsed : cache?.get(file);
    if (!parsed) {
      // A file being fixed in an editor stays broken over most keystrokes: while its last parse
      // found YAML or schema problems, it is parsed whole at once, not item by item first.
      parsed = parseFactFile(file, cached?.parsed.problems.some((p) => p.code === 'yaml' || p.code === 'schema') === true);
      cache?.parsed(file, parsed);
    }
    parsedNow.set(file.path, { text: file.text, parsed });
    for (const p of parsed.problems) problems.push(p);
    const layer = file.layer ?? 0;
    for (const x of parsed.sources) add(base.sources, layers, 'source', x, layer, problems);
    for (const x of parsed.subjects) add(base.subjects, layers, 'subject', x, layer, problems);
    for (const x of parsed.metrics) add(base.metrics, layers, 'metric', x, layer, problems);
  }
  lastParsed = parsedNow;
  for (const p of yield* validateFactBaseSteps(base)) problems.push(p);
  return { base, problems };
}

/**
 * Adds a definition: one from a later fact folder replaces the earlier folder's; within one
 * folder the first definition wins and the later one is reported with both places.
 */
function add<T extends { id: string; location: Location }>(
  map: Map<string, T>, layers: Map<object, number>, kind: 'source' | 'subject' | 'metric', item: T, layer: number, problems: FactProblem[],
): void {
  const prev = map.get(item.id);
  if (prev && (layers.get(prev) ?? 0) >= layer) {
    problems.push(duplicateIdProblem(kind, item.id, prev.location, item.location));
    return;
  }
  map.set(item.id, item);
  layers.set(item, layer);
}

function parseFactFile(file: FactFile, whole: boolean): ParsedFile {
  if (file.text.length > MAX_FACT_FILE_CHARS) return { sources: [], subjects: [], metrics: [], problems: [tooLarge(file.path)] };
  try {
    return (whole ? undefined : parseFactFileByItems(file)) ?? parseFactFileWhole(file);
  } catch (err) {
    // A bug or an input the yaml package chokes on must not take the language server down.
    return { sources: [], subjects: [], metrics: [], problems: [{ severity: 'error', code: 'internal', message: `could not load this file: ${String(err)}`, location: fileStart(file.path) }] };
  }
}

/** Reads every *.yaml / *.yml file under the given directories (recursively, sorted, skipping node_modules and dot-folders), then loadFactFiles. Unreadable dirs/files become problems, not exceptions. */
export function loadFactBase(dirs: string[]): { base: FactBase; problems: FactProblem[] } {
  const files: FactFile[] = [];
  const problems: FactProblem[] = [];
  const unreadable = (p: string, err: unknown) =>
    problems.push({ severity: 'error', code: 'io', message: `cannot read ${p}: ${(err as Error).message}`, location: fileStart(p) });
  dirs.forEach((dir, layer) => {
    for (const p of factFilesIn(dir, unreadable)) {
      try {
        if (fs.statSync(p).size > MAX_FACT_FILE_BYTES) {
          problems.push(tooLarge(p));
          continue;
        }
        files.push({ path: p, text: fs.readFileSync(p, 'utf8'), layer });
      } catch (err) {
        unreadable(p, err);
      }
    }
  });
  const loaded = loadFactFiles(files);
  return { base: loaded.base, problems: problems.concat(loaded.problems) };
}

/** A UTF-8 file has at least a third as many UTF-16 units as bytes: beyond this it is too large for sure. */
export const MAX_FACT_FILE_BYTES = MAX_FACT_FILE_CHARS * 3;

export function isFactFileName(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

/**
 * The fact files in a folder and its subfolders, in name order, skipping dot-folders and
 * node_modules. The CLI and the language server read fact folders through this one walk.
 */
export function factFilesIn(dir: string, unreadable: (path: string, err: unknown) => void): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (err) {
      unreadable(folder, err);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(folder, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(p);
      } else if (isFactFileName(e.name)) {
        found.push(p);
      }
    }
  };
  walk(dir);
  return found;
}

/** The fact folder that ships with factlint (resolved relative to the bundle/out file, works from out/ (tsc) and dist/ (esbuild bundle)). */
export function shippedFactsDir(): string {
  // out/server/src/core/ and dist/ sit at different depths below the package root: walk up
  // to the first facts/ folder holding sources.yaml (tsc also copies the imported schema
  // to out/facts/, which holds no facts).
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'facts');
    if (fs.existsSync(path.join(candidate, 'sources.yaml'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(__dirname, '..', 'facts');
    dir = up;
  }
}

// ------------------------------------------------------------------ one file

function tooLarge(file: string): FactProblem {
  return { severity: 'error', code: 'too-large', message: `fact file is larger than ${MAX_FACT_FILE_CHARS / 1024 / 1024} MB; split it`, location: fileStart(file) };
}

function fileStart(file: string): Location {
  return { file, line: 0, character: 0, endLine: 0, endCharacter: 0 };
}

/** Turns offsets into Locations of one file. */
class Locator {
  /** `offset`: where the text parsed starts in the file (an item parsed alone). */
  constructor(readonly file: string, private readonly lines: LineCounter, private readonly offset = 0) {}
  at(start: number, end: number): Location {
    const a = this.lines.linePos(start + this.offset);
    const b = this.lines.linePos(end + this.offset);
    return { file: this.file, line: a.line - 1, character: a.col - 1, endLine: b.line - 1, endCharacter: b.col - 1 };
  }
  /** The node's own text; for a mapping, its first entry (`id: x`), not the whole block. */
  node(n: Node | null | undefined, fallback: Location): Location {
    if (!n || !n.range) return fallback;
    if (isMap(n) && n.items.length > 0) {
      const first = n.items[0] as Pair<Node, Node>;
      const start = first.key?.range?.[0] ?? n.range[0];
      const end = first.value?.range?.[1] ?? first.key?.range?.[1] ?? n.range[1];
      return this.at(start, end);
    }
    return this.at(n.range[0], n.range[1]);
  }
}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, schema: 'core' } as const;

/** A fact file parsed as one document: any file, with every problem placed. */
export function parseFactFileWhole(file: FactFile): ParsedFile {
  const out: ParsedFile = { sources: [], subjects: [], metrics: [], problems: [] };
  const problems = out.problems;
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, ...PARSE_OPTIONS });
  const loc = new Locator(file.path, lines);
  for (const w of doc.warnings) {
    problems.push({ severity: 'warning', code: 'yaml', message: firstLine(w.message), location: loc.at(w.pos[0], w.pos[1]) });
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({ severity: 'error', code: 'yaml', message: `invalid YAML: ${firstLine(e.message)}`, location: loc.at(e.pos[0], e.pos[1]) });
    }
    return out;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The yaml package throws here only when aliases expand too much (a "billion laughs" file).
    const bomb = /alias/i.test((err as Error).message);
    const message = bomb
      ? `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} times); fact files must not use alias bombs`
      : `cannot read the YAML data: ${(err as Error).message}`;
    problems.push({ severity: 'error', code: 'yaml', message, location: loc.node(doc.contents, fileStart(file.path)) });
    return out;
  }
  if (data === null || data === undefined) return out; // an empty file (or only comments) holds no facts

  // Items with a schema error are reported and skipped; their siblings still load.
  const bad: Record<Section, Set<number>> = { sources: new Set(), subjects: new Set(), metrics: new Set() };
  const badSection = new Set<string>();
  if (!validateFile(data)) {
    for (const e of relevantErrors(validateFile.errors ?? [])) {
      const segs = pointer(e.instancePath);
      if (segs.length >= 2) bad[segs[0] as Section]?.add(Number(segs[1]));
      else if (segs.length === 1) badSection.add(segs[0]);
      else badSection.add('');
      problems.push(schemaProblem(e, segs, doc, data as Data, loc));
    }
  }
  if (badSection.has('') || typeof data !== 'object' || Array.isArray(data)) return out;

  const root = doc.contents;
  for (const section of SECTIONS) {
    const list = (data as Data)[section];
    if (!Array.isArray(list) || badSection.has(section)) continue;
    const seq = isMap(root) ? resolve(doc, root.get(section, true) as Node | undefined) : undefined;
    const itemNodes = isSeq(seq) ? seq.items : [];
    for (let i = 0; i < list.length; i++) {
      const node = resolve(doc, itemNodes[i] as Node | undefined);
      if (bad[section].has(i)) {
        if (section === 'metrics') problems.push(notLoaded(list[i]?.id ?? `number ${i + 1}`, loc.node(node, fileStart(file.path))));
        continue;
      }
      addItem(out, section, list[i], node, doc, loc);
    }
  }
  return out;
}

/**
 * A fact file of the plain layout (factItems.ts) parsed item by item, each item's tree garbage
 * as soon as the item is converted: for 10,000 metrics in YAML, 38% less time and a third of
 * the memory. The same ParsedFile as parseFactFileWhole's (tests hold the two to it); undefined
 * where an item alone has any YAML error or warning or fails the schema, so that the whole
 * file's parse says what is wrong where. Sections come in SECTIONS order, so problems come
 * in the whole parse's order too.
 */
export function parseFactFileByItems(file: FactFile): ParsedFile | undefined {
  const layout = factFileLayout(file.text);
  if (!layout) return undefined;
  const lines = new LineCounter();
  for (const start of layout.lineStarts) lines.addNewLine(start);
  const parsed: ParsedFile = { sources: [], subjects: [], metrics: [], problems: [] };
  for (const item of layout.items) {
    const doc = parseDocument(file.text.slice(item.start, item.end), PARSE_OPTIONS);
    if (doc.errors.length > 0 || doc.warnings.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== 1) return undefined;
    let list: unknown;
    try {
      list = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return undefined;
    }
    if (!validateFile({ [item.section]: list })) return undefined;
    const node = resolve(doc, doc.contents.items[0] as Node | undefined);
    addItem(parsed, item.section, (list as Data[])[0], node, doc, new Locator(file.path, lines, item.start));
  }
  return parsed;
}

/** Converts one item of a section that passed the schema check. */
function addItem(out: ParsedFile, section: Section, d: Data, node: Node | undefined, doc: Document, loc: Locator): void {
  const where = loc.node(node, fileStart(loc.file));
  if (section === 'sources') addSource(out, d, where, isMap(node) ? loc.node(node.get('published', true) as Node | undefined, where) : where);
  else if (section === 'subjects') addSubject(out, d, where);
  else addMetric(out, d, node, where, doc, loc);
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

function resolve(doc: Document, n: Node | null | undefined): Node | undefined {
  if (!n) return undefined;
  return isAlias(n) ? ((n.resolve(doc) as Node | undefined) ?? undefined) : n;
}

// ------------------------------------------------------------------ conversion

function addSource(out: ParsedFile, d: Data, location: Location, publishedAt: Location): void {
  const s: Source = {
    id: d.id,
    title: d.title,
    publisher: d.publisher,
    published: String(d.published),
    publishedEstimated: d.publishedEstimated === true,
    language: d.language,
    location,
  };
  if (d.url !== undefined) s.url = d.url;
  if (d.editionOf !== undefined) s.editionOf = d.editionOf;
  if (d.note !== undefined) s.note = d.note;
  const date = asOfRange(s.published);
  if (typeof date === 'string') {
    out.problems.push({ severity: 'error', code: 'date', message: `source "${s.id}" has an impossible "published" date: ${date}`, location: publishedAt });
    return;
  }
  out.sources.push(s);
}

function addSubject(out: ParsedFile, d: Data, location: Location): void {
  const s: Subject = { id: d.id, names: { en: d.names.en, de: d.names.de }, location };
  if (d.parent !== undefined) s.parent = d.parent;
  out.subjects.push(s);
}

function addMetric(
  out: ParsedFile, d: Data, node: Node | undefined, location: Location, doc: Document, loc: Locator,
): void {
  const problems = out.problems;
  const id: string = d.id;
  const obsSeq = isMap(node) ? resolve(doc, node.get('observations', true) as Node | undefined) : undefined;
  const obsNodes = isSeq(obsSeq) ? obsSeq.items : [];
  const observations: Observation[] = [];
  let ok = true;
  for (let i = 0; i < d.observations.length; i++) {
    const o: Data = d.observations[i];
    const oNode = resolve(doc, obsNodes[i] as Node | undefined);
    const where = loc.node(oNode, location);
    const fieldAt = (key: string) => loc.node(isMap(oNode) ? (oNode.get(key, true) as Node | undefined) : undefined, where);
    if (!Number.isFinite(o.value)) {
      problems.push({ severity: 'error', code: 'schema', message: `metric "${id}" observation ${i + 1}: value must be a finite number, got ${String(o.value)}`, location: fieldAt('value') });
      ok = false;
      continue;
    }
    const whenKey = o.asOf !== undefined ? 'asOf' : 'period';
    const whenText = String(o[whenKey]);
    const when: DateRange | string = whenKey === 'asOf' ? asOfRange(whenText) : periodRange(whenText);
    if (typeof when === 'string') {
      problems.push({ severity: 'error', code: 'date', message: `metric "${id}" observation ${i + 1}: impossible ${whenKey}: ${when}`, location: fieldAt(whenKey) });
      ok = false;
      continue;
    }
    const obs: Observation = {
      metricId: id,
      index: i,
      value: o.value,
      when,
      whenLabel: o.whenLabel ?? (whenKey === 'asOf' ? `as of ${whenText}` : whenText.replace('/', '–')),
      whenEstimated: o.estimated === true,
      expectation: o.expectation === true,
      sources: o.sources ?? [o.source],
      quote: o.quote,
      location: where,
    };
    if (o.of !== undefined) obs.of = o.of;
    // The schema admits only qualifiers that the prose table knows, so the lookup cannot miss.
    if (o.qualifier !== undefined) obs.qualifier = { text: o.qualifier, approx: qualifierApprox(o.qualifier, 'en')! };
    if (o.locator !== undefined) obs.locator = o.locator;
    if (o.note !== undefined) obs.note = o.note;
    observations.push(obs);
  }
  if (!ok) {
    problems.push(notLoaded(id, location));
    return;
  }
  const m: Metric = {
    id,
    subject: d.subject,
    measure: d.measure,
    unit: d.unit,
    cues: { en: d.cues.en ?? [], de: d.cues.de ?? [] } as Record<Lang, string[]>,
    observations,
    location,
  };
  if (d.change === true) m.change = true;
  if (d.note !== undefined) m.note = d.note;
  out.metrics.push(m);
}

/** Said where a metric is dropped, so that checks relying on it are not silently lost. */
function notLoaded(id: string, location: Location): FactProblem {
  return { severity: 'error', code: 'metric-not-loaded', message: `metric "${id}" is not loaded because of the problems in it`, location };
}

// ------------------------------------------------------------------ schema errors

/** JSON Pointer segments of an ajv instancePath. */
function pointer(p: string): string[] {
  if (p === '') return [];
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Drops the per-branch errors of a failed oneOf: the oneOf error itself says it better. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => !e.schemaPath.includes('/oneOf/'));
}

/** Names the item an error is in, e.g. `metric "chongqing.x" observation 2`. */
function context(segs: string[], data: Data): string {
  if (segs.length < 2) return 'fact file';
  const section = segs[0] as Section;
  const item = data[section]?.[Number(segs[1])];
  const id = item && typeof item === 'object' && typeof item.id === 'string' ? ` "${item.id}"` : ` ${Number(segs[1]) + 1}`;
  let s = `${SINGULAR[section] ?? section}${id}`;
  if (segs[2] === 'observations' && segs.length >= 4) s += ` observation ${Number(segs[3]) + 1}`;
  return s;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', integer: 'a whole number', string: 'text', boolean: 'true or false',
  array: 'a list', object: 'a mapping', 'string,integer': 'text in quotes',
};

function schemaProblem(e: ErrorObject, segs: string[], doc: Document, data: Data, loc: Locator): FactProblem {
  const ctx = context(segs, data);
  // The field's name as a reader sees it: the keys below the item ("cues.en"), not list indexes.
  const fieldSegs = (segs.length < 2 ? segs : segs.slice(segs[2] === 'observations' ? 4 : 2)).filter((s) => !/^\d+$/.test(s));
  const field = fieldSegs.length ? `"${fieldSegs.join('.')}"` : ctx;
  const node = resolve(doc, segs.length ? (doc.getIn(segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), true) as Node | undefined) : doc.contents ?? undefined);
  const fallback: Location = { file: loc.file, line: 0, character: 0, endLine: 0, endCharacter: 0 };
  let location = loc.node(node, fallback);
  const p = e.params as Record<string, any>;
  const desc = (e.parentSchema as { description?: string } | undefined)?.description;
  let message: string;
  switch (e.keyword) {
    case 'type':
      message = `${field} must be ${TYPE_WORDS[String(p.type)] ?? String(p.type)}, got ${show(e.data)}`;
      if (String(p.type) === 'string,integer') message = `${field} must be ${desc ?? 'text'}, got ${show(e.data)}`;
      break;
    case 'required':
      message = `${ctx} is missing "${p.missingProperty}"`;
      break;
    case 'additionalProperties': {
      message = fieldSegs.length ? `unknown key "${p.additionalProperty}" in ${field}` : `unknown key "${p.additionalProperty}"`;
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && it.key.value === p.additionalProperty);
        if (pair && isScalar(pair.key)) location = loc.node(pair.key, location);
      }
      break;
    }
    case 'oneOf': {
      const names = (e.schema as Array<{ required: string[] }>).map((b) => `"${b.required[0]}"`);
      message = p.passingSchemas
        ? `${ctx} has both ${names.join(' and ')}; give exactly one`
        : `${ctx} needs one of ${names.join(' or ')}`;
      break;
    }
    case 'enum':
      message = `${field} must be one of ${(e.schema as string[]).map((s) => `"${s}"`).join(', ')}, got ${show(e.data)}`;
      break;
    case 'minItems':
      message = `${field} must list at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
      break;
    case 'minLength':
      message = `${field} must not be empty`;
      break;
    case 'pattern':
    case 'minimum':
    case 'maximum':
      message = `${field} must be ${desc ?? `matching ${String(e.schema)}`}, got ${show(e.data)}`;
      break;
    default:
      message = `${field} ${e.message ?? 'is invalid'}`;
  }
  if (segs.length >= 2 && !message.startsWith(ctx)) message = `${ctx}: ${message}`;
  return { severity: 'error', code: 'schema', message, location };
}
