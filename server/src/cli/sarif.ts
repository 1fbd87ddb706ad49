// SARIF 2.1.0 output for code-scanning tools: one result per finding, plus silenced claims as suppressed results.
import { RULES, ruleOf } from '../core/config';
import { ruleDocUrl, type Finding } from '../core/findings';
import { LineIndex } from '../core/positions';
import type { CheckedClaim } from '../core/types';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export interface SarifInput {
  path: string;
  text: string;
  /** Findings, and the claims that were silenced by disable comments. */
  findings: Finding[];
  claims: CheckedClaim[];
}

export function toSarif(files: SarifInput[], version: string): object {
  const results = [];
  for (const f of files) {
    const lines = new LineIndex(f.text);
    const silenced = f.claims.filter((c) => c.suppressed && c.verdict.severity);
    const entries = [
      ...f.findings.map((x) => ({ rule: x.rule, level: LEVEL[x.severity], message: x.message, start: x.start, end: x.end, text: x.figure.text, suppressed: false })),
      ...silenced.map((c) => ({ rule: ruleOf(c.verdict.kind)!, level: LEVEL[c.verdict.severity!], message: c.verdict.message, start: c.claim.figure.start, end: c.claim.figure.end, text: c.claim.figure.text, suppressed: true })),
    ].sort((a, b) => a.start - b.start);
    for (const e of entries) {
      const start = lines.positionAt(e.start);
      const end = lines.positionAt(e.end);
      results.push({
        ruleId: e.rule,
        level: e.level,
        message: { text: e.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: f.path.split('\\').join('/') },
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
                snippet: { text: e.text },
              },
            },
          },
        ],
        ...(e.suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
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
            rules: RULES.map((id) => ({ id, helpUri: ruleDocUrl(id), shortDescription: { text: id.replace(/-/g, ' ') } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
