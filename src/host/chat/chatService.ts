import * as vscode from 'vscode';
import {
  assertNever,
  type ChatOptions,
  type ContextChip,
  type HostToWebview,
  type TurnView,
  type WebviewToHost,
} from '../../common/protocol';
import type { StoredChat } from '../../common/chat/types';
import { ApprovalBroker } from '../../common/tools/approvals';
import type { ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import type { InstructionsLoader } from '../context/instructionsLoader';
import { MentionProvider } from '../context/mentionProvider';
import { SlashCommands } from '../context/slashCommands';
import { log } from '../log';
import { contextPaths, instructionViews } from './chatContext';
import type { SummarizeOutcome } from './chatSummarizer';
import { buildChatParts, type ChatParts } from './chatParts';
import type { ChatViewHandler, ChatViewProvider } from './chatViewProvider';
import { ChipStore } from './chipStore';
import { runCodeBlockAction } from './codeBlockActions';
import { undoTurn } from './undoTurn';

type ContextMessage = Extract<
  WebviewToHost,
  {
    type:
      | 'removeChip'
      | 'setApiKey'
      | 'toolApproval'
      | 'useInstructions'
      | 'summarizeChat'
      | 'editSummary'
      | 'mentionQuery'
      | 'pickMention'
      | 'dropUris';
  }
>;

/**
 * The chat panel: puts together the turns, the chat library, the chips and the code-block actions,
 * routes each webview message to the one that handles it, and builds the `restore` state.
 */
export class ChatService implements vscode.Disposable, ChatViewHandler {
  readonly chips = new ChipStore();
  private readonly toolApprovals = new ApprovalBroker();
  /** The library, the turns, the summarizer and Agent mode: built anew by {@link restartFromStorage}. */
  private parts!: ChatParts;
  private readonly instructionsListener: vscode.Disposable;
  private readonly mentions: MentionProvider;
  private readonly slash = new SlashCommands({
    chips: this.chips,
    post: (m) => this.view.post(m),
    chipsChanged: () => this.chipsChanged(),
  });

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly keys: ApiKeyStore,
    private readonly view: ChatViewProvider,
    private readonly instructions: InstructionsLoader,
  ) {
    this.build();
    this.instructionsListener = instructions.onDidChange(() => void this.postInstructions());
    this.mentions = new MentionProvider({
      chips: this.chips,
      post: (m) => this.view.post(m),
      chipsChanged: () => this.chipsChanged(),
    });
  }

  private build(): void {
    this.parts = buildChatParts({
      context: this.context,
      keys: this.keys,
      chips: this.chips,
      approvals: this.toolApprovals,
      instructions: this.instructions,
      slash: this.slash,
      post: (m) => this.view.post(m),
      reload: () => this.reload(),
    });
  }

  /**
   * Forgets everything held in memory, as a reload of the window does: the open chat, the read
   * ledgers and the review state are then read back from storage (chats, checkpoints). For tests.
   */
  async restartFromStorage(): Promise<void> {
    await this.parts.turns.stopActive();
    this.parts.turns.dispose();
    this.build();
    await this.reload();
  }

  async handle(msg: Exclude<WebviewToHost, { type: 'ready' }>): Promise<void> {
    switch (msg.type) {
      case 'send':
      case 'stop':
      case 'regenerate':
      case 'editResend':
      case 'retry':
        await this.parts.turns.handle(msg);
        // The chips of the new message may bring a nested AGENTS.md into the next requests.
        return this.postInstructions();
      case 'newChat':
      case 'switchChat':
      case 'renameChat':
      case 'deleteChat':
      case 'exportChat':
        return this.parts.library.handle(msg);
      case 'copyText':
      case 'insertCode':
      case 'applyCode':
      case 'newFile':
      case 'openExternal':
        return runCodeBlockAction(msg);
      case 'reviewEdit':
      case 'decideEdit':
      case 'decideAllEdits':
      case 'openFile':
        return this.parts.agent.handle(msg);
      case 'undoTurn':
        return undoTurn(this.undoDeps(), msg.turnId, msg.force ?? false);
      default:
        return this.handleContext(msg);
    }
  }

  /** Chips (and the @ picker), approvals, the key, project instructions and summaries. */
  private async handleContext(msg: ContextMessage): Promise<void> {
    switch (msg.type) {
      case 'removeChip':
        this.chips.remove(msg.chipId);
        return this.chipsChanged();
      case 'setApiKey':
        await vscode.commands.executeCommand('aioCoder.setApiKey');
        return;
      case 'toolApproval':
        // The same Allow once / Deny answers a tool's read and a sensitive file picked as a chip.
        this.mentions.approvals.resolve(msg.approvalId, msg.allow);
        return this.toolApprovals.resolve(msg.approvalId, msg.allow);
      case 'mentionQuery':
        return this.mentions.query(msg.queryId, msg.query);
      case 'pickMention':
        return this.mentions.pick(msg.id);
      case 'dropUris':
        return this.mentions.drop(msg.uris);
      case 'useInstructions':
        await this.parts.library.useInstructions(msg.path, msg.use);
        return this.postInstructions();
      case 'summarizeChat':
        await this.summarize();
        return;
      case 'editSummary':
        return this.parts.summarizer.edit(msg.turnId, msg.text);
      default:
        assertNever(msg);
    }
  }

  /**
   * The whole state of the panel, sent once per webview load (and after a chat switch or an edit).
   * The reads that wait come first; the chat and the answer in flight are then taken in one
   * synchronous step, so a message handled meanwhile (a `send` typed before the panel finished
   * loading) is either wholly in the snapshot, with its request id, or posted after it.
   */
  async snapshot(): Promise<HostToWebview> {
    await this.current();
    const hasKey = await this.keys.has();
    const chats = await this.parts.library.list();
    const chat = await this.current();
    const live = this.parts.turns.live();
    return {
      type: 'restore',
      hasKey,
      chat: {
        chatId: chat.id,
        title: chat.title,
        turns: chat.turns.map((t) => (live && t.id === live.turn.id ? live.turn : t)),
        options: chat.options,
        totals: chat.totals,
        ...(live ? { activeRequestId: live.requestId } : {}),
      },
      chats,
      chips: this.chips.list(),
    };
  }

  /** The open chat, loading the most recent one (or starting one) on first use. */
  current(): Promise<StoredChat> {
    return this.parts.library.current();
  }

  /** Sends a user message and streams the answer. */
  send(text: string, options?: ChatOptions): Promise<void> {
    return this.parts.turns.send(text, options);
  }

  /** Sends a message prepared by an editor command, on the session the command opened. */
  async sendPrepared(display: string, context: string, chips: ContextChip[], session: ModelSession): Promise<void> {
    await this.parts.turns.sendPrepared(display, context, chips, session);
    await this.postInstructions();
  }

  /** Records a finished exchange made outside the panel (e.g. generated tests), so the chat keeps it. */
  recordExchange(question: string, answer: string, status?: TurnView['status']): Promise<void> {
    return this.parts.turns.recordExchange(question, answer, status);
  }

  /** Starts an empty chat (the current one stays in history). */
  newChat(): Promise<void> {
    return this.parts.library.newChat();
  }

  /** Opens another chat from history. */
  switchTo(chatId: string): Promise<void> {
    return this.parts.library.switchTo(chatId);
  }

  /** Shows the chips waiting in the input (after an editor command added one). */
  chipsChanged(): void {
    this.view.post({ type: 'chips', chips: this.chips.list() });
    void this.postInstructions();
  }

  /** Summarize chat: condenses the earlier turns into one summary turn (one model call). */
  summarize(): Promise<SummarizeOutcome> {
    return this.parts.summarizer.summarize();
  }

  /** Called after the webview got the whole state: the instruction chips follow. */
  restored(): void {
    void this.postInstructions();
    // The @ picker's first results then come from a listing made before `@` is typed.
    this.mentions.warm();
    this.slash.postList().catch((e: unknown) => log.warn(`Listing the slash commands failed: ${String(e)}`));
  }

  /** Shows the project instruction files that apply to the open chat (the chips above the input). */
  async postInstructions(): Promise<void> {
    if (!this.view.isReady) return;
    const chat = await this.current();
    try {
      const files = await this.instructions.forPaths(contextPaths(chat, this.chips.list()));
      this.view.post({ type: 'instructions', files: instructionViews(files, chat.instructionsOff) });
    } catch (e: unknown) {
      log.warn(`Listing the project instructions failed: ${String(e)}`);
    }
  }

  /** Called when the API key is set or cleared. */
  keyChanged(): void {
    void this.keys.has().then((hasKey) => this.view.post({ type: 'keyState', hasKey }));
  }

  /** Resolves when the running answer (if any) has finished. For commands and tests. */
  idle(): Promise<void> {
    return this.parts.turns.idle();
  }

  private undoDeps(): Parameters<typeof undoTurn>[0] {
    return {
      library: this.parts.library,
      agent: this.parts.agent,
      post: (m) => this.view.post(m),
      liveTurnId: () => this.parts.turns.live()?.turn.id,
    };
  }

  /** Sends the whole state again: one `restore`, then the instruction chips. */
  private async reload(): Promise<void> {
    if (!this.view.isReady) return;
    this.view.post(await this.snapshot());
    await this.postInstructions();
  }

  /** The window is closing: write the answer in flight, so it comes back "Interrupted" with its text. */
  shutdown(): Promise<void> {
    return this.parts.turns.checkpointNow();
  }

  dispose(): void {
    this.instructionsListener.dispose();
    this.mentions.dispose();
    this.slash.dispose();
    this.parts.turns.dispose();
  }
}
