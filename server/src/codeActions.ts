// Quick fixes for findings and `source.fixAll.factlint`; the edits come from core/fixes.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { fixAll, fixesFor, type TextEdit as CoreEdit } from './core/fixes';
import { requestAnalysis, type ServerContext } from './context';
import { offsetRange, rangesTouch } from './convert';
import { SOURCE } from './diagnostics';
import type { Analysis } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.factlint`;

function lspEdits(a: Analysis, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: offsetRange(a.doc, e.start, e.end), newText: e.newText }));
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const a = await requestAnalysis(ctx, params.textDocument.uri);
  if (!a) return [];
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    for (const checked of a.result.claims) {
      const { figure } = checked.claim;
      const range = offsetRange(a.doc, figure.start, figure.end);
      if (!rangesTouch(range, params.range)) continue;
      const diagnostics: Diagnostic[] = ours.filter((d) => rangesTouch(d.range, range));
      for (const fix of fixesFor(a.doc.getText(), checked, ctx.store.base, a.format)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          isPreferred: fix.preferred || undefined,
          edit: { changes: { [uri]: lspEdits(a, fix.edits) } },
        });
      }
    }
  }

  if (wants(only, FIX_ALL_KIND)) {
    const edits = fixAll(a.result.claims);
    if (edits.length > 0) {
      actions.push({
        title: `Update all ${edits.length} outdated figure${edits.length === 1 ? '' : 's'}`,
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: lspEdits(a, edits) } },
      });
    }
  }
  return actions;
}
