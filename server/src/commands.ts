// Commands the server executes (workspace/executeCommand). The VS Code client wraps them
// with UI (a QuickPick for insertFigure); other editors call them directly.
import type { Connection, ExecuteCommandParams, Position } from 'vscode-languageserver/node';
import { latestObservation } from './core/factIndex';
import { citedSource, formatObservation, insertionEdits, yearsOf } from './core/fixes';
import type { ServerContext } from './context';
import { offsetRange } from './convert';
import { draftDiagnostics } from './diagnostics';
import { langAt } from './completion';
import { checkWorkspace } from './workspace';

export const COMMANDS = ['factlint.server.checkWorkspace', 'factlint.server.factBase', 'factlint.server.metrics', 'factlint.server.insertFigure'] as const;

export interface MetricChoice {
  id: string;
  measure: string;
  /** The latest sourced figure with year and publisher, e.g. "322 (2025, asiacity.news)". */
  latest: string;
}

export interface FactBaseSummary {
  metrics: number;
  subjects: number;
  files: string[];
  sources: Array<{ id: string; title: string; publisher: string; published: string; url?: string }>;
  problems: number;
}

function summary(ctx: ServerContext): FactBaseSummary {
  const base = ctx.store.base;
  let problems = ctx.store.otherProblems.length;
  for (const list of ctx.store.problems.values()) problems += list.length;
  return {
    metrics: base.metrics.size,
    subjects: base.subjects.size,
    files: base.files,
    sources: [...base.sources.values()].map((s) => ({ id: s.id, title: s.title, publisher: s.publisher, published: s.published, url: s.url })),
    problems,
  };
}

/** Every metric with its latest figure, in the language of the draft at `position` (if given). */
async function metricChoices(ctx: ServerContext, uri: string | undefined, position: Position | undefined): Promise<MetricChoice[]> {
  const base = ctx.store.base;
  const doc = uri ? ctx.documents.get(uri) : undefined;
  const a = doc && (await ctx.drafts.analyse(doc));
  const lang = a && position ? langAt(a, a.doc.offsetAt(position)) : 'en';
  const out: MetricChoice[] = [];
  for (const metric of base.metrics.values()) {
    const o = latestObservation(metric);
    if (!o) continue;
    const source = citedSource(o, base, lang);
    out.push({ id: metric.id, measure: metric.measure[lang] ?? metric.measure.en, latest: `${formatObservation(metric, o, lang)} (${yearsOf(o)}, ${source?.publisher ?? o.sources[0]})` });
  }
  return out.sort((x, y) => x.id.localeCompare(y.id));
}

async function insertFigure(ctx: ServerContext, arg: { uri: string; position: Position; metricId: string }): Promise<boolean> {
  const doc = ctx.documents.get(arg.uri);
  const metric = ctx.store.base.metrics.get(arg.metricId);
  if (!doc) throw new Error(`insertFigure: ${arg.uri} is not open`);
  if (!metric) throw new Error(`insertFigure: no metric "${arg.metricId}" in the fact base`);
  const a = await ctx.drafts.analyse(doc);
  const o = latestObservation(metric);
  if (!a || !o) return false;
  const offset = a.doc.offsetAt(arg.position);
  const edits = insertionEdits(a.doc.getText(), offset, metric, o, ctx.store.base, a.format, langAt(a, offset));
  const r = await ctx.connection.workspace.applyEdit({
    label: 'Insert sourced figure',
    edit: { changes: { [arg.uri]: edits.map((e) => ({ range: offsetRange(a.doc, e.start, e.end), newText: e.newText })) } },
  });
  return r.applied;
}

/** Checks every draft in the workspace and publishes the findings, so they show in the Problems panel. */
async function checkAll(ctx: ServerContext, connection: Connection, pull: boolean): Promise<{ files: number; findings: number }> {
  let findings = 0;
  const analyses = await checkWorkspace(ctx);
  for (const a of analyses) {
    const diagnostics = draftDiagnostics(a, ctx.store.base);
    findings += diagnostics.length;
    // Open drafts already get their diagnostics; in pull mode pushing them too would show them twice.
    if (pull && ctx.documents.get(a.doc.uri)) continue;
    await connection.sendDiagnostics({ uri: a.doc.uri, diagnostics });
  }
  return { files: analyses.length, findings };
}

export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams, pull: boolean): Promise<unknown> {
  await ctx.ready;
  const arg = params.arguments?.[0] as Record<string, unknown> | undefined;
  switch (params.command) {
    case 'factlint.server.checkWorkspace':
      return checkAll(ctx, ctx.connection, pull);
    case 'factlint.server.factBase':
      return summary(ctx);
    case 'factlint.server.metrics':
      return metricChoices(ctx, arg?.uri as string | undefined, arg?.position as Position | undefined);
    case 'factlint.server.insertFigure':
      if (!arg || typeof arg.uri !== 'string' || typeof arg.metricId !== 'string' || typeof arg.position !== 'object') {
        throw new Error('factlint.server.insertFigure expects one argument {uri, position, metricId}');
      }
      return insertFigure(ctx, arg as { uri: string; position: Position; metricId: string });
    default:
      throw new Error(`unknown command ${params.command}`);
  }
}
