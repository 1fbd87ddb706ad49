// The settings model shared by the language server and the CLI, and the optional
// workspace file `.factlintrc.json` that both honour. Editor settings use the same keys
// under the `factlint.` prefix; the file uses them without it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { findNodeAtLocation, getNodeValue, ParseErrorCode, parseTree, type ParseError } from 'jsonc-parser';
import { LineIndex } from './positions';
import type { LangSetting, Severity, VerdictKind } from './types';

/** The diagnostic rules, one per kind of finding. */
export const RULES = ['outdated-figure', 'conflicting-figure', 'unverifiable-figure', 'unsourced-figure'] as const;
export type RuleId = (typeof RULES)[number];
export type RuleSeverity = Severity | 'off';
export type RunMode = 'onType' | 'onSave';

export interface FactlintSettings {
  factBase: {
    /** Fact base folders or files. Empty means the default: the shipped facts plus a workspace `facts/` folder. */
    paths: string[];
  };
  language: LangSetting;
  severity: Record<RuleId, RuleSeverity>;
  /** Also report figures that look like facts but match no metric (`unsourced-figure`). */
  strict: boolean;
  run: RunMode;
  /** Language ids of the documents to check. */
  documentSelector: string[];
  /** Documents longer than this (UTF-16 code units) are not checked. */
  maxDocumentSize: number;
}

const CONFIG_FILE_NAME = '.factlintrc.json';

export function defaultSettings(): FactlintSettings {
  return {
    factBase: { paths: [] },
    language: 'auto',
    severity: {
      'outdated-figure': 'warning',
      'conflicting-figure': 'error',
      'unverifiable-figure': 'information',
      'unsourced-figure': 'information',
    },
    strict: false,
    run: 'onType',
    documentSelector: ['markdown', 'plaintext'],
    // Drafts of a few MB are checked (in slices, so the editor stays responsive); a 10 MB log is not.
    maxDocumentSize: 8_000_000,
  };
}

/** The rule a verdict is reported under; undefined for verdicts that are not findings. */
export function ruleOf(kind: VerdictKind): RuleId | undefined {
  switch (kind) {
    case 'outdated':
      return 'outdated-figure';
    case 'conflicting':
      return 'conflicting-figure';
    case 'unverifiable':
      return 'unverifiable-figure';
    default:
      return undefined;
  }
}

/** A settings value that does not fit the model: `path` names the key, e.g. "severity.outdated-figure". */
export interface SettingsProblem {
  path: string;
  message: string;
}

const SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];
const LANGUAGES: readonly LangSetting[] = ['auto', 'en', 'de'];
const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Lays `input` (settings as read from an editor or a config file, possibly partial or
 * wrong) over `base`. Keys left out or null keep the base value; wrong values are skipped
 * and reported, so one bad setting never disables the others.
 */
export function mergeSettings(base: FactlintSettings, input: unknown): { settings: FactlintSettings; problems: SettingsProblem[] } {
  const settings: FactlintSettings = {
    ...base,
    factBase: { paths: [...base.factBase.paths] },
    severity: { ...base.severity },
    documentSelector: [...base.documentSelector],
  };
  const problems: SettingsProblem[] = [];
  if (input === undefined || input === null) return { settings, problems };
  if (!isRecord(input)) {
    problems.push({ path: '', message: 'settings must be an object' });
    return { settings, problems };
  }
  const bad = (path: string, expected: string): void => {
    problems.push({ path, message: `expected ${expected}, got ${JSON.stringify(pick(input, path))}` });
  };
  for (const key of Object.keys(input)) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    switch (key) {
      case 'factBase':
        if (!isRecord(v)) bad(key, 'an object with "paths"');
        else if (v.paths !== undefined && v.paths !== null) {
          if (isStringArray(v.paths)) settings.factBase.paths = [...v.paths];
          else bad('factBase.paths', 'an array of paths');
        }
        break;
      case 'language':
        if (LANGUAGES.includes(v as LangSetting)) settings.language = v as LangSetting;
        else bad(key, LANGUAGES.map((x) => `"${x}"`).join(' | '));
        break;
      case 'severity':
        if (!isRecord(v)) {
          bad(key, 'an object of rule → severity');
          break;
        }
        for (const rule of Object.keys(v)) {
          if (!(RULES as readonly string[]).includes(rule)) {
            problems.push({ path: `severity.${rule}`, message: `unknown rule; known rules: ${RULES.join(', ')}` });
          } else if (v[rule] === undefined || v[rule] === null) {
            continue;
          } else if (SEVERITIES.includes(v[rule] as RuleSeverity)) {
            settings.severity[rule as RuleId] = v[rule] as RuleSeverity;
          } else {
            bad(`severity.${rule}`, SEVERITIES.map((x) => `"${x}"`).join(' | '));
          }
        }
        break;
      case 'strict':
        if (typeof v === 'boolean') settings.strict = v;
        else bad(key, 'true or false');
        break;
      case 'run':
        if (RUN_MODES.includes(v as RunMode)) settings.run = v as RunMode;
        else bad(key, RUN_MODES.map((x) => `"${x}"`).join(' | '));
        break;
      case 'documentSelector':
        if (isStringArray(v) && v.length > 0) settings.documentSelector = [...v];
        else bad(key, 'a non-empty array of language ids');
        break;
      case 'maxDocumentSize':
        if (typeof v === 'number' && Number.isInteger(v) && v > 0) settings.maxDocumentSize = v;
        else bad(key, 'a positive whole number');
        break;
      default:
        problems.push({ path: key, message: 'unknown setting' });
    }
  }
  return { settings, problems };
}

