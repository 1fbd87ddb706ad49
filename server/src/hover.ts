// Hover on a linked figure (verified ones too): the core's Markdown explanation.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { explainClaim } from './core/explain';
import type { CheckedClaim } from './core/types';
import { requestAnalysis, type ServerContext } from './context';
import { offsetRange } from './convert';
import type { Analysis } from './documents';

/** The claim whose figure (or its qualifier) covers the offset; a cursor right after a figure counts. */
export function claimAt(a: Analysis, offset: number): CheckedClaim | undefined {
  return a.result.claims.find(({ claim: { figure } }) => (figure.qualifierStart ?? figure.start) <= offset && offset <= figure.end);
}

export async function hover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const a = await requestAnalysis(ctx, params.textDocument.uri);
  if (!a) return null;
  const checked = claimAt(a, a.doc.offsetAt(params.position));
  if (!checked) return null;
  const { figure } = checked.claim;
  return {
    contents: { kind: 'markdown', value: explainClaim(checked, ctx.store.base) },
    range: offsetRange(a.doc, figure.start, figure.end),
  };
}
