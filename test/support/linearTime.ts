// Checks that running time grows linearly with the input: the ratio of the times for an
// input and one ten times larger must stay under a bound. Linear work gives ~10x, a
// quadratic scan ~100x; the bound of 30x leaves room for cache and collector effects of the
// larger input. Batches of both sizes alternate, so that both see the same load on a busy
// CI machine, and the best batch of each counts.
import assert from 'node:assert/strict';

/** Time per call of f in nanoseconds, over a batch of calls lasting at least `ns`. */
function batch(f: () => unknown, ns: number): number {
  let calls = 0;
  const t = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ns) {
    f();
    calls++;
    elapsed = Number(process.hrtime.bigint() - t);
  }
  return elapsed / calls;
}

/** How many times longer `large` takes than `small`. */
export function timeRatio(small: () => unknown, large: () => unknown, rounds = 9, batchNs = 1e7): number {
  batch(small, batchNs);
  batch(large, batchNs);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let r = 0; r < rounds; r++) {
    bestSmall = Math.min(bestSmall, batch(small, batchNs));
    bestLarge = Math.min(bestLarge, batch(large, batchNs));
  }
  return bestLarge / bestSmall;
}

/** Asserts that `fn(make(10 * n))` takes under `maxRatio` times as long as `fn(make(n))`. */
export function assertLinear<T>(label: string, make: (n: number) => T, fn: (input: T) => unknown, n: number, maxRatio = 30): void {
  const small = make(n);
  const large = make(10 * n);
  const ratio = timeRatio(() => fn(small), () => fn(large));
  assert.ok(ratio < maxRatio, `${label}: 10x input took ${ratio.toFixed(1)}x time`);
}
