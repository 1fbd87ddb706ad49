// What a check reports, under the user's settings: one finding per claim whose verdict is
// a finding (with the configured severity; none for silenced claims or rules turned off),
// plus, in strict mode, figures that look like facts but link to no metric. The CLI and
// the language server both report exactly these.
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleOf, type FactlintSettings, type RuleId } from './config';
import { shippedFactsDir } from './factBase';
import type { CheckedClaim, CheckResult, Figure, Severity } from './types';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  /** The claim behind the finding; undefined for unsourced figures. */
  checked?: CheckedClaim;
  figure: Figure;
}

/**
 * Where a rule is explained: its section in the README that ships with factlint (next to
 * the shipped facts), as a file URL, so that the link works offline and matches the version.
 */
export function ruleDocUrl(rule: RuleId): string {
  // Found once: finding the shipped facts looks at the disk, and every diagnostic of every keystroke asks.
  readmeUrl ??= pathToFileURL(join(dirname(shippedFactsDir()), 'README.md')).href;
  return `${readmeUrl}#${rule}`;
}
let readmeUrl: string | undefined;

/** Unlinked figures worth a writer's attention in strict mode: money, shares, multiples, counts of 100 and more. */
function factLike(f: Figure): boolean {
  return f.kind !== 'count' && f.kind !== 'rank' ? true : f.value >= 100;
}

/** The severity a claim is reported with under the settings, or undefined where it is no finding. */
export function claimSeverity(checked: CheckedClaim, settings: FactlintSettings): Severity | undefined {
  const rule = ruleOf(checked.verdict.kind);
  if (!rule || checked.suppressed) return undefined;
  const severity = settings.severity[rule];
  return severity === 'off' ? undefined : severity;
}

export function findings(result: CheckResult, settings: FactlintSettings): Finding[] {
  const out: Finding[] = [];
  const linked = new Set<number>();
  for (const checked of result.claims) {
    const { figure } = checked.claim;
    linked.add(figure.start);
    const severity = claimSeverity(checked, settings);
    if (!severity) continue;
    out.push({ rule: ruleOf(checked.verdict.kind)!, severity, start: figure.start, end: figure.end, message: checked.verdict.message, checked, figure });
  }
  const unsourced = settings.severity['unsourced-figure'];
  if (settings.strict && unsourced !== 'off') {
    for (const f of result.figures) {
      if (linked.has(f.start) || !factLike(f)) continue;
      out.push({ rule: 'unsourced-figure', severity: unsourced, start: f.start, end: f.end, message: `"${f.text}" looks like a fact but matches no metric in the fact base.`, figure: f });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
