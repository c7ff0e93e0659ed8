// Agent mode for the chat: the gate of each answer, the Review / Accept / Reject routing, "Undo this
// turn" from the checkpoints in the extension's storage, and opening the files an answer changed.
import * as vscode from 'vscode';
import { changedSince } from '../../common/agent/checkpoint';
import { CheckpointStore } from '../../common/agent/checkpointStore';
import type { EditGate } from '../../common/agent/editGate';
import { KeyedLock } from '../../common/agent/keyedLock';
import { ReadLedger } from '../../common/agent/readLedger';
import { ReviewQueue } from '../../common/agent/reviewQueue';
import type { TurnAccumulator } from '../../common/chat/turnAccumulator';
import { assertNever, type HostToWebview, type WebviewToHost } from '../../common/protocol';
import { DenyList } from '../../common/tools/pathGuard';
import { resolveWorkspacePath } from '../../common/tools/workspacePaths';
import { readSettings } from '../config';
import { log } from '../log';
import { VscodeWorkspaceFs } from '../tools/vscodeWorkspaceFs';
import { currentHash } from './fileState';
import { restoreFile } from './restoreFile';
import { ReviewDiffs } from './reviewDiffs';
import { StorageFs } from './storageFs';
import { TurnEdits } from './turnEdits';

/** The webview messages about proposed changes. */
export type AgentMessage = Extract<
  WebviewToHost,
  { type: 'reviewEdit' | 'decideEdit' | 'decideAllEdits' | 'openFile' }
>;

/** What "Undo this turn" did. */
export type UndoResult =
  | { status: 'undone'; files: string[] }
  | { status: 'conflicts'; files: string[] }
  | { status: 'missing' }
  | { status: 'failed'; message: string };

/** Agent mode's long-lived state: review queue, file locks, read ledgers per chat, checkpoints. */
export class AgentService {
  private readonly queue = new ReviewQueue();
  private readonly locks = new KeyedLock();
  private readonly diffs = new ReviewDiffs();
  private readonly ledgers = new Map<string, ReadLedger>();
  private store: CheckpointStore | undefined;

  /** @param storageDir the extension's global storage folder (checkpoints go below it) */
  constructor(
    private readonly storageDir: string,
    private readonly post: (msg: HostToWebview) => void,
  ) {}

  private get checkpoints(): CheckpointStore {
    this.store ??= new CheckpointStore(new StorageFs(), `${this.storageDir.replace(/[\\/]+$/, '')}/checkpoints`);
    return this.store;
  }

  /** What the model has read in a chat (kept while the window lives). */
  ledger(chatId: string): ReadLedger {
    let l = this.ledgers.get(chatId);
    if (!l) this.ledgers.set(chatId, (l = new ReadLedger()));
    return l;
  }

  /** The gate of one Agent-mode answer. */
  gate(chatId: string, turn: TurnAccumulator, persist: () => Promise<void>): EditGate {
    return new TurnEdits({
      chatId,
      turn,
      autoApprove: readSettings().agentAutoApproveEdits,
      queue: this.queue,
      locks: this.locks,
      checkpoints: this.checkpoints,
      diffs: this.diffs,
      post: this.post,
      persist,
    });
  }

  handle(msg: AgentMessage): Promise<void> {
    switch (msg.type) {
      case 'reviewEdit':
        return this.diffs.show(msg.editId).then(() => undefined);
      case 'decideEdit':
        this.queue.decide(msg.editId, { accept: msg.accept, ...(msg.reason ? { reason: msg.reason } : {}) });
        return Promise.resolve();
      case 'decideAllEdits':
        this.queue.decideTurn(msg.turnId, { accept: msg.accept });
        return Promise.resolve();
      case 'openFile':
        return openFile(msg.path);
      default:
        return assertNever(msg);
    }
  }

  /** Restores every file a turn changed; refuses files changed since, unless `force`. */
  async undo(chatId: string, turnId: string, force: boolean): Promise<UndoResult> {
    const cp = await this.checkpoints.load(chatId, turnId);
    if (!cp) return { status: 'missing' };
    const now = new Map<string, string | null>();
    for (const f of cp.files) now.set(f.absPath, await currentHash(f.absPath));
    const conflicts = changedSince(cp, now);
    if (conflicts.length > 0 && !force) return { status: 'conflicts', files: conflicts.map((f) => f.display) };
    try {
      await this.locks.run(
        cp.files.map((f) => f.absPath),
        async () => {
          for (const f of [...cp.files].reverse()) await restoreFile(f);
        },
      );
    } catch (e: unknown) {
      const message = e instanceof Error ? e.message : String(e);
      log.error(`Undo of turn ${turnId} failed: ${message}`);
      return { status: 'failed', message };
    }
    const ledger = this.ledgers.get(chatId);
    for (const f of cp.files) ledger?.forget(f.absPath);
    await this.checkpoints.remove(chatId, turnId);
    return { status: 'undone', files: cp.files.map((f) => f.display) };
  }

  /** Prunes a deleted chat's checkpoints. */
  async removeChat(chatId: string): Promise<void> {
    this.ledgers.delete(chatId);
    await this.checkpoints.removeChat(chatId);
  }
}

/** Opens a workspace file named as the chat shows it (only inside the workspace). */
async function openFile(path: string): Promise<void> {
  const r = await resolveWorkspacePath(new VscodeWorkspaceFs(undefined), new DenyList([]), path);
  if (!r.ok || !r.exists) {
    void vscode.window.showWarningMessage(`AIO Coder: ${r.ok ? `${r.display} does not exist.` : r.error}`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(r.absPath), { preview: true });
}
