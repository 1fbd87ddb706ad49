// `factlint figures`: lists the figures found in files, as text or JSON (the contract the
// peer specs and tests use: start/end UTF-16 offsets, end exclusive; values in plain units).
import { findFigures } from '../core/figures';
import { detectLanguage } from '../core/language';
import { LineIndex } from '../core/positions';
import { maskMarkup } from '../core/prose';
import type { Figure, Lang, LangSetting } from '../core/types';
import { draftFormat, readDraft } from './drafts';
import type { Io } from './io';

export function runFigures(args: string[], io: Io): number {
  let lang: LangSetting = 'auto';
  let format: 'text' | 'json' = 'text';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--lang' || a === '--format') {
      const v = args[++i];
      if (a === '--lang' && (v === 'auto' || v === 'en' || v === 'de')) lang = v;
      else if (a === '--format' && (v === 'text' || v === 'json')) format = v;
      else return usage(io, `${a} needs ${a === '--lang' ? 'auto, en or de' : 'text or json'}, got ${v === undefined ? 'nothing' : `"${v}"`}`);
    } else if (a.startsWith('--')) return usage(io, `unknown option ${a}`);
    else files.push(a);
  }
  if (files.length === 0) return usage(io, 'no FILE given');
  let code = 0;
  const results: Array<{ path: string; figures: Figure[]; text: string }> = [];
  for (const file of files) {
    // Read as `check` reads drafts: text files only, strict UTF-8, a clear message otherwise.
    const read = readDraft(file);
    if (!read.ok) {
      io.stderr(`factlint figures: ${read.message}\n`);
      code = 2;
      continue;
    }
    const text = read.text;
    // Markdown markup (code, links, front matter) is masked to spaces; offsets stay the file's.
    const masked = maskMarkup(text, draftFormat(file));
    const figures: Figure[] = [];
    for (const [start, end] of paragraphs(masked)) {
      const l: Lang = lang === 'auto' ? detectLanguage(masked, start, end) : lang;
      figures.push(...findFigures(masked, l, start, end));
    }
    results.push({ path: file, figures, text });
  }
  if (format === 'json') {
    io.stdout(JSON.stringify({
      files: results.map((r) => ({
        path: r.path,
        figures: r.figures.map((f) => ({ text: f.text, start: f.start, end: f.end, value: f.value, unit: f.unit, kind: f.kind, approx: f.approx })),
      })),
    }) + '\n');
  } else {
    for (const r of results) {
      const lines = new LineIndex(r.text);
      for (const f of r.figures) {
        const at = lines.positionAt(f.start);
        io.stdout(`${r.path}:${at.line + 1}:${at.character + 1}  ${f.text}  ${f.value} ${f.unit ?? '-'} ${f.kind}\n`);
      }
    }
  }
  return code;
}

function usage(io: Io, problem: string): number {
  io.stderr(`factlint figures: ${problem}\nusage: factlint figures [--lang auto|en|de] [--format text|json] FILE...\n`);
  return 2;
}

/**
 * Paragraphs: runs of text separated by blank lines. Unlike prose.findParagraphs, blocks
 * without letters count too: a line that is only "192." still holds a figure to list.
 */
function paragraphs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\n') {
      let j = i + 1;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      if (j < text.length && text[j] === '\n') {
        out.push([start, i]);
        while (j < text.length && (text[j] === '\n' || text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
        start = j;
        i = j;
        continue;
      }
    }
    i++;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}
