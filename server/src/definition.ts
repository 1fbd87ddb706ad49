// Go to definition: from a linked figure to the observation it agrees with (or, failing
// that, the one the draft should state) in the fact file.
import type { DefinitionParams, Location } from 'vscode-languageserver/node';
import { requestAnalysis, type ServerContext } from './context';
import { toLspLocation } from './convert';
import { claimAt } from './hover';

export async function definition(ctx: ServerContext, params: DefinitionParams): Promise<Location | null> {
  const a = await requestAnalysis(ctx, params.textDocument.uri);
  if (!a) return null;
  const checked = claimAt(a, a.doc.offsetAt(params.position));
  if (!checked) return null;
  const o = checked.verdict.matched ?? checked.verdict.expected;
  return toLspLocation(o?.location ?? checked.claim.metric.location);
}
