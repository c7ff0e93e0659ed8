/** The user's answer to one proposed change. */
export interface ReviewDecision {
  accept: boolean;
  /** Typed by the user; passed on to the model. */
  reason?: string;
}

interface Pending {
  turnId: string;
  resolve(d: ReviewDecision | 'stopped'): void;
}

/**
 * Changes waiting for Accept or Reject. A change waits until the user decides it (alone, or with
 * Accept all / Reject all for its turn) or its answer is stopped.
 */
export class ReviewQueue {
  private readonly pending = new Map<string, Pending>();

  /** Opens a review; `decision` resolves with the user's answer, or 'stopped'. */
  wait(editId: string, turnId: string, signal: AbortSignal): Promise<ReviewDecision | 'stopped'> {
    if (signal.aborted) return Promise.resolve('stopped');
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.settle(editId, 'stopped');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(editId, {
        turnId,
        resolve: (d) => {
          signal.removeEventListener('abort', onAbort);
          resolve(d);
        },
      });
    });
  }

  /** Records the answer for one change; unknown or already decided ids are ignored. */
  decide(editId: string, decision: ReviewDecision): boolean {
    return this.settle(editId, decision);
  }

  /** Accept all / Reject all: answers every change of `turnId` still waiting. Returns how many. */
  decideTurn(turnId: string, decision: ReviewDecision): number {
    const ids = [...this.pending].filter(([, p]) => p.turnId === turnId).map(([id]) => id);
    for (const id of ids) this.settle(id, decision);
    return ids.length;
  }

  /** True while the change waits for a decision. */
  isPending(editId: string): boolean {
    return this.pending.has(editId);
  }

  private settle(editId: string, d: ReviewDecision | 'stopped'): boolean {
    const p = this.pending.get(editId);
    if (!p) return false;
    this.pending.delete(editId);
    p.resolve(d);
    return true;
  }
}
