/**
 * Calls `onIdle` once when `touch()` has not been called for `timeoutMs`. Touching only records the
 * time, so it costs nothing per received chunk; the single timer re-arms itself for the remainder.
 */
export class IdleWatchdog {
  private last: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private held = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number,
    private readonly onIdle: () => void,
  ) {
    this.last = now();
    this.arm(timeoutMs);
  }

  /** Records activity (a received byte). */
  touch(): void {
    this.last = this.now();
  }

  /**
   * Pauses the watch while the consumer holds the stream (nothing is read then, so silence proves
   * nothing); `release` resumes it as if a byte had just arrived.
   */
  hold(): void {
    this.held = true;
  }

  /** Resumes after {@link hold}. */
  release(): void {
    this.held = false;
    this.last = this.now();
  }

  /** Stops watching; safe to call twice. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(1, delayMs));
  }

  private check(): void {
    if (this.timer === undefined) return;
    const idle = this.held ? 0 : this.now() - this.last;
    if (idle >= this.timeoutMs) {
      this.timer = undefined;
      this.onIdle();
    } else this.arm(this.timeoutMs - idle);
  }
}
