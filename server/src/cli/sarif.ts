// SARIF 2.1.0 output for code-scanning tools: one run, one result per finding.
import { RULES, ruleOf } from '../core/config';
import type { CheckedClaim } from '../core/types';
import { LineIndex } from '../core/positions';

const HELP = 'https://github.com/factlint/factlint#rules';
const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export interface SarifInput {
  path: string;
  text: string;
  claims: CheckedClaim[];
}

export function toSarif(files: SarifInput[], version: string): object {
  const results = [];
  for (const f of files) {
    const lines = new LineIndex(f.text);
    for (const { claim, verdict, suppressed } of f.claims) {
      const ruleId = ruleOf(verdict.kind);
      if (!ruleId || !verdict.severity) continue;
      const start = lines.positionAt(claim.figure.start);
      const end = lines.positionAt(claim.figure.end);
      results.push({
        ruleId,
        level: LEVEL[verdict.severity],
        message: { text: verdict.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: f.path.split('\\').join('/') },
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
                snippet: { text: claim.figure.text },
              },
            },
          },
        ],
        ...(suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'factlint',
            version,
            informationUri: 'https://github.com/factlint/factlint',
            rules: RULES.map((id) => ({ id, helpUri: `${HELP}-${id}`, shortDescription: { text: id.replace(/-/g, ' ') } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
