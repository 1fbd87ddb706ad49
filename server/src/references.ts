// Find references: from a metric in a fact file (or a figure linked to it in a draft) to
// every draft figure in the workspace that states it.
import type { Location, Position, ReferenceParams } from 'vscode-languageserver/node';
import type { Metric } from './core/types';
import type { ServerContext } from './context';
import { offsetRange, toLspLocation, uriToPath } from './convert';
import { claimAt } from './hover';
import { checkWorkspace } from './workspace';

/**
 * The metric whose entry in a fact file the position lies in: the last metric in that file
 * starting at or before the position's line (metric locations mark the entry's id).
 */
function metricInFactFile(ctx: ServerContext, path: string, p: Position): Metric | undefined {
  let best: Metric | undefined;
  for (const m of ctx.store.base.metrics.values()) {
    if (m.location.file !== path || m.location.line > p.line) continue;
    if (!best || m.location.line > best.location.line) best = m;
  }
  return best;
}

async function metricAt(ctx: ServerContext, params: ReferenceParams): Promise<Metric | undefined> {
  const path = uriToPath(params.textDocument.uri);
  if (path && ctx.store.contains(path)) return metricInFactFile(ctx, path, params.position);
  const doc = ctx.documents.get(params.textDocument.uri);
  const a = doc && (await ctx.drafts.analyse(doc));
  return a ? claimAt(a, a.doc.offsetAt(params.position))?.claim.metric : undefined;
}

export async function references(ctx: ServerContext, params: ReferenceParams): Promise<Location[]> {
  await ctx.ready;
  const metric = await metricAt(ctx, params);
  if (!metric) return [];
  const out: Location[] = [];
  if (params.context.includeDeclaration) out.push(toLspLocation(metric.location));
  for (const a of await checkWorkspace(ctx)) {
    for (const { claim } of a.result.claims) {
      if (claim.metric.id === metric.id) out.push({ uri: a.doc.uri, range: offsetRange(a.doc, claim.figure.start, claim.figure.end) });
    }
  }
  return out;
}
