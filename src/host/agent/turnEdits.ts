// The EditGate of one Agent-mode answer: each proposed change becomes a card, waits for Accept or
// Reject (or is applied at once under aioCoder.agent.autoApproveEdits, never for delete or rename),
// and before the turn first writes a file its original content goes into the turn's checkpoint.
import type { ChangeOutcome, EditGate, ProposedChange } from '../../common/agent/editGate';
import { fileIn, newCheckpoint, type Checkpoint } from '../../common/agent/checkpoint';
import type { CheckpointStore } from '../../common/agent/checkpointStore';
import type { KeyedLock } from '../../common/agent/keyedLock';
import type { ReviewQueue } from '../../common/agent/reviewQueue';
import type { TurnAccumulator } from '../../common/chat/turnAccumulator';
import type { FileEditKind, FileEditView, HostToWebview } from '../../common/protocol';
import { log } from '../log';
import { currentHash, currentText, isDirty, snapshot } from './fileState';
import type { ReviewDiffs } from './reviewDiffs';
import { writeChange, type WriteResult } from './writeChange';

/** Changes that `aioCoder.agent.autoApproveEdits` may apply without review. */
const AUTO_KINDS: ReadonlySet<FileEditKind> = new Set(['edit', 'create', 'overwrite']);

/** What one answer's gate works with. */
export interface TurnEditsDeps {
  chatId: string;
  turn: TurnAccumulator;
  autoApprove: boolean;
  queue: ReviewQueue;
  locks: KeyedLock;
  checkpoints: CheckpointStore;
  diffs: ReviewDiffs;
  post(msg: HostToWebview): void;
  /** Saves the chat with the turn as it stands (so the cards survive a reload). */
  persist(): Promise<void>;
}

let seq = 0;

/** Reviews and writes the changes of one answer. */
export class TurnEdits implements EditGate {
  private checkpoint: Checkpoint | undefined;
  /** Card id → the position of its tool call, so cards read in the model's order. */
  private readonly order = new Map<string, number>();

  constructor(private readonly deps: TurnEditsDeps) {}

  currentText(absPath: string): Promise<string | undefined> {
    return currentText(absPath);
  }

  isDirty(absPath: string): boolean {
    return isDirty(absPath);
  }

  exclusive<T>(absPaths: readonly string[], fn: () => Promise<T>): Promise<T> {
    return this.deps.locks.run(absPaths, fn);
  }

  async propose(change: ProposedChange, signal: AbortSignal, awaitingReview?: () => void): Promise<ChangeOutcome> {
    if (signal.aborted) return { status: 'stopped' };
    const card: FileEditView = {
      id: `edit-${Date.now().toString(36)}-${(seq++).toString(36)}`,
      kind: change.kind,
      path: change.target.display,
      ...(change.to ? { newPath: change.to.display } : {}),
      added: change.added,
      removed: change.removed,
      status: 'pending',
    };
    this.order.set(card.id, change.seq);
    const auto = this.deps.autoApprove && AUTO_KINDS.has(change.kind);
    if (!auto) {
      awaitingReview?.();
      const decision = await this.review(card, change, signal);
      if (decision === 'stopped') {
        this.show({ ...card, status: 'rejected', note: 'Stopped before a decision.' });
        return { status: 'stopped' };
      }
      if (!decision.accept) {
        const reason = decision.reason?.trim();
        this.show({ ...card, status: 'rejected', ...(reason ? { note: reason } : {}) });
        return { status: 'rejected', ...(reason ? { reason } : {}) };
      }
    }
    return this.write(card, change, auto);
  }

  private async review(card: FileEditView, change: ProposedChange, signal: AbortSignal) {
    this.show(card);
    this.deps.diffs.add(card.id, change);
    try {
      return await this.deps.queue.wait(card.id, this.deps.turn.id, signal);
    } finally {
      await this.deps.diffs.remove(card.id);
    }
  }

  private async write(card: FileEditView, change: ProposedChange, auto: boolean): Promise<ChangeOutcome> {
    let r: WriteResult;
    try {
      await this.keep(change);
      r = await writeChange(change);
    } catch (e: unknown) {
      const message = e instanceof Error ? e.message : String(e);
      log.error(`Writing the agent change to ${change.target.display} failed: ${message}`);
      this.show({ ...card, status: 'failed', note: message });
      return { status: 'failed', message };
    }
    if (!r.ok) {
      this.show({ ...card, status: r.stale ? 'stale' : 'failed', note: r.message });
      return r.stale ? { status: 'stale' } : { status: 'failed', message: r.message };
    }
    // The file is written: whatever happens to the checkpoint now, the change is applied.
    const settled = await this.settle(r.after).then(
      () => true,
      (e: unknown) => {
        log.error(`Updating the checkpoint after ${change.target.display} failed: ${String(e)}`);
        return false;
      },
    );
    const note = settled
      ? {}
      : { note: 'Undo this turn will report this file as changed since (its checkpoint was not updated).' };
    this.show({ ...card, status: 'applied', ...(auto ? { auto: true } : {}), ...note });
    await this.deps.persist();
    return { status: 'applied', auto };
  }

  /** Records the files a change touches in the turn's checkpoint, before the first write to each. */
  private async keep(change: ProposedChange): Promise<void> {
    const cp = (this.checkpoint ??= newCheckpoint(this.deps.chatId, this.deps.turn.id, Date.now()));
    let added = false;
    for (const p of [change.target, ...(change.to ? [change.to] : [])]) {
      if (fileIn(cp, p.absPath)) continue;
      const before = await snapshot(p.absPath);
      cp.files.push({ absPath: p.absPath, display: p.display, before, afterHash: await currentHash(p.absPath) });
      added = true;
    }
    if (added) await this.deps.checkpoints.save(cp);
  }

  /** Records what the write left in each file, for the undo's "changed since" check. */
  private async settle(after: ReadonlyMap<string, string | null>): Promise<void> {
    const cp = this.checkpoint;
    if (!cp) return;
    for (const [absPath, hash] of after) {
      const f = fileIn(cp, absPath);
      if (f) f.afterHash = hash;
    }
    await this.deps.checkpoints.save(cp);
  }

  private show(card: FileEditView): void {
    const { turn } = this.deps;
    const at = (e: FileEditView): number => this.order.get(e.id) ?? Number.MAX_SAFE_INTEGER;
    const edits = [...turn.editList().filter((e) => e.id !== card.id), card].sort((a, b) => at(a) - at(b));
    turn.setEdits(edits);
    this.deps.post({ type: 'turnEdits', turnId: turn.id, edits });
  }
}
