// Core steps (core/steps.ts) run by the language server: in slices of about SLICE_MS, with
// the requests and notifications that came in meanwhile handled in between.
import type { Steps } from './core/steps';

/** Longest stretch of work before other requests get a turn (a 5 MB draft takes seconds to check). */
export const SLICE_MS = 15;
/** Work that something newer replaced before it finished. */
export const STALE = Symbol('stale');

/** Runs steps to the end in slices; STALE as soon as `stale()` says, between two slices, that the result is no longer wanted. */
export async function runInSlices<T>(steps: Steps<T>, stale: () => boolean = () => false): Promise<T | typeof STALE> {
  let sliceStart = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStart < SLICE_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stale()) return STALE;
    sliceStart = Date.now();
  }
}
