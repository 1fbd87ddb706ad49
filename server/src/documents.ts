// Drafts open in the editor and their latest check. Each draft keeps a DocumentChecker, so
// an edit re-checks only the paragraphs it touched; a result is cached per document version
// and fact base generation, so hover, code actions and completion share one check.
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecker } from './core/check';
import type { FactlintSettings } from './core/config';
import type { CheckResult } from './core/types';
import { uriToPath } from './convert';
import type { FactStore } from './factFiles';
import type { Settings } from './settings';

export type Format = 'markdown' | 'plaintext';

export interface Analysis {
  doc: TextDocument;
  version: number;
  format: Format;
  settings: FactlintSettings;
  result: CheckResult;
  /** The fact base generation the result was computed against. */
  generation: number;
}

/** Editors name plain text differently: VS Code "plaintext", Neovim "text". */
function selectorLanguage(languageId: string): string {
  return languageId === 'text' ? 'plaintext' : languageId;
}

export function formatOf(doc: TextDocument): Format {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? 'markdown' : 'plaintext';
}

export class Drafts {
  private checkers = new Map<string, { checker: DocumentChecker; generation: number }>();
  private latest = new Map<string, Analysis>();
  private tooLargeReported = new Set<string>();

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    private readonly store: FactStore,
    private readonly settings: Settings,
    private readonly log: (message: string) => void,
  ) {}

  /** Whether a document is a draft to check under the given settings (fact files never are). */
  isDraft(doc: TextDocument, settings: FactlintSettings): boolean {
    const path = uriToPath(doc.uri);
    if (path && this.store.contains(path)) return false;
    return settings.documentSelector.map(selectorLanguage).includes(selectorLanguage(doc.languageId));
  }

  /** The check of the document's current version, or undefined when it is not a draft to check. */
  async analyse(doc: TextDocument): Promise<Analysis | undefined> {
    const settings = await this.settings.get(doc.uri);
    // Settings may have taken a round trip: check the version that is current now.
    const current = this.documents.get(doc.uri) ?? doc;
    return this.analyseNow(current, settings);
  }

  /** Synchronous part of analyse, for callers that already hold the settings. */
  analyseNow(doc: TextDocument, settings: FactlintSettings): Analysis | undefined {
    if (!this.isDraft(doc, settings)) return undefined;
    const cached = this.latest.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === this.store.generation && cached.settings === settings) return cached;
    const text = doc.getText();
    if (text.length > settings.maxDocumentSize) {
      if (!this.tooLargeReported.has(doc.uri)) {
        this.tooLargeReported.add(doc.uri);
        this.log(`factlint: not checking ${doc.uri}: ${text.length} characters is more than factlint.maxDocumentSize (${settings.maxDocumentSize})`);
      }
      return undefined;
    }
    let entry = this.checkers.get(doc.uri);
    if (!entry || entry.generation !== this.store.generation) {
      entry = { checker: new DocumentChecker(this.store.base), generation: this.store.generation };
      this.checkers.set(doc.uri, entry);
    }
    const format = formatOf(doc);
    const result = entry.checker.check(text, { lang: settings.language, format });
    const analysis: Analysis = { doc, version: doc.version, format, settings, result, generation: this.store.generation };
    this.latest.set(doc.uri, analysis);
    return analysis;
  }

  /** The last analysis computed for a document, whatever its version. */
  last(uri: string): Analysis | undefined {
    return this.latest.get(uri);
  }

  forget(uri: string): void {
    this.checkers.delete(uri);
    this.latest.delete(uri);
    this.tooLargeReported.delete(uri);
  }
}
