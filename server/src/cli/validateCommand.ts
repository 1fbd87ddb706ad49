// factlint facts validate [DIR]... — loads a fact base and reports every problem with file:line:col.
import { shippedFactsDir, loadFactBase } from '../core/factBase';
import { formatProblem } from './factBaseOption';
import type { Io } from './io';

export function runValidate(args: string[], io: Io): number {
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) {
    io.stderr(`factlint facts validate: unknown option ${unknown}\nusage: factlint facts validate [DIR]...\n`);
    return 2;
  }
  const dirs = args.length > 0 ? args : [shippedFactsDir()];
  const { base, problems } = loadFactBase(dirs);
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  let observations = 0;
  for (const m of base.metrics.values()) observations += m.observations.length;
  io.stdout(
    `${dirs.join(', ')}: ${base.sources.size} sources, ${base.subjects.size} subjects, ${base.metrics.size} metrics, ` +
      `${observations} observations; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
  );
  return errors > 0 ? 2 : 0;
}
