// When the language server loads the fact base again. A load grows with the base (with
// 10,000 metrics 0.15–0.5 s, with 100,000 several seconds) and runs in slices, between
// other requests; one per keystroke in a fact file would still keep the server busy for as
// long as a researcher types. So edits typed into a fact file wait until typing pauses for as long as
// the last load took (at most MAX_WAIT_MS); with a small base that is a few milliseconds, as
// good as at once. Anything else (a file changed on disk, a fact file closed) loads on the
// next turn of the event loop, and takes any typed edit along. One load runs at a time: what
// comes in during one waits for it to end.
import { performance } from 'node:perf_hooks';

/** The longest a typed edit waits for a pause before the base is loaded with it anyway. */
export const MAX_WAIT_MS = 1000;

export class FactReloads {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  /** How long the last load took. */
  private lastLoadMs = 0;
  private lastTypedAt = -Infinity;
  private running = false;
  /** What came in while a load ran: done when it ends. */
  private next: 'waitForPause' | 'soon' | undefined;

  /** `load` reports its own errors; its promise always resolves. */
  constructor(
    private readonly load: () => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** An edit typed into a fact file: load once typing pauses. */
  afterTyping(): void {
    this.lastTypedAt = this.now();
    if (this.running) {
      this.next ??= 'waitForPause';
      return;
    }
    if (this.immediate === undefined) this.waitForPause();
  }

  /** Loads when typing has paused for as long as the last load took; a pause during that load counts. */
  private waitForPause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const due = this.lastTypedAt + Math.min(MAX_WAIT_MS, this.lastLoadMs);
    this.timer = setTimeout(() => void this.run(), Math.max(0, due - this.now()));
  }

  /** Any other change: load on the next turn. */
  soon(): void {
    if (this.running) {
      this.next = 'soon';
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.immediate ??= setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.immediate = undefined;
    this.running = true;
    const start = this.now();
    await this.load();
    this.lastLoadMs = this.now() - start;
    this.running = false;
    const next = this.next;
    this.next = undefined;
    if (next) this[next]();
  }
}
