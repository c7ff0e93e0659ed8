import { addUsage, titleFrom } from '../../common/chat/chatFields';
import { plainErrorView } from '../../common/chat/errorView';
import { Checkpointer } from '../../common/chat/checkpointer';
import { TurnAccumulator } from '../../common/chat/turnAccumulator';
import type { TurnResult } from '../../common/chat/turnRunner';
import type { StoredChat } from '../../common/chat/types';
import { userMessageWithContext } from '../../common/prompts/chatPrompt';
import {
  assertNever,
  type ChatOptions,
  type ContextChip,
  type HostToWebview,
  type TurnView,
  type WebviewToHost,
} from '../../common/protocol';
import { readSettings } from '../config';
import { log } from '../log';
import type { SlashPlan } from '../context/slashCommands';
import type { ModelSession } from '../modelSession';
import { streamAnswer, type AnswerDeps } from './streamAnswer';
import type { ChatLibrary } from './chatLibrary';
import type { ChipStore } from './chipStore';

/** The webview messages that start or stop an answer. */
export type TurnMessage = Extract<WebviewToHost, { type: 'send' | 'stop' | 'regenerate' | 'editResend' | 'retry' }>;

/** What the turn controller needs besides what an answer needs. */
export interface TurnDeps extends AnswerDeps {
  library: ChatLibrary;
  chips: ChipStore;
  /** Sends the whole state again (after an edit or a regenerate): one `restore`. */
  reload(): Promise<void>;
  /** Slash commands: what a typed `/command …` asks for (absent: text is sent as typed). */
  slash?: { prepare(text: string, addEditorChip?: boolean): Promise<SlashPlan | undefined> };
}

interface ActiveRequest {
  requestId: string;
  controller: AbortController;
  turn: TurnAccumulator;
  done: Promise<void>;
  /** Writes the answer in flight every 2 s at most, so a crash loses at most that much. */
  checkpoint: Checkpointer;
}

/**
 * The turns of the open chat: asks (typed, or prepared by an editor command), answers one at a
 * time, stops, regenerates, edits and resends. It owns the one AbortController of the running answer.
 */
export class TurnController {
  private active: ActiveRequest | undefined;
  private seq = 0;

  constructor(private readonly deps: TurnDeps) {}

  handle(msg: TurnMessage): Promise<void> {
    switch (msg.type) {
      case 'send':
        return this.send(msg.text, msg.options);
      case 'stop':
        return this.stop(msg.requestId);
      case 'regenerate':
        return this.regenerate(msg.options);
      case 'editResend':
        return this.editResend(msg.turnId, msg.text, msg.options);
      case 'retry':
        return this.retry(msg.turnId, msg.options);
      default:
        return assertNever(msg);
    }
  }

  /** The answer streaming now, with its turn as it stands. */
  live(): { requestId: string; turn: TurnView } | undefined {
    return this.active && { requestId: this.active.requestId, turn: this.active.turn.view() };
  }

