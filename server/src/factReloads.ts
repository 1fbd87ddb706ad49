// When the language server loads the fact base again. A load is synchronous and grows with
// the base (about 0.5 s for 10,000 metrics): one per keystroke in a fact file would keep
// the server busy for as long as a researcher types, and hovers and draft checks would wait.
// So edits typed into a fact file wait until typing pauses for as long as the last load took
// (at most MAX_WAIT_MS); with a small base that is a few milliseconds, as good as at once.
// Anything else (a file changed on disk, a fact file closed, new settings) loads on the
// next turn of the event loop, and takes any typed edit along.
import { performance } from 'node:perf_hooks';

/** The longest a typed edit waits for a pause before the base is loaded with it anyway. */
export const MAX_WAIT_MS = 1000;

export class FactReloads {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  /** How long the last load took. */
  private lastLoadMs = 0;

  constructor(
    private readonly load: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** An edit typed into a fact file: load once typing pauses. */
  afterTyping(): void {
    if (this.immediate !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), Math.min(MAX_WAIT_MS, this.lastLoadMs));
  }

  /** Any other change: load on the next turn. */
  soon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.immediate ??= setImmediate(() => this.run());
  }

  private run(): void {
    this.timer = undefined;
    this.immediate = undefined;
    const start = this.now();
    try {
      this.load();
    } finally {
      this.lastLoadMs = this.now() - start;
    }
  }
}
