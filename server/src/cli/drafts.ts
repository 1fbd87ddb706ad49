// Reading drafts given on the command line: text files only, decoded strictly as UTF-8,
// so that a binary file or another encoding gets a clear message instead of nonsense.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

export type DraftRead = { ok: true; text: string } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readDraft(path: string): DraftRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    return { ok: false, message: `${path}: cannot read: ${why}` };
  }
  if (bytes.includes(0)) return { ok: false, message: `${path}: not a text file (it contains NUL bytes); skipped` };
  try {
    let text = utf8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    return { ok: false, message: `${path}: not valid UTF-8 text; skipped` };
  }
}

/** Markdown unless the file is plainly plain text. */
export function draftFormat(path: string): 'markdown' | 'plaintext' {
  const ext = extname(path).toLowerCase();
  return ext === '.txt' || ext === '.text' ? 'plaintext' : 'markdown';
}
