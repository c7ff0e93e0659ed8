// "Undo this turn": restores the files an Agent-mode answer changed, marks the answer undone in the
// chat, and shows the result on its cards; files the user changed since are named and kept unless
// the user confirms with "Undo anyway".
import type { HostToWebview, TurnView } from '../../common/protocol';
import type { AgentService } from '../agent/agentService';
import type { ChatLibrary } from './chatLibrary';

/** What an undo needs from the chat panel. */
export interface UndoDeps {
  library: ChatLibrary;
  agent: AgentService;
  post(msg: HostToWebview): void;
  /** The answer streaming now, if any (it cannot be undone before it ends). */
  liveTurnId(): string | undefined;
}

/** Undoes one answer of the open chat. */
export async function undoTurn(deps: UndoDeps, turnId: string, force: boolean): Promise<void> {
  const chat = await deps.library.current();
  const turn: TurnView | undefined = chat.turns.find((t) => t.id === turnId && t.role === 'assistant');
  const edits = turn?.edits ?? [];
  if (!turn || turn.undone || !edits.some((e) => e.status === 'applied') || deps.liveTurnId() === turnId) return;
  const r = await deps.agent.undo(chat.id, turnId, force);
  const notice = (message: string): void => deps.post({ type: 'notice', level: 'warning', message });
  switch (r.status) {
    case 'conflicts':
      deps.post({ type: 'turnEdits', turnId, edits, conflicts: r.files });
      return;
    case 'undone':
      turn.undone = true;
      await deps.library.save(chat);
      deps.post({ type: 'turnEdits', turnId, edits, undone: true });
      return;
    case 'missing':
      notice('The checkpoint of this answer is gone, so its changes cannot be undone. Nothing was changed.');
      return;
    case 'failed':
      notice(`Undo this turn stopped: ${r.message}. Some files may already be restored; try again.`);
      return;
  }
}
