/**
 * One-at-a-time sections per key (file paths): a change to a file is prepared, reviewed and written
 * before the next change to the same file starts, while changes to other files run side by side.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` holding every key of `keys` (taken in sorted order, so two callers never deadlock). */
  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const waits = sorted.map((k) => this.tails.get(k) ?? Promise.resolve());
    for (const k of sorted) this.tails.set(k, held);
    try {
      await Promise.all(waits);
      return await fn();
    } finally {
      release();
      for (const k of sorted) if (this.tails.get(k) === held) this.tails.delete(k);
    }
  }
}
