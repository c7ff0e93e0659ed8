// An EditGate over real files for unit tests: records every proposal, answers with a scripted
// decision, and on acceptance writes the change with node:fs (the host does it with a WorkspaceEdit).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChangeOutcome, EditGate, ProposedChange } from '../../../src/common/agent/editGate';
import { KeyedLock } from '../../../src/common/agent/keyedLock';

/** The scripted answer of the fake user. */
export type FakeDecision = { accept: true } | { accept: false; reason?: string };

/** Records proposals; writes accepted ones to disk. */
export class FakeGate implements EditGate {
  readonly proposals: ProposedChange[] = [];
  readonly dirty = new Set<string>();
  decide: (c: ProposedChange) => FakeDecision = () => ({ accept: true });
  private readonly lock = new KeyedLock();

  async currentText(absPath: string): Promise<string | undefined> {
    return existsSync(absPath) ? readFileSync(absPath, 'utf8') : undefined;
  }

  isDirty(absPath: string): boolean {
    return this.dirty.has(absPath);
  }

  exclusive<T>(absPaths: readonly string[], fn: () => Promise<T>): Promise<T> {
    return this.lock.run(absPaths, fn);
  }

  async propose(change: ProposedChange, signal: AbortSignal, awaitingReview?: () => void): Promise<ChangeOutcome> {
    this.proposals.push(change);
    if (signal.aborted) return { status: 'stopped' };
    awaitingReview?.();
    const d = this.decide(change);
    if (!d.accept) return { status: 'rejected', ...(d.reason ? { reason: d.reason } : {}) };
    const { absPath } = change.target;
    if (change.kind === 'delete') rmSync(absPath);
    else if (change.kind === 'rename' && change.to) {
      mkdirSync(dirname(change.to.absPath), { recursive: true });
      renameSync(absPath, change.to.absPath);
    } else {
      mkdirSync(dirname(absPath), { recursive: true });
      writeFileSync(absPath, change.after ?? '');
    }
    return { status: 'applied', auto: false };
  }
}
