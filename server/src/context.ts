// What every feature handler of the server may use.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Drafts } from './documents';
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
