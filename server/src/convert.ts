// Mapping between the core's plain data (offsets, file paths, zero-based Locations,
// severities) and LSP types (positions, URIs, ranges).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Location as LspLocation, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Severity } from './core/types';

export function pathToUri(path: string): string {
  // Every diagnostic of every keystroke points into a fact file: the few fact file URIs are made once.
  let uri = uris.get(path);
  if (uri === undefined) {
    if (uris.size >= MAX_CACHED_URIS) uris.clear();
    uris.set(path, (uri = pathToFileURL(path).toString()));
  }
  return uri;
}
const uris = new Map<string, string>();
const MAX_CACHED_URIS = 10_000;

/** The file system path of a file: URI; undefined for other schemes (untitled:, vscode-notebook-cell:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function offsetRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function locationRange(loc: Location): Range {
  return { start: { line: loc.line, character: loc.character }, end: { line: loc.endLine, character: loc.endCharacter } };
}

export function toLspLocation(loc: Location): LspLocation {
  return { uri: pathToUri(loc.file), range: locationRange(loc) };
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

/** Whether two ranges share at least one position (touching counts, as a cursor does). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
