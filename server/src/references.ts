// Find references: from a metric in a fact file (or a figure linked to it in a draft) to
// every draft figure in the workspace that states it.
import type { Location, Position, ReferenceParams } from 'vscode-languageserver/node';
import type { Location as CoreLocation, Metric } from './core/types';
import type { ServerContext } from './context';
import { offsetRange, toLspLocation, uriToPath } from './convert';
import { claimAt } from './hover';
import { checkWorkspace } from './workspace';

function contains(loc: CoreLocation, p: Position): boolean {
  const afterStart = p.line > loc.line || (p.line === loc.line && p.character >= loc.character);
  const beforeEnd = p.line < loc.endLine || (p.line === loc.endLine && p.character <= loc.endCharacter);
  return afterStart && beforeEnd;
}

function span(loc: CoreLocation): number {
  return (loc.endLine - loc.line) * 1e6 + (loc.endCharacter - loc.character);
}

/** The metric whose entry in a fact file encloses the position (the innermost one). */
function metricInFactFile(ctx: ServerContext, path: string, p: Position): Metric | undefined {
  let best: Metric | undefined;
  for (const m of ctx.store.base.metrics.values()) {
    if (m.location.file !== path || !contains(m.location, p)) continue;
    if (!best || span(m.location) < span(best.location)) best = m;
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
