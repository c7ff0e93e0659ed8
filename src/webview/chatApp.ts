import type {
  ChatSnapshot,
  ChatSummary,
  ContextChip,
  ErrorView,
  FileEditView,
  HostToWebview,
  InstructionFileView,
  MentionItem,
  SlashCommandView,
  ToolCallView,
  TurnView,
  UsageView,
  WebviewToHost,
} from '../common/protocol';
import { Announcer } from './a11y';
import { Composer } from './composer';
import { el } from './dom';
import { HeaderView } from './headerView';
import { HistoryView } from './historyView';
import { InstructionsView } from './instructionsView';
import { createNotice, createOnboarding } from './onboarding';
import { TranscriptView } from './transcriptView';
import type { UiState } from './vscodeApi';

/** What the app needs from its surroundings (the VS Code API, or a test stand-in). */
export interface AppHost {
  post(message: WebviewToHost): void;
  saveUiState(patch: Partial<UiState>): void;
}

type RestoreMessage = Extract<HostToWebview, { type: 'restore' }>;

/** Holds the view state of the chat panel and routes host messages to the views. */
export class ChatApp {
  private readonly announcer = new Announcer();
  private readonly header: HeaderView;
  private readonly history: HistoryView;
  private readonly transcript: TranscriptView;
  private readonly composer: Composer;
  private readonly instructions: InstructionsView;
  private readonly onboarding: HTMLElement;
  private readonly notices = el('div', { class: 'notices' });
  private current: { requestId: string; turnId: string } | undefined;
  private chatId = '';
  private restoredOnce = false;
  private scrollSave = 0;

  constructor(
    root: HTMLElement,
    private readonly host: AppHost,
    private readonly ui: UiState,
  ) {
    const post = (m: WebviewToHost): void => host.post(this.withOptions(m));
    this.header = new HeaderView(post, () => this.toggleHistory());
    this.history = new HistoryView(post, () => this.toggleHistory(false));
    this.transcript = new TranscriptView(post, this.announcer, () => this.saveScroll());
    this.composer = new Composer(
      { post, saveDraft: (draft) => host.saveUiState({ draft }), currentRequestId: () => this.current?.requestId },
      ui.draft,
    );
    this.onboarding = createOnboarding(post);
    this.instructions = new InstructionsView(post);
    this.composer.element.prepend(this.instructions.element);
    root.replaceChildren(
      this.header.element,
      this.notices,
      this.history.element,
      this.onboarding,
      this.transcript.element,
      this.composer.element,
      this.announcer.element,
    );
  }

  restore(msg: RestoreMessage): void {
    this.setHasKey(msg.hasKey);
    this.loadChat(msg.chat);
    this.setChats(msg.chats);
    this.composer.setChips(msg.chips);
  }

  setHasKey(hasKey: boolean): void {
    this.onboarding.hidden = hasKey;
    this.transcript.element.hidden = !hasKey;
    this.composer.element.hidden = !hasKey;
    document.body.classList.toggle('no-key', !hasKey);
  }

  setChats(chats: ChatSummary[]): void {
    this.history.setChats(chats, this.chatId);
    const open = chats.find((c) => c.id === this.chatId);
    if (open) this.header.setTitle(open.title);
  }

  setChips(chips: ContextChip[]): void {
    this.composer.setChips(chips);
  }

  setInstructions(files: InstructionFileView[]): void {
    this.instructions.setFiles(files);
  }

  mentionResults(queryId: number, items: MentionItem[], partial: boolean): void {
    this.composer.mentionResults(queryId, items, partial);
  }

  setSlashCommands(commands: SlashCommandView[]): void {
    this.composer.setSlashCommands(commands);
  }

  askChipApproval(approvalId: string, path: string): void {
    this.composer.askChipApproval(approvalId, path);
  }

  contextNote(requestId: string, turnId: string, note: string): void {
    if (this.current?.requestId === requestId) this.transcript.contextNote(turnId, note);
  }

  addTurn(turn: TurnView): void {
    this.transcript.addTurn(turn);
  }

