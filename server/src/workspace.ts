// Drafts in the workspace that are not open in the editor, for find references and the
// "check all drafts" command. Open documents count with their unsaved text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check } from './core/check';
import type { ServerContext } from './context';
import { pathToUri } from './convert';
import { formatOf, type Analysis } from './documents';

/** File name endings read as drafts, with the language id an editor would give them. */
const DRAFT_EXTENSIONS: Array<[string, string]> = [
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.txt', 'plaintext'],
];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist']);
/** A workspace scan stops here: a huge tree is not a folder of drafts. */
const MAX_FILES = 5000;

function draftFiles(root: string, found: string[]): void {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (found.length >= MAX_FILES) return;
    const p = join(root, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) draftFiles(p, found);
    } else if (DRAFT_EXTENSIONS.some(([ext]) => e.name.toLowerCase().endsWith(ext))) {
      found.push(p);
    }
  }
}

/** Checks every draft in the workspace folders plus every open draft. */
export async function checkWorkspace(ctx: ServerContext): Promise<Analysis[]> {
  await ctx.ready;
  const results: Analysis[] = [];
  const seen = new Set<string>();
  for (const doc of ctx.documents.all()) {
    const a = await ctx.drafts.analyse(doc);
    seen.add(doc.uri);
    if (a) results.push(a);
  }
  const files: string[] = [];
  for (const folder of ctx.workspaceFolders()) draftFiles(folder, files);
  for (const path of files) {
    const uri = pathToUri(path);
    // Files among the facts (their README) are documentation, not drafts.
    if (seen.has(uri) || ctx.store.inRoots(path)) continue;
    seen.add(uri);
    const settings = await ctx.settings.get(uri);
    let text: string;
    try {
      if (statSync(path).size > settings.maxDocumentSize * 4) continue;
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const languageId = DRAFT_EXTENSIONS.find(([ext]) => path.toLowerCase().endsWith(ext))![1];
    const doc = TextDocument.create(uri, languageId, 0, text);
    if (!ctx.drafts.isDraft(doc, settings) || text.length > settings.maxDocumentSize) continue;
    const format = formatOf(doc);
    const result = check(text, ctx.store.base, { lang: settings.language, format });
    results.push({ doc, version: 0, format, settings, result, generation: ctx.store.generation });
  }
  return results;
}
