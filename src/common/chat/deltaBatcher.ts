/** Schedules a callback after a delay; returns a cancel function. Injected so tests control time. */
export type Scheduler = (fn: () => void, delayMs: number) => () => void;

/** The default scheduler, on timers. */
export const timerScheduler: Scheduler = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/** A batch of deltas for one request: text and reasoning appended since the previous flush. */
export interface DeltaBatch {
  text?: string;
  reasoning?: string;
}

/**
 * Collects streamed deltas and hands them out at most once per frame (default 16 ms), so the host
 * posts one small message per frame however many tokens arrive. Only deltas are posted, never the
 * accumulated answer. Chunks are kept in arrays and joined once per flush (no quadratic concatenation).
 */
export class DeltaBatcher {
  private text: string[] = [];
  private reasoning: string[] = [];
  private cancel: (() => void) | undefined;

  constructor(
    private readonly onFlush: (batch: DeltaBatch) => void,
    private readonly frameMs = 16,
    private readonly schedule: Scheduler = timerScheduler,
  ) {}

  /** Adds answer text. */
  pushText(s: string): void {
    if (!s) return;
    this.text.push(s);
    this.arm();
  }

  /** Adds thinking text. */
  pushReasoning(s: string): void {
    if (!s) return;
    this.reasoning.push(s);
    this.arm();
  }

  /** Sends whatever is pending now (before an end or tool message, so order is kept). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.text.length === 0 && this.reasoning.length === 0) return;
    const batch: DeltaBatch = {};
    if (this.reasoning.length > 0) batch.reasoning = this.reasoning.join('');
    if (this.text.length > 0) batch.text = this.text.join('');
    this.text = [];
    this.reasoning = [];
    this.onFlush(batch);
  }

  /** Drops the timer without flushing. */
  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private arm(): void {
    if (!this.cancel) this.cancel = this.schedule(() => { this.cancel = undefined; this.flush(); }, this.frameMs);
  }
}