function pick(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = isRecord(cur) ? cur[part] : undefined;
  return cur;
}

/** The nearest `.factlintrc.json` in `dir` or a folder above it. */
export function findConfigFile(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    const candidate = join(cur, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** A config file that cannot be used; the message names the file, line and column. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** 1-based line and column of a UTF-16 offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const p = new LineIndex(text).positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

const JSON_ERRORS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.CommaExpected]: 'a comma is missing',
  [ParseErrorCode.ColonExpected]: 'a colon is missing',
  [ParseErrorCode.CloseBraceExpected]: 'a closing } is missing',
  [ParseErrorCode.CloseBracketExpected]: 'a closing ] is missing',
  [ParseErrorCode.PropertyNameExpected]: 'a property name in double quotes is expected',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the end',
};

/** A parse error in words a person reads at once: "unexpected \"t\"", "a comma is missing". */
function describeJsonError(text: string, error: ParseError | undefined): string {
  if (!error || error.offset >= text.length) return 'unexpected end of file';
  return JSON_ERRORS[error.error] ?? `unexpected ${JSON.stringify(text[error.offset])}`;
}

/**
 * Reads a config file's settings laid over `base`. Relative fact base paths are resolved
 * against the file's folder. Throws ConfigError (file, line, column) for bad JSON or bad values.
 */
export function parseConfigFile(file: string, text: string, base: FactlintSettings = defaultSettings()): FactlintSettings {
  // JSON with comments and trailing commas, as in VS Code's own settings files.
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const offset = errors[0]?.offset ?? 0;
    const { line, column } = lineColumn(text, offset);
    throw new ConfigError(file, line, column, `invalid JSON: ${describeJsonError(text, errors[0])}`);
  }
  const json: unknown = getNodeValue(tree);
  const { settings, problems } = mergeSettings(base, json);
  if (problems.length > 0) {
    const p = problems[0];
    // The key of the offending setting (its property node), or the file's start for the whole file.
    const node = p.path ? findNodeAtLocation(tree, p.path.split('.')) : undefined;
    const { line, column } = lineColumn(text, node?.parent?.offset ?? node?.offset ?? 0);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ConfigError(file, line, column, `${p.path ? `"${p.path}": ` : ''}${p.message}${more}`);
  }
  if (isRecord(json) && isRecord(json.factBase) && isStringArray(json.factBase.paths)) {
    const folder = dirname(file);
    settings.factBase.paths = settings.factBase.paths.map((p) => (isAbsolute(p) ? p : resolve(folder, p)));
  }
  return settings;
}

/** Reads the config file at `file` from disk (see parseConfigFile). */
export function loadConfigFile(file: string, base?: FactlintSettings): FactlintSettings {
  return parseConfigFile(file, readFileSync(file, 'utf8'), base);
}

/**
 * The fact base locations to load: the configured paths (relative ones against the
 * workspace folder), or by default the shipped facts plus each workspace folder's
 * `facts/` where it exists.
 */
export function factBasePaths(settings: FactlintSettings, workspaceFolders: string[], shippedDir: string): string[] {
  if (settings.factBase.paths.length > 0) {
    const root = workspaceFolders[0] ?? process.cwd();
    return settings.factBase.paths.map((p) => (isAbsolute(p) ? p : resolve(root, p)));
  }
  const paths = [shippedDir];
  for (const folder of workspaceFolders) {
    const facts = join(folder, 'facts');
    if (existsSync(facts) && resolve(facts) !== resolve(shippedDir)) paths.push(facts);
  }
  return paths;
}