  /** Sends a user message (from the input, or from an editor command) and streams the answer. */
  async send(text: string, options?: ChatOptions): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    await this.stopActive();
    const plan = await this.deps.slash?.prepare(trimmed);
    if (plan?.kind === 'clear') {
      await this.deps.library.newChat();
      return plan.rest ? this.send(plan.rest, options) : undefined;
    }
    const chat = await this.deps.library.current();
    if (options) chat.options = options;
    const { chips, context } = await this.deps.chips.take(Math.floor(readSettings().contextWindowTokens * 3.5 * 0.5));
    this.deps.post({ type: 'chips', chips: [] });
    const userTurn: TurnView = { id: this.turnId(), role: 'user', text: trimmed, status: 'done' };
    if (chips.length > 0) userTurn.chips = chips;
    if (context.length > 0) userTurn.context = userMessageWithContext('', context).trimEnd();
    // The turn shows what was typed; a command's instructions go before its context.
    if (plan) userTurn.command = plan.preamble;
    await this.ask(chat, userTurn);
  }

  /**
   * Sends a message prepared by an editor command: `display` is what the user sees, `context` the
   * full prompt text sent before it (selection with line numbers, diagnostics…), `chips` what it came
   * from. The command has opened the model session already, so its checks do not run again.
   */
  async sendPrepared(display: string, context: string, chips: ContextChip[], session: ModelSession): Promise<void> {
    await this.stopActive();
    const chat = await this.deps.library.current();
    await this.ask(chat, { id: this.turnId(), role: 'user', text: display, status: 'done', context, chips }, session);
  }

  /** Records a finished exchange made outside the panel (e.g. generated tests), so the chat keeps it. */
  async recordExchange(question: string, answer: string, status: TurnView['status'] = 'done'): Promise<void> {
    const chat = await this.deps.library.current();
    const user: TurnView = { id: this.turnId(), role: 'user', text: question, status: 'done' };
    const reply: TurnView = { id: this.turnId(), role: 'assistant', text: answer, status };
    if (chat.turns.length === 0) chat.title = titleFrom(question);
    chat.turns.push(user, reply);
    this.deps.post({ type: 'turnAdded', turn: user });
    this.deps.post({ type: 'turnAdded', turn: reply });
    await this.save(chat);
  }

  /** Stops the request `requestId` if it is the running one (a stale id is ignored). */
  async stop(requestId?: string): Promise<void> {
    if (this.active && (requestId === undefined || this.active.requestId === requestId)) await this.stopActive();
  }

  /** Stops the running answer, if any, and resolves once it has ended. */
  async stopActive(): Promise<void> {
    const a = this.active;
    if (!a) return;
    a.controller.abort();
    this.deps.approvals.cancelAll();
    await a.done;
  }

  /** Resolves when the running answer (if any) has finished. For commands and tests. */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  /** Writes the answer in flight as it stands (the window is closing): it comes back "Interrupted". */
  async checkpointNow(): Promise<void> {
    await this.active?.checkpoint.flush();
  }

  dispose(): void {
    this.active?.controller.abort();
    this.deps.approvals.cancelAll();
  }

  /** Answers the last user message again, replacing the last answer. */
  private async regenerate(options?: ChatOptions): Promise<void> {
    await this.stopActive();
    const chat = await this.deps.library.current();
    const lastUser = chat.turns.map((t) => t.role).lastIndexOf('user');
    // A summary is not a question: right after one there is no answer to regenerate.
    if (lastUser < 0 || chat.turns[lastUser]?.summaryOf !== undefined) return;
    if (options) chat.options = options;
    chat.turns.splice(lastUser + 1);
    await this.deps.reload();
    await this.answer(chat);
  }

  /** Replaces a user message's text, drops everything after it, and answers again. */
  private async editResend(turnId: string, text: string, options?: ChatOptions): Promise<void> {
    if (!text.trim()) return;
    await this.stopActive();
    const chat = await this.deps.library.current();
    const idx = chat.turns.findIndex((t) => t.id === turnId && t.role === 'user');
    const turn = chat.turns[idx];
    if (idx < 0 || !turn) return;
    if (options) chat.options = options;
    turn.text = text.trim();
    // The edited text may name another command, or none: its instructions follow (no chip is added now).
    const plan = await this.deps.slash?.prepare(turn.text, false);
    if (plan?.kind === 'prompt') turn.command = plan.preamble;
    else delete turn.command;
    chat.turns.splice(idx + 1);
    if (idx === 0) chat.title = titleFrom(turn.text);
    await this.deps.reload();
    await this.answer(chat);
  }

  /** Retries a failed answer; only the last answer can be retried (older cards are history). */
  private async retry(turnId: string, options?: ChatOptions): Promise<void> {
    const chat = await this.deps.library.current();
    if (chat.turns.at(-1)?.id === turnId) await this.regenerate(options);
  }

  /** Adds the user's turn to the chat and answers it. */
  private async ask(chat: StoredChat, userTurn: TurnView, session?: ModelSession): Promise<void> {
    if (chat.turns.length === 0) chat.title = titleFrom(userTurn.text);
    chat.turns.push(userTurn);
    this.deps.post({ type: 'turnAdded', turn: userTurn });
    await this.answer(chat, session);
  }

  /** Streams a new assistant turn answering the chat's last user message. */
  private async answer(chat: StoredChat, session?: ModelSession): Promise<void> {
    const turn = new TurnAccumulator(this.turnId());
    turn.setMode(chat.options.mode);
    const checkpoint = new Checkpointer(() => this.save(chat, true));
    const { requestId, signal, release } = this.begin(turn, checkpoint);
    chat.turns.push(turn.view());
    this.deps.post({ type: 'turnAdded', turn: turn.view() });
    this.deps.post({ type: 'streamStart', requestId, turnId: turn.id });
    await this.save(chat);
    // Every batch the webview gets (at most one per frame) is a change worth a checkpoint.
    const post = (m: HostToWebview): void => {
      this.deps.post(m);
      if (m.type === 'delta' || m.type === 'toolStatus') checkpoint.notify();
    };
    let result: TurnResult | undefined;
    try {
      const persist = (): Promise<void> => this.save(chat);
      result = await streamAnswer({ ...this.deps, post }, chat, { requestId, turn, signal, persist }, session);
    } catch (e: unknown) {
      log.error(`Chat request failed unexpectedly: ${String(e)}`);
      turn.end('error', plainErrorView('protocol', `Unexpected error: ${e instanceof Error ? e.message : String(e)}`));
    } finally {
      await checkpoint.close();
      this.finish(chat, requestId, turn, result);
      release();
    }
    await this.save(chat);
    await this.deps.library.postList();
  }

  /** Makes `turn` the running answer; `release` marks it ended (stopActive and idle wait for that). */
  private begin(
    turn: TurnAccumulator,
    checkpoint: Checkpointer,
  ): { requestId: string; signal: AbortSignal; release: () => void } {
    const requestId = `r${Date.now().toString(36)}${(this.seq++).toString(36)}`;
    const controller = new AbortController();
    let release: () => void = () => {};
    const done = new Promise<void>((r) => {
      release = r;
    });
    this.active = { requestId, controller, turn, done, checkpoint };
    return { requestId, signal: controller.signal, release };
  }

  /** Puts the final turn in the chat, adds its usage to the totals and tells the webview the stream ended. */
  private finish(chat: StoredChat, requestId: string, turn: TurnAccumulator, result: TurnResult | undefined): void {
    const view = turn.view();
    const idx = chat.turns.findIndex((t) => t.id === turn.id);
    if (idx >= 0) chat.turns[idx] = view;
    chat.totals = addUsage(chat.totals, view.usage);
    chat.updatedAt = Date.now();
    if (this.active?.requestId === requestId) this.active = undefined;
    const reason = view.status === 'stopped' || view.status === 'error' ? view.status : 'done';
    this.deps.post({
      type: 'streamEnd',
      requestId,
      reason,
      totals: chat.totals,
      ...(view.usage ? { usage: view.usage } : {}),
      ...(view.error ? { error: view.error } : {}),
    });
    if (result?.error) log.warn(`Request ${requestId} failed: ${result.error.kind}: ${result.error.message}`);
  }

  private turnId(): string {
    return `t${Date.now().toString(36)}${(this.seq++).toString(36)}`;
  }

  /** Saves a chat, with the streaming turn (if any) as it stands now; a `quiet` failure is only logged. */
  private save(chat: StoredChat, quiet = false): Promise<void> {
    return this.deps.library.save(chat, this.active?.turn.view(), quiet);
  }
}
