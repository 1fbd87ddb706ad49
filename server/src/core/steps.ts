// Long computations as generators that yield between units of work (a paragraph checked, a
// fact file parsed, a few hundred metrics validated or indexed): the CLI runs them to the
// end at once; the language server runs them in slices, answering other requests in between.

export type Steps<T> = Generator<void, T, void>;

/** Metrics validated or indexed between two steps (about 25 ms of work). */
export const METRICS_PER_STEP = 500;

/** Runs steps to the end and returns their result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
