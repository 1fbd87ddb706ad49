// Drafts open in the editor and their latest check. Each draft keeps a DocumentChecker, so
// an edit re-checks only the paragraphs it touched; a result is cached per document version
// and fact base generation, so hover, code actions and completion share one check. Checks
// run in slices, so that a huge draft never blocks the server.
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecker } from './core/check';
import type { FactlintSettings } from './core/config';
import { runToEnd, type Steps } from './core/steps';
import type { CheckResult } from './core/types';
import { uriToPath } from './convert';
import type { FactStore } from './factFiles';
import type { Settings } from './settings';
import { runInSlices, STALE } from './slices';

export type Format = 'markdown' | 'plaintext';

interface Prepared {
  doc: TextDocument;
  settings: FactlintSettings;
  format: Format;
  generation: number;
  steps: Steps<CheckResult>;
}

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
  private running = new Map<string, { version: number; generation: number; settings: FactlintSettings; promise: Promise<Analysis | undefined | typeof STALE> }>();

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    private readonly store: FactStore,
    private readonly settings: Settings,
    /** Says (once per opened document) that a document is too large to check. */
    private readonly tooLarge: (uri: string, length: number, limit: number) => void,
  ) {}

  /** Whether a document is a draft to check under the given settings (fact files never are). */
  isDraft(doc: TextDocument, settings: FactlintSettings): boolean {
    const path = uriToPath(doc.uri);
    if (path && this.store.contains(path)) return false;
    return settings.documentSelector.map(selectorLanguage).includes(selectorLanguage(doc.languageId));
  }

  /**
   * The check of the document's current version, or undefined when it is not a draft to check.
   * The check runs in slices of about SLICE_MS, yielding to other requests in between; a check
   * that a newer version (or fact base) makes stale is abandoned for one of the newest text, so
   * the analysis returned may be of a later version than `doc` (callers compare versions).
   */
  async analyse(doc: TextDocument): Promise<Analysis | undefined> {
    for (;;) {
      const settings = await this.settings.get(doc.uri);
      // Settings may have taken a round trip: check the version that is current now.
      const current = this.documents.get(doc.uri);
      if (!current) return this.analyseNow(doc, settings);
      const a = await this.analyseInSlices(current, settings);
      if (a !== STALE) return a;
    }
  }

  /** Synchronous check, for callers that already hold the settings. */
  analyseNow(doc: TextDocument, settings: FactlintSettings): Analysis | undefined {
    const prepared = this.prepare(doc, settings);
    if (!prepared || !('steps' in prepared)) return prepared;
    return this.finish(prepared, runToEnd(prepared.steps));
  }

  /** One shared sliced check per document version: hover, code actions and diagnostics wait for the same one. */
  private analyseInSlices(doc: TextDocument, settings: FactlintSettings): Promise<Analysis | undefined | typeof STALE> {
    const running = this.running.get(doc.uri);
    if (running && running.version === doc.version && running.generation === this.store.generation && running.settings === settings) return running.promise;
    const promise = this.runSlices(doc, settings);
    this.running.set(doc.uri, { version: doc.version, generation: this.store.generation, settings, promise });
    void promise.finally(() => {
      if (this.running.get(doc.uri)?.promise === promise) this.running.delete(doc.uri);
    });
    return promise;
  }

  private async runSlices(doc: TextDocument, settings: FactlintSettings): Promise<Analysis | undefined | typeof STALE> {
    const prepared = this.prepare(doc, settings);
    if (!prepared || !('steps' in prepared)) return prepared;
    const result = await runInSlices(prepared.steps, () => this.documents.get(doc.uri)?.version !== doc.version || this.store.generation !== prepared.generation);
    return result === STALE ? STALE : this.finish(prepared, result);
  }

  /** A cached or refused analysis, or the steps of a fresh check. */
  private prepare(doc: TextDocument, settings: FactlintSettings): Analysis | undefined | Prepared {
    if (!this.isDraft(doc, settings)) return undefined;
    const cached = this.latest.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === this.store.generation && cached.settings === settings) return cached;
    const text = doc.getText();
    if (text.length > settings.maxDocumentSize) {
      if (!this.tooLargeReported.has(doc.uri)) {
        this.tooLargeReported.add(doc.uri);
        this.tooLarge(doc.uri, text.length, settings.maxDocumentSize);
      }
      return undefined;
    }
    let entry = this.checkers.get(doc.uri);
    if (!entry || entry.generation !== this.store.generation) {
      entry = { checker: new DocumentChecker(this.store.base), generation: this.store.generation };
      this.checkers.set(doc.uri, entry);
    }
    const format = formatOf(doc);
    return { doc, settings, format, generation: entry.generation, steps: entry.checker.checkSteps(text, { lang: settings.language, format }) };
  }

  private finish(p: Prepared, result: CheckResult): Analysis {
    const analysis: Analysis = { doc: p.doc, version: p.doc.version, format: p.format, settings: p.settings, result, generation: p.generation };
    this.latest.set(p.doc.uri, analysis);
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
