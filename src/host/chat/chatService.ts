import * as vscode from 'vscode';
import { Disposable } from '../../common/disposable';
import {
  assertNever,
  type ChatOptions,
  type ContextChip,
  type HostToWebview,
  type TurnView,
  type WebviewToHost,
} from '../../common/protocol';
import type { StoredChat } from '../../common/chat/types';
import { titleFrom, addUsage } from '../../common/chat/historyCodec';
import { TurnAccumulator } from '../../common/chat/turnAccumulator';
import { runTurn, type TurnResult } from '../../common/chat/turnRunner';
import { plainErrorView } from '../../common/chat/errorView';
import { chatSystemPrompt, historyMessages, userMessageWithContext } from '../../common/prompts/chatPrompt';
import type { ChatMessage } from '../../common/llm/types';
import { validateBaseUrl } from '../../common/llm/baseUrl';
import { readSettings } from '../config';
import type { ApiKeyStore } from '../secrets';
import type { ChatViewProvider, ChatViewHandler } from './chatViewProvider';
import { ChipStore } from './chipStore';
import { ChatLibrary } from './chatLibrary';
import { createModelStream } from '../modelSession';
import { createToolExecutor } from '../tools/toolExecutor';
import { applyCode, copyText, insertAtCursor, newFileWith, openExternal } from './codeBlockActions';
import { log } from '../log';
import { ApprovalBroker } from '../../common/tools/approvals';

interface ActiveRequest {
  requestId: string;
  controller: AbortController;
  turn: TurnAccumulator;
  done: Promise<void>;
}

