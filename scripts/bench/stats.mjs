// Percentiles and timing loops shared by the benchmark's parts.
import { performance } from 'node:perf_hooks';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** p50 and p95 of a list of milliseconds, rounded to microseconds. */
export function summary(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 1000) / 1000;
  return { p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)) };
}

/**
 * Untimed runs before a check is timed: measured on the bench draft, a check's time settles
 * only after about a hundred runs (the JIT optimises its hot paths in stages), as it does in
 * a language server that checks on every keystroke.
 */
export const CHECK_WARMUP = 100;

/** Times `runs` calls of f after `warmup` untimed ones. */
export function timeRuns(f, runs, warmup) {
  for (let i = 0; i < warmup; i++) f();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return ms;
}
