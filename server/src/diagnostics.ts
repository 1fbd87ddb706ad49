// Diagnostics: findings in drafts (one rule per verdict kind, plus unsourced figures in
// strict mode) and problems in fact files. Push diagnostics are scheduled with setImmediate
// and coalesced per document: a burst of keystrokes costs one check, published for the
// newest version; a result for an older version than one already published is dropped.
import { type Connection, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { mainSource, sourceLabel, whenText } from './core/cite';
import { ruleOf, type RuleId } from './core/config';
import type { FactBase, FactProblem, Figure, Observation } from './core/types';
import { locationRange, offsetRange, pathToUri, toLspLocation, toLspSeverity } from './convert';
import type { Analysis } from './documents';

/** Where each rule is explained: the README section of the same name. */
export const RULES_DOC = 'https://example.invalid/factlint/blob/main/README.md';
export const SOURCE = 'factlint';

/** Unlinked figures that look like facts (money, shares, multiples, counts of 100 and more), reported in strict mode. */
function factLike(f: Figure): boolean {
  return f.kind !== 'count' && f.kind !== 'rank' ? true : f.value >= 100;
}

function related(o: Observation | undefined, label: string, base: FactBase): DiagnosticRelatedInformation[] {
  if (!o) return [];
  return [{ location: toLspLocation(o.location), message: `${label}: ${o.value} (${whenText(o)}), ${sourceLabel(mainSource(o, base))}` }];
}

function diagnostic(a: Analysis, rule: RuleId, start: number, end: number, message: string, rel: DiagnosticRelatedInformation[]): Diagnostic | undefined {
  const severity = a.settings.severity[rule];
  if (severity === 'off') return undefined;
  const d: Diagnostic = {
    range: offsetRange(a.doc, start, end),
    severity: toLspSeverity(severity),
    source: SOURCE,
    code: rule,
    codeDescription: { href: `${RULES_DOC}#${rule}` },
    message,
  };
  if (rel.length > 0) d.relatedInformation = rel;
  return d;
}

export function draftDiagnostics(a: Analysis, base: FactBase): Diagnostic[] {
  const out: Diagnostic[] = [];
  const linked = new Set<number>();
  for (const { claim, verdict, suppressed } of a.result.claims) {
    linked.add(claim.figure.start);
    const rule = ruleOf(verdict.kind);
    if (!rule || suppressed) continue;
    const rel = [
      ...related(verdict.expected, 'sourced figure', base),
      ...(verdict.matched && verdict.matched !== verdict.expected ? related(verdict.matched, 'matches', base) : []),
      ...related(verdict.bracket?.before, 'before', base),
      ...related(verdict.bracket?.after, 'after', base),
    ];
    const d = diagnostic(a, rule, claim.figure.start, claim.figure.end, verdict.message, rel);
    if (d) out.push(d);
  }
  if (a.settings.strict) {
    for (const f of a.result.figures) {
      if (linked.has(f.start) || !factLike(f)) continue;
      const d = diagnostic(a, 'unsourced-figure', f.start, f.end, `"${f.text}" looks like a fact but matches no metric in the fact base.`, []);
      if (d) out.push(d);
    }
  }
  return out;
}

export function factDiagnostics(problems: readonly FactProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: locationRange(p.location),
    severity: toLspSeverity(p.severity),
    source: SOURCE,
    code: p.code,
    message: p.message,
  }));
}

/** Push diagnostics for drafts, coalesced per document and never older than the last published. */
export class DiagnosticsPusher {
  private pending = new Set<string>();
  private scheduled = false;
  private published = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    /** Computes a document's diagnostics for its current version; undefined when there is nothing to publish. */
    private readonly compute: (uri: string) => Promise<{ version: number; diagnostics: Diagnostic[] } | undefined>,
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
      if (last !== undefined && r.version < last) return;
      this.published.set(uri, r.version);
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
