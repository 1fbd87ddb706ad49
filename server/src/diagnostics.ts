// Diagnostics: findings in drafts (one rule per verdict kind, plus unsourced figures in
// strict mode) and problems in fact files. Push diagnostics are scheduled with setImmediate
// and coalesced per document: a burst of keystrokes costs one check, published for the
// newest version; a result for an older version than one already published is dropped.
import { type Connection, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { mainSource, sourceLabel, whenText, writtenValue } from './core/cite';
import { findings, ruleDocUrl } from './core/findings';
import type { Claim, FactBase, FactProblem, Observation, Verdict } from './core/types';
import { locationRange, offsetRange, pathToUri, toLspLocation, toLspSeverity } from './convert';
import type { Analysis } from './documents';

export const SOURCE = 'factlint';

/** "sourced figure: 8.753 (about 2025), asiacity.news, c. 2025", pointing at the observation in its fact file. */
function related(o: Observation | undefined, label: string, claim: Claim, base: FactBase): DiagnosticRelatedInformation[] {
  if (!o) return [];
  const value = writtenValue(claim.figure, claim.metric, o);
  return [{ location: toLspLocation(o.location), message: `${label}: ${value} (${whenText(o)}), ${sourceLabel(mainSource(o, base))}` }];
}

/** The observations behind a verdict, pointed at in their fact files. */
function relatedOf(verdict: Verdict, claim: Claim, base: FactBase): DiagnosticRelatedInformation[] {
  // A verdict outlives the keystrokes that leave its paragraph alone (the checker reuses it), so
  // its values are written once, not on every keystroke.
  let rel = relatedCache.get(verdict);
  if (!rel) {
    rel = [
      ...related(verdict.expected, 'sourced figure', claim, base),
      ...(verdict.matched && verdict.matched !== verdict.expected ? related(verdict.matched, 'matches', claim, base) : []),
      ...related(verdict.bracket?.before, 'before', claim, base),
      ...related(verdict.bracket?.after, 'after', claim, base),
    ];
    relatedCache.set(verdict, rel);
  }
  return rel;
}
const relatedCache = new WeakMap<Verdict, DiagnosticRelatedInformation[]>();

/** Diagnostics for a draft: the core's findings under the document's settings, as LSP sees them. */
export function draftDiagnostics(a: Analysis, base: FactBase): Diagnostic[] {
  return findings(a.result, a.settings).map((f) => {
    const verdict = f.checked?.verdict;
    const claim = f.checked?.claim;
    const rel = verdict && claim ? relatedOf(verdict, claim, base) : [];
    const d: Diagnostic = {
      range: offsetRange(a.doc, f.start, f.end),
      severity: toLspSeverity(f.severity),
      source: SOURCE,
      code: f.rule,
      codeDescription: { href: ruleDocUrl(f.rule) },
      message: f.message,
    };
    if (rel.length > 0) d.relatedInformation = rel;
    return d;
  });
}

function factDiagnostics(problems: readonly FactProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: locationRange(p.location),
    severity: toLspSeverity(p.severity),
    source: SOURCE,
    code: p.code,
    message: p.message,
  }));
}

/** A document's diagnostics for one version, and the analysis they were made from (none for a document that is not a draft). */
export interface Publication {
  version: number;
  diagnostics: Diagnostic[];
  analysis?: Analysis;
}

/**
 * Push diagnostics for drafts, coalesced per document, never older than the last published,
 * and never the same analysis twice: opening a draft asks for its diagnostics up to three
 * times (the open, its first content, the fact base loaded), all answered by one analysis.
 */
export class DiagnosticsPusher {
  private pending = new Set<string>();
  private scheduled = false;
  private published = new Map<string, { version: number; analysis?: Analysis }>();

  constructor(
    private readonly connection: Connection,
    /** Computes a document's diagnostics for its current version; undefined when there is nothing to publish. */
    private readonly compute: (uri: string) => Promise<Publication | undefined>,
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      for (const u of uris) void this.run(u);
    });
  }

  private async run(uri: string): Promise<void> {
    try {
      const r = await this.compute(uri);
      if (!r) return;
      const last = this.published.get(uri);
      if (last !== undefined && (r.version < last.version || (r.analysis !== undefined && r.analysis === last.analysis))) return;
      this.published.set(uri, { version: r.version, analysis: r.analysis });
      await this.connection.sendDiagnostics({ uri, version: r.version, diagnostics: r.diagnostics });
    } catch (err) {
      this.connection.console.error(`factlint: checking ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** Clears a closed document's diagnostics. */
  clear(uri: string): void {
    this.pending.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

/** Publishes fact file problems for every fact file (open or not), clearing files that became clean or went away. */
export function publishFactProblems(connection: Connection, problems: ReadonlyMap<string, FactProblem[]>, previously: ReadonlySet<string>): Set<string> {
  const withProblems = new Set<string>();
  for (const [file, list] of problems) {
    const uri = pathToUri(file);
    if (list.length > 0) withProblems.add(uri);
    if (list.length > 0 || previously.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: factDiagnostics(list) });
  }
  const known = new Set([...problems.keys()].map(pathToUri));
  for (const uri of previously) if (!known.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  return withProblems;
}
