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
 * The first delta after a quiet frame goes out on the next tick (deltas of the same network read still
 * share that post); deltas that arrive within a frame of a post wait for that frame to end. A model
 * slower than one chunk per frame therefore pays no batching delay at all.
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
    this.post();
  }

  /** Drops the timer without flushing. */
  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Idle: post on the next tick. A timer already runs (next tick, or the frame after a post): wait for it. */
  private arm(): void {
    if (!this.cancel) this.cancel = this.schedule(() => this.onTimer(), 0);
  }

  /** Posts what is pending; after a post, nothing more goes out until a frame has passed. */
  private onTimer(): void {
    this.cancel = undefined;
    if (this.post()) this.cancel = this.schedule(() => this.onTimer(), this.frameMs);
  }

  private post(): boolean {
    if (this.text.length === 0 && this.reasoning.length === 0) return false;
    const batch: DeltaBatch = {};
    if (this.reasoning.length > 0) batch.reasoning = this.reasoning.join('');
    if (this.text.length > 0) batch.text = this.text.join('');
    this.text = [];
    this.reasoning = [];
    this.onFlush(batch);
    return true;
  }
}
