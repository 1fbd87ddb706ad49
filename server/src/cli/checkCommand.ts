// factlint check [--facts DIR]... [--lang auto|en|de] [--format text|json|sarif] [--today YYYY-MM-DD] [--cache | --cache-dir DIR] FILE...
import { parseArgs } from 'node:util';
import { defaultCacheDir } from '../cacheFolder';
import { check } from '../core/check';
import { ConfigError, type FactlintSettings } from '../core/config';
import { claimSeverity, findings, type Finding } from '../core/findings';
import { LineIndex } from '../core/positions';
import type { CheckedClaim, LangSetting } from '../core/types';
import { inMetricUnit } from '../core/units';
import { writtenValue } from '../core/cite';
import { draftFormat, readDraft } from './drafts';
import { formatProblem, loadBaseForCli } from './factBaseOption';
import type { Io } from './io';
import { toSarif } from './sarif';

const FORMATS = ['text', 'json', 'sarif'] as const;
const LANGS: readonly LangSetting[] = ['auto', 'en', 'de'];

const CHECK_USAGE = 'usage: factlint check [--facts DIR]... [--lang auto|en|de] [--format text|json|sarif] [--strict] [--today YYYY-MM-DD] [--cache | --cache-dir DIR] FILE...';

export function runCheck(args: string[], io: Io, version: string): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        facts: { type: 'string', multiple: true, default: [] },
        lang: { type: 'string', default: '' },
        format: { type: 'string', default: 'text' },
        today: { type: 'string' },
        strict: { type: 'boolean', default: false },
        cache: { type: 'boolean', default: false },
        'cache-dir': { type: 'string' },
      },
    });
  } catch (err) {
    io.stderr(`factlint check: ${(err as Error).message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  const { values, positionals: files } = parsed;
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return usage(io, `unknown format "${values.format}"`);
  if (values.lang && !LANGS.includes(values.lang as LangSetting)) return usage(io, `unknown language "${values.lang}"`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) return usage(io, `--today takes a date YYYY-MM-DD, got "${values.today}"`);
  if (values['cache-dir'] === '') return usage(io, '--cache-dir takes a folder');
  if (files.length === 0) return usage(io, 'no files given');

  let loaded;
  try {
    const cacheDir = values['cache-dir'] ?? (values.cache ? defaultCacheDir() : undefined);
    loaded = loadBaseForCli(values.facts, process.cwd(), cacheDir);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  for (const p of loaded.problems) io.stderr(`${formatProblem(p)}\n`);
  if (errors.length > 0) {
    io.stderr(`factlint: the fact base has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was checked\n`);
    return 2;
  }

  const lang = (values.lang || loaded.settings.language) as LangSetting;
  const settings: FactlintSettings = { ...loaded.settings, strict: values.strict || loaded.settings.strict };
  let exit = 0;
  const reports: Report[] = [];
  for (const path of files) {
    const read = readDraft(path);
    if (!read.ok) {
      io.stderr(`${read.message}\n`);
      exit = 2;
      continue;
    }
    const result = check(read.text, loaded.base, { lang, format: draftFormat(path), today: values.today });
    const report = { path, text: read.text, claims: result.claims, findings: findings(result, settings) };
    reports.push(report);
    if (exit === 0 && report.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) exit = 1;
  }

  if (format === 'json') io.stdout(`${JSON.stringify({ files: reports.map((r) => toJson(r, settings)) })}\n`);
  else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(reports, version), null, 2)}\n`);
  else io.stdout(reports.map(toText).join(''));
  return exit;
}

interface Report {
  path: string;
  text: string;
  claims: CheckedClaim[];
  findings: Finding[];
}

function usage(io: Io, message: string): number {
  io.stderr(`factlint check: ${message}\n${CHECK_USAGE}\n`);
  return 2;
}

function toText(report: Report): string {
  const lines = new LineIndex(report.text);
  let out = '';
  for (const f of report.findings) {
    const p = lines.positionAt(f.start);
    out += `${report.path}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.message}\n`;
  }
  return out;
}

function toJson(report: Report, settings: FactlintSettings) {
  const lines = new LineIndex(report.text);
  return {
    path: report.path,
    claims: report.claims.map((checked) => {
      const { claim, verdict } = checked;
      const { figure, metric } = claim;
      const start = lines.positionAt(figure.start);
      const end = lines.positionAt(figure.end);
      const expected = verdict.expected;
      return {
        text: figure.text,
        start: figure.start,
        end: figure.end,
        line: start.line,
        character: start.character,
        endLine: end.line,
        endCharacter: end.character,
        value: figure.value,
        unit: figure.unit,
        metric: metric.id,
        verdict: verdict.kind,
        severity: claimSeverity(checked, settings) ?? null,
        message: verdict.message,
        expected: expected
          ? {
              value: expected.value / (inMetricUnit(figure, metric)?.factor ?? 1),
              text: writtenValue(figure, metric, expected),
              asOf: expected.when.start === expected.when.end ? expected.when.end : `${expected.when.start}/${expected.when.end}`,
              source: expected.sources[0],
            }
          : null,
      };
    }),
  };
}
