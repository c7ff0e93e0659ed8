import { textHash } from './textHash';

/**
 * What the model has seen of each file in one chat: the fingerprint of the text it last read (or
 * wrote). An edit to a file whose text no longer matches is refused as stale, so the model never
 * overwrites a change the user made after it looked.
 */
export class ReadLedger {
  private readonly seen = new Map<string, string>();

  /** Records the whole text of a file the model read, or that an applied change left. */
  record(absPath: string, text: string): void {
    this.seen.set(absPath, textHash(text));
  }

  /** Forgets a file (deleted or renamed away). */
  forget(absPath: string): void {
    this.seen.delete(absPath);
  }

  /** True when the model read the file and its text has changed since. */
  isStale(absPath: string, current: string): boolean {
    const hash = this.seen.get(absPath);
    return hash !== undefined && hash !== textHash(current);
  }
}
