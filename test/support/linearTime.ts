// Checks that a function's running time grows linearly with its input: the ratio of the
// times for an input and one ten times larger must stay under a bound (a quadratic
// scanner gives ~100x). The best of several runs is compared, because a single run on a
// busy CI machine is at the mercy of the scheduler and the garbage collector.
import assert from 'node:assert/strict';

export interface LinearOptions {
  /** Largest allowed time ratio for 10x the input. */
  maxRatio?: number;
  /** Runs per size; the fastest counts. */
  runs?: number;
}

function fastest(run: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best;
}

/** Asserts that `fn(make(10 * n))` takes at most ~maxRatio times as long as `fn(make(n))`. */
export function assertLinear<T>(label: string, make: (n: number) => T, fn: (input: T) => unknown, n: number, options: LinearOptions = {}): void {
  const maxRatio = options.maxRatio ?? 20;
  const runs = options.runs ?? 5;
  const small = make(n);
  const large = make(10 * n);
  fn(small); // warm up the JIT
  let ratio = Infinity;
  // A second attempt absorbs one unlucky burst of load; a real quadratic stays far above the bound.
  for (let attempt = 0; attempt < 3 && ratio >= maxRatio; attempt++) {
    const a = fastest(() => fn(small), runs);
    const b = fastest(() => fn(large), runs);
    ratio = b / Math.max(a, 1);
  }
  assert.ok(ratio < maxRatio, `${label}: 10x input took ${ratio.toFixed(1)}x time`);
}
