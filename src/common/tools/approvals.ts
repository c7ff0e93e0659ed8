/**
 * Pending "Allow once / Deny" questions for sensitive tool reads. The tool asks and waits; the user
 * answers in the chat; Stop (or a new request) denies everything pending.
 */
export class ApprovalBroker {
  private readonly pending = new Map<string, (allow: boolean) => void>();
  private seq = 0;

  /** Opens a question; `answer` resolves to true only on an explicit Allow. */
  request(): { approvalId: string; answer: Promise<boolean> } {
    const approvalId = `approval-${++this.seq}-${Date.now().toString(36)}`;
    const answer = new Promise<boolean>((resolve) => this.pending.set(approvalId, resolve));
    return { approvalId, answer };
  }

  /** Records the user's answer; unknown or already answered ids are ignored. */
  resolve(approvalId: string, allow: boolean): void {
    const r = this.pending.get(approvalId);
    if (!r) return;
    this.pending.delete(approvalId);
    r(allow);
  }

  /** Denies every pending question. */
  cancelAll(): void {
    for (const r of this.pending.values()) r(false);
    this.pending.clear();
  }

  /** Number of questions waiting for an answer. */
  get size(): number {
    return this.pending.size;
  }
}
