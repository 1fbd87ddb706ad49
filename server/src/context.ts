// What every feature handler of the server may use.
import { LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Drafts } from './documents';
import type { FactStore } from './factFiles';
import type { Settings } from './settings';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  drafts: Drafts;
  store: FactStore;
  settings: Settings;
  /** Resolves once the fact base has been loaded for the first time. */
  ready: Promise<void>;
  workspaceFolders(): string[];
}

/**
 * The analysis a request about a position in a document refers to: undefined for a document
 * that is not open or not checked; ContentModified when the document changed while the
 * request waited, since its positions belong to the older text.
 */
export async function requestAnalysis(ctx: ServerContext, uri: string): Promise<Analysis | undefined> {
  await ctx.ready;
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const a = await ctx.drafts.analyse(doc);
  if (a && a.version !== doc.version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
  return a;
}
