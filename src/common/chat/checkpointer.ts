import { timerScheduler, type Scheduler } from './deltaBatcher';

/** How often, at most, an answer in flight is written to disk. */
export const CHECKPOINT_INTERVAL_MS = 2000;

/**
 * Writes an answer in flight at most every {@link CHECKPOINT_INTERVAL_MS}, so a crash loses at most that
 * much of it. {@link notify} is called on every change and costs a flag test: the first change after a
 * write arms one timer, later ones wait for it. Writes never overlap; {@link flush} writes now.
 */
export class Checkpointer {
  private cancel: (() => void) | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly timer: Scheduler = timerScheduler,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {}

  /** The answer changed: make sure a write follows within the interval. */
  notify(): void {
    if (this.cancel || this.closed) return;
    this.cancel = this.timer(() => {
      this.cancel = undefined;
      void this.run();
    }, this.intervalMs);
  }

  /** Writes now (cancelling the pending timer) and resolves when every write so far is done. */
  flush(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    return this.closed ? this.writing : this.run();
  }

  /** No more writes: the answer ended and its final state is saved by its owner. Waits for a running write. */
  close(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    this.closed = true;
    return this.writing;
  }

  private run(): Promise<void> {
    // A failed write is the owner's to report; the next checkpoint (or the final save) tries again.
    this.writing = this.writing.then(() => (this.closed ? undefined : this.write().catch(() => undefined)));
    return this.writing;
  }
}