  streamStart(requestId: string, turnId: string): void {
    if (this.current && this.current.requestId !== requestId)
      this.transcript.answer(this.current.turnId)?.end('stopped', undefined, undefined);
    this.setCurrent({ requestId, turnId });
    this.transcript.startAnswer(turnId);
  }

  delta(requestId: string, text: string | undefined, reasoning: string | undefined): void {
    const answer = this.currentAnswer(requestId);
    if (!answer) return;
    answer.appendDelta(text, reasoning);
    this.transcript.followOutput(false);
  }

  toolStatus(requestId: string, call: ToolCallView, approvalId: string | undefined): void {
    this.currentAnswer(requestId)?.toolStatus(call, approvalId);
    this.transcript.followOutput(false);
  }

  /** Change cards and undo state of an answer (not only the streaming one: undo comes later). */
  turnEdits(turnId: string, edits: FileEditView[], undone: boolean, conflicts?: string[]): void {
    this.transcript.answer(turnId)?.setEdits(edits, undone, conflicts);
    if (undone) this.announcer.announce('Every change of this answer was undone.');
    else if (conflicts?.length) this.announcer.announce(`Not undone: ${conflicts.join(', ')} changed since.`);
  }

  retrying(requestId: string, attempt: number, maxAttempts: number, delayMs: number): void {
    const answer = this.currentAnswer(requestId);
    if (!answer) return;
    answer.retrying(attempt, maxAttempts, delayMs);
    this.announcer.announce(`Retrying in ${Math.ceil(delayMs / 1000)} seconds, attempt ${attempt} of ${maxAttempts}.`);
  }

  streamEnd(
    requestId: string,
    reason: 'done' | 'stopped' | 'error',
    usage?: UsageView,
    totals?: UsageView,
    error?: ErrorView,
  ): void {
    const current = this.current;
    if (!current || current.requestId !== requestId) return;
    this.setCurrent(undefined);
    this.transcript.endAnswer(current.turnId, reason, usage, error);
    if (totals) this.header.setTotals(totals);
  }

  focusInput(): void {
    this.composer.focus();
  }

  notice(level: 'info' | 'warning', message: string): void {
    this.notices.append(createNotice(level, message));
  }

  /** Escape: stop the running answer, if any. */
  stop(): boolean {
    return this.composer.requestStop();
  }

  /** Regenerate, edit and retry start an answer too: they carry the options shown now, as `send` does. */
  private withOptions(m: WebviewToHost): WebviewToHost {
    return m.type === 'regenerate' || m.type === 'editResend' || m.type === 'retry'
      ? { ...m, options: this.composer.options }
      : m;
  }

  private loadChat(chat: ChatSnapshot): void {
    this.chatId = chat.chatId;
    this.header.setChat(chat.title, chat.totals);
    this.composer.setOptions(chat.options, !this.restoredOnce);
    const last = chat.turns.at(-1);
    this.setCurrent(chat.activeRequestId && last ? { requestId: chat.activeRequestId, turnId: last.id } : undefined);
    this.transcript.setTurns(chat.turns, this.restoredOnce ? undefined : this.ui.scroll);
    this.restoredOnce = true;
  }

  private setCurrent(current: { requestId: string; turnId: string } | undefined): void {
    this.current = current;
    this.composer.setBusy(!!current);
    this.transcript.setBusy(!!current);
  }

  private currentAnswer(requestId: string): ReturnType<TranscriptView['answer']> {
    return this.current?.requestId === requestId ? this.transcript.answer(this.current.turnId) : undefined;
  }

  private toggleHistory(open = !this.history.open): void {
    this.history.setOpen(open);
    this.header.setHistoryOpen(open);
    this.transcript.element.classList.toggle('behind-history', open);
    if (!open) this.header.historyButton.focus();
  }

  private saveScroll(): void {
    if (this.scrollSave) return;
    this.scrollSave = requestAnimationFrame(() => {
      this.scrollSave = 0;
      this.host.saveUiState({ scroll: this.transcript.scrollAnchor() });
    });
  }
}