/** The chat panel's logic: the open chat, its history, the running request and the routing of webview messages. */
export class ChatService extends Disposable implements ChatViewHandler {
  readonly chips = new ChipStore();
  readonly toolApprovals = new ApprovalBroker();
  private readonly library: ChatLibrary;
  private active: ActiveRequest | undefined;
  private seq = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly keys: ApiKeyStore,
    private readonly view: ChatViewProvider,
  ) {
    super();
    this.library = new ChatLibrary(context.globalStorageUri.fsPath, (notice) => {
      log.warn(notice);
      this.view.post({ type: 'notice', level: 'warning', message: notice });
      void vscode.window.showWarningMessage(`AIO Coder: ${notice}`);
    });
  }

  private defaults = (): ChatOptions => {
    const s = readSettings();
    return { includeThoughts: s.includeThoughts, reasoningEffort: s.reasoningEffort };
  };

  /** The open chat, loading the most recent one (or starting one) on first use. */
  current(): Promise<StoredChat> {
    return this.library.current(this.defaults);
  }

  async snapshot(): Promise<HostToWebview> {
    const chat = await this.current();
    const turns = chat.turns.map((t) => (this.active && t.id === this.active.turn.id ? this.active.turn.view() : t));
    return {
      type: 'restore',
      hasKey: await this.keys.has(),
      chat: {
        chatId: chat.id,
        title: chat.title,
        turns,
        options: chat.options,
        totals: chat.totals,
        ...(this.active ? { activeRequestId: this.active.requestId } : {}),
      },
      chats: await this.library.list(),
      chips: this.chips.list(),
    };
  }

  async handle(msg: Exclude<WebviewToHost, { type: 'ready' }>): Promise<void> {
    switch (msg.type) {
      case 'send':
        return this.send(msg.text, msg.options);
      case 'stop':
        return this.stop(msg.requestId);
      case 'regenerate':
        return this.regenerate();
      case 'editResend':
        return this.editResend(msg.turnId, msg.text);
      case 'retry':
        return this.retry(msg.turnId);
      case 'newChat':
        return this.newChat();
      case 'switchChat':
        return this.switchTo(msg.chatId);
      case 'renameChat':
        return this.renameChat(msg.chatId, msg.title);
      case 'deleteChat':
        return this.deleteChat(msg.chatId);
      case 'exportChat':
        return this.library.export(msg.chatId);
      case 'setOptions':
        return this.setOptions(msg.options);
      case 'removeChip':
        this.chips.remove(msg.chipId);
        this.view.post({ type: 'chips', chips: this.chips.list() });
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand('aioCoder.setApiKey');
        return;
      case 'openExternal':
        await openExternal(msg.url);
        return;
      case 'copyText':
        return copyText(msg.text);
      case 'insertCode':
        await insertAtCursor(msg.code);
        return;
      case 'applyCode':
        return applyCode(msg.code);
      case 'newFile':
        return newFileWith(msg.code, msg.language);
      case 'toolApproval':
        this.toolApprovals.resolve(msg.approvalId, msg.allow);
        return;
      default:
        assertNever(msg);
    }
  }

  /** Sends a user message (from the input, or from an editor command) and streams the answer. */
  async send(text: string, options?: ChatOptions): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    await this.stopActive();
    const chat = await this.current();
    if (options) chat.options = options;
    const s = readSettings();
    const { chips, context } = await this.chips.take(Math.floor(s.contextWindowTokens * 3.5 * 0.5));
    this.view.post({ type: 'chips', chips: [] });
    const userTurn: TurnView = { id: this.turnId(), role: 'user', text: trimmed, status: 'done' };
    if (chips.length > 0) userTurn.chips = chips;
    if (context.length > 0) userTurn.context = userMessageWithContext('', context).trimEnd();
    if (chat.turns.length === 0) chat.title = titleFrom(trimmed);
    chat.turns.push(userTurn);
    this.view.post({ type: 'turnAdded', turn: userTurn });
    await this.answer(chat);
  }

  /**
   * Sends a message prepared by an editor command: `display` is what the user sees, `context` the
   * full prompt text sent before it (selection with line numbers, diagnostics…), `chips` what it came from.
   */
  async sendPrepared(display: string, context: string, chips: ContextChip[]): Promise<void> {
    await this.stopActive();
    const chat = await this.current();
    const userTurn: TurnView = { id: this.turnId(), role: 'user', text: display, status: 'done', context, chips };
    if (chat.turns.length === 0) chat.title = titleFrom(display);
    chat.turns.push(userTurn);
    this.view.post({ type: 'turnAdded', turn: userTurn });
    await this.answer(chat);
  }

  /** Records a finished exchange made outside the panel (e.g. generated tests), so the chat keeps it. */
  async recordExchange(question: string, answer: string, status: TurnView['status'] = 'done'): Promise<void> {
    const chat = await this.current();
    const user: TurnView = { id: this.turnId(), role: 'user', text: question, status: 'done' };
    const reply: TurnView = { id: this.turnId(), role: 'assistant', text: answer, status };
    if (chat.turns.length === 0) chat.title = titleFrom(question);
    chat.turns.push(user, reply);
    this.view.post({ type: 'turnAdded', turn: user });
    this.view.post({ type: 'turnAdded', turn: reply });
    await this.save(chat);
  }

  /** Shows the chips waiting in the input (after an editor command added one). */
  chipsChanged(): void {
    this.view.post({ type: 'chips', chips: this.chips.list() });
  }

  private turnId(): string {
    return `t${Date.now().toString(36)}${(this.seq++).toString(36)}`;
  }

  /** Streams a new assistant turn answering the chat's last user message. */
  private async answer(chat: StoredChat): Promise<void> {
    const s = readSettings();
    const requestId = `r${Date.now().toString(36)}${(this.seq++).toString(36)}`;
    const turn = new TurnAccumulator(this.turnId());
    chat.turns.push(turn.view());
    const controller = new AbortController();
    let release: () => void = () => {};
    this.active = {
      requestId,
      controller,
      turn,
      done: new Promise<void>((r) => {
        release = r;
      }),
    };
    this.view.post({ type: 'turnAdded', turn: turn.view() });
    this.view.post({ type: 'streamStart', requestId, turnId: turn.id });
    await this.save(chat);
    let result: TurnResult | undefined;
    try {
      result = await this.runAnswer(chat, requestId, turn, controller.signal, s);
    } catch (e: unknown) {
      log.error(`Chat request failed unexpectedly: ${String(e)}`);
      turn.end('error', plainErrorView('protocol', `Unexpected error: ${e instanceof Error ? e.message : String(e)}`));
    } finally {
      this.finishAnswer(chat, requestId, turn, result);
      release();
    }
    await this.save(chat);
    this.view.post({ type: 'chatList', chats: await this.library.list() });
  }

  private async runAnswer(
    chat: StoredChat,
    requestId: string,
    turn: TurnAccumulator,
    signal: AbortSignal,
    s: ReturnType<typeof readSettings>,
  ): Promise<TurnResult | undefined> {
    const problem = validateBaseUrl(s.baseUrl);
    const key = await this.keys.get();
    if (problem || !key) {
      turn.end(
        'error',
        problem
          ? plainErrorView('bad_request', `${problem} (setting aioCoder.baseUrl)`)
          : plainErrorView('auth', 'No API key is set. Set your API in One key (aio_…) to start chatting.'),
      );
      return undefined;
    }
    const tools = s.toolsEnabled ? createToolExecutor(this.toolApprovals, s) : undefined;
    const messages: ChatMessage[] = [
      { role: 'system', content: chatSystemPrompt({ toolsEnabled: !!tools, workspaceName: vscode.workspace.name }) },
      ...historyMessages(
        chat.turns.filter((t) => t.id !== turn.id),
        (t) => (t.context ? `${t.context}\n\n${t.text}` : t.text),
      ),
    ];
    return runTurn(
      {
        stream: createModelStream(s, key.key, this.context.logUri),
        post: (m) => this.view.post(m),
        tools,
        maxToolRounds: s.toolsMaxRounds,
      },
      {
        requestId,
        turn,
        signal,
        messages,
        base: {
          model: s.model,
          stream: s.stream,
          includeThoughts: chat.options.includeThoughts,
          reasoningEffort: chat.options.reasoningEffort,
        },
      },
    );
  }

  private finishAnswer(
    chat: StoredChat,
    requestId: string,
    turn: TurnAccumulator,
    result: TurnResult | undefined,
  ): void {
    const view = turn.view();
    const idx = chat.turns.findIndex((t) => t.id === turn.id);
    if (idx >= 0) chat.turns[idx] = view;
    chat.totals = addUsage(chat.totals, view.usage);
    chat.updatedAt = Date.now();
    if (this.active?.requestId === requestId) this.active = undefined;
    const reason = view.status === 'streaming' ? 'done' : view.status;
    this.view.post({
      type: 'streamEnd',
      requestId,
      reason,
      totals: chat.totals,
      ...(view.usage ? { usage: view.usage } : {}),
      ...(view.error ? { error: view.error } : {}),
    });
    if (result?.error) log.warn(`Request ${requestId} failed: ${result.error.kind}: ${result.error.message}`);
  }

  /** Stops the request `requestId` if it is the running one (a stale id is ignored). */
  async stop(requestId?: string): Promise<void> {
    if (this.active && (requestId === undefined || this.active.requestId === requestId)) await this.stopActive();
  }

  private async stopActive(): Promise<void> {
    const a = this.active;
    if (!a) return;
    a.controller.abort();
    this.toolApprovals.cancelAll();
    await a.done;
  }

  /** Answers the last user message again, replacing the last answer. */
  private async regenerate(): Promise<void> {
    await this.stopActive();
    const chat = await this.current();
    const lastUser = chat.turns.map((t) => t.role).lastIndexOf('user');
    if (lastUser < 0) return;
    chat.turns.splice(lastUser + 1);
    await this.reload();
    await this.answer(chat);
  }

  /** Replaces a user message's text, drops everything after it, and answers again. */
  private async editResend(turnId: string, text: string): Promise<void> {
    if (!text.trim()) return;
    await this.stopActive();
    const chat = await this.current();
    const idx = chat.turns.findIndex((t) => t.id === turnId && t.role === 'user');
    if (idx < 0) return;
    const turn = chat.turns[idx];
    if (!turn) return;
    turn.text = text.trim();
    chat.turns.splice(idx + 1);
    if (idx === 0) chat.title = titleFrom(turn.text);
    await this.reload();
    await this.answer(chat);
  }

  /** Retries a failed answer; only the last answer can be retried (older cards are history). */
  private async retry(turnId: string): Promise<void> {
    const chat = await this.current();
    if (chat.turns.at(-1)?.id === turnId) await this.regenerate();
  }

  /** Starts an empty chat (the current one stays in history). */
  async newChat(): Promise<void> {
    await this.stopActive();
    this.library.startNew(this.defaults());
    await this.reload();
    this.view.post({ type: 'focusInput' });
  }

  /** Opens another chat from history. */
  async switchTo(chatId: string): Promise<void> {
    if (this.library.currentId === chatId) return;
    await this.stopActive();
    if (await this.library.open(chatId)) await this.reload();
    else this.view.post({ type: 'chatList', chats: await this.library.list() });
  }

  private async renameChat(chatId: string, title: string): Promise<void> {
    const t = title.trim();
    if (!t) return;
    await this.library.rename(chatId, t);
    this.view.post({ type: 'chatList', chats: await this.library.list() });
  }

  private async deleteChat(chatId: string): Promise<void> {
    if (this.library.currentId === chatId) await this.stopActive();
    const { reopened } = await this.library.delete(chatId, this.defaults);
    if (reopened) await this.reload();
    else this.view.post({ type: 'chatList', chats: await this.library.list() });
  }

  private async setOptions(options: ChatOptions): Promise<void> {
    const chat = await this.current();
    chat.options = options;
    if (chat.turns.length > 0) await this.save(chat);
  }

  /** Sends the whole state again (after a chat switch or an edit): one `restore`. */
  private async reload(): Promise<void> {
    if (this.view.isReady) this.view.post(await this.snapshot());
  }

  /** Called when the API key is set or cleared. */
  keyChanged(): void {
    void this.keys.has().then((hasKey) => this.view.post({ type: 'keyState', hasKey }));
  }

  /** Saves a chat, with the streaming turn (if any) as it stands now. */
  private save(chat: StoredChat): Promise<void> {
    return this.library.save(chat, this.active?.turn.view());
  }

  /** Resolves when the running answer (if any) has finished. For commands and tests. */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  override dispose(): void {
    this.active?.controller.abort();
    this.toolApprovals.cancelAll();
    super.dispose();
  }
}
