import type { ErrorView, FileEditView, ToolCallView, TurnView, UsageView, WebviewToHost } from '../common/protocol';
import { ChangeSummary } from './changeSummary';
import { el, icon, iconButton } from './dom';
import { createErrorCard, RetryNotice } from './errorCard';
import { FileCards } from './fileCards';
import { StreamingMarkdown } from './streamingMarkdown';
import { ThinkingView } from './thinkingView';
import { ToolCallList } from './toolCallView';
import { formatUsage, usageParts } from './usage';

type EndReason = 'done' | 'stopped' | 'error' | 'interrupted';

/** What the status line says after an answer ended early. */
const END_STATUS: Partial<Record<EndReason, { text: string; title: string }>> = {
  stopped: { text: 'Stopped', title: 'You stopped this answer.' },
  interrupted: {
    text: 'Interrupted',
    title: 'VS Code closed while this answer was written; the text is what was saved. Regenerate to ask again.',
  },
};

/** One assistant answer (role article): thinking, tool calls, markdown, errors, usage, actions. */
export class AnswerView {
  readonly element = el('article', { class: 'turn assistant', attrs: { 'aria-label': 'AIO Coder answer' } });
  private readonly status = el('span', { class: 'turn-status' });
  private readonly thinking = new ThinkingView();
  private readonly tools: ToolCallList;
  private readonly cards: FileCards;
  private readonly changes: ChangeSummary;
  private readonly badge = el('span', { class: 'mode-badge', text: 'Agent', attrs: { hidden: '' } });
  private edits: { list: readonly FileEditView[]; undone: boolean } = { list: [], undone: false };
  private readonly body = el('div', { class: 'markdown-body answer-body' });
  private readonly markdown = new StreamingMarkdown(this.body);
  private readonly retry = new RetryNotice();
  private readonly errorSlot = el('div', { class: 'error-slot' });
  private readonly usage = el('div', { class: 'usage' });
  private readonly regenerate = iconButton('refresh', 'Regenerate');
  private answerStarted = false;
  private actions = { visible: true, busy: false };
  /** Markdown of a restored answer not rendered yet (see {@link renderDeferred}). */
  private deferredText: string | undefined;

  constructor(
    readonly id: string,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.tools = new ToolCallList(post);
    this.cards = new FileCards(post);
    this.changes = new ChangeSummary(post);
    const copy = iconButton('copy', 'Copy');
    copy.addEventListener('click', () =>
      this.post({ type: 'copyText', text: this.deferredText ?? this.markdown.text }),
    );
    this.regenerate.addEventListener('click', () => this.post({ type: 'regenerate' }));
    const header = el(
      'div',
      { class: 'turn-header' },
      icon('sparkle'),
      el('span', { class: 'turn-author', text: 'AIO Coder' }),
      this.badge,
      this.status,
    );
    const footer = el(
      'div',
      { class: 'turn-footer' },
      this.usage,
      el('div', { class: 'turn-actions' }, copy, this.regenerate),
    );
    this.element.dataset.turnId = id;
    this.element.append(
      header,
      this.thinking.element,
      this.tools.element,
      this.cards.element,
      this.body,
      this.retry.element,
      this.errorSlot,
      this.changes.element,
      footer,
    );
  }

  /**
   * Shows a turn as the host sent it (restore or turnAdded). A streaming turn keeps streaming.
   * With `deferMarkdown`, the answer's markdown waits for {@link renderDeferred} (long restored chats).
   */
  load(turn: TurnView, deferMarkdown = false): void {
    // The host may announce the turn it is streaming into: keep what already streamed.
    if (turn.status === 'streaming' && this.element.classList.contains('streaming')) return;
    this.reset();
    if (turn.reasoning) this.thinking.setText(turn.reasoning);
    for (const call of turn.tools ?? []) this.tools.upsert(call);
    this.badge.hidden = turn.mode !== 'agent';
    // The changed files show once the answer has ended (applyEnd).
    this.edits = { list: turn.edits ?? [], undone: turn.undone ?? false };
    this.cards.set(this.id, this.edits.list);
    if (turn.status === 'streaming') {
      this.setStreaming(true);
      this.answerStarted = turn.text.length > 0;
      this.markdown.append(turn.text);
      return;
    }
    if (deferMarkdown && turn.text) this.defer(turn.text);
    else this.markdown.setText(turn.text);
    this.applyEnd(turn.status === 'done' ? 'done' : turn.status, turn.usage, turn.error, false);
  }

  /** A new stream starts into this turn: clear what it showed. */
  startStreaming(): void {
    this.reset();
    this.setStreaming(true);
  }

  appendDelta(text: string | undefined, reasoning: string | undefined): void {
    this.retry.clear();
    if (reasoning) this.thinking.append(reasoning, this.answerStarted);
    if (!text) return;
    if (!this.answerStarted) {
      this.answerStarted = true;
      this.thinking.collapse();
    }
    this.markdown.append(text);
  }

  toolStatus(call: ToolCallView, approvalId: string | undefined): void {
    this.retry.clear();
    this.tools.upsert(call, approvalId);
  }

  /** The change cards and, once the answer has ended, the changed files with "Undo this turn". */
  setEdits(edits: readonly FileEditView[], undone: boolean, conflicts?: readonly string[]): void {
    this.edits = { list: edits, undone };
    this.cards.set(this.id, edits);
    if (!this.element.classList.contains('streaming')) this.changes.set(this.id, edits, undone, conflicts);
  }

  retrying(attempt: number, maxAttempts: number, delayMs: number): void {
    this.retry.show(attempt, maxAttempts, delayMs);
  }

  /** The stream ended: render everything as final. Returns the answer text for announcement. */
  end(reason: EndReason, usage: UsageView | undefined, error: ErrorView | undefined): string {
    this.applyEnd(reason, usage, error, true);
    return this.body.textContent ?? '';
  }

  /** True while the markdown of a restored answer has not been rendered. */
  get deferred(): boolean {
    return this.deferredText !== undefined;
  }

  /** Renders markdown that {@link load} deferred. */
  renderDeferred(): void {
    if (this.deferredText === undefined) return;
    const text = this.deferredText;
    this.deferredText = undefined;
    this.markdown.setText(text);
    this.body.classList.remove('deferred');
    this.body.style.removeProperty('min-height');
  }

  private defer(text: string): void {
    this.deferredText = text;
    this.body.classList.add('deferred');
    // A rough height keeps the scrollbar honest until the real content replaces it.
    const lines = text.split('\n').length + text.length / 60;
    const height = Math.round(Math.min(lines * 10, 4000));
    this.body.style.minHeight = `${height}px`;
  }

  /**
   * Only the last answer offers Regenerate, and Retry on its error card (an older card is history:
   * retrying it would not answer the question below it), and neither while a request runs.
   */
  setRegenerable(visible: boolean, busy: boolean): void {
    this.actions = { visible, busy };
    for (const button of [this.regenerate, ...this.errorSlot.querySelectorAll<HTMLButtonElement>('.error-retry')]) {
      button.hidden = !visible;
      button.disabled = busy;
    }
  }

  private applyEnd(reason: EndReason, usage: UsageView | undefined, error: ErrorView | undefined, live: boolean): void {
    this.retry.clear();
    this.thinking.finish();
    this.markdown.finish();
    this.setStreaming(false);
    const status = END_STATUS[reason];
    this.status.textContent = status?.text ?? '';
    this.status.title = status?.title ?? '';
    const parts = usage ? usageParts(usage) : [];
    this.usage.replaceChildren(
      ...parts.flatMap((part, i) => [i ? ' · ' : '', el('span', { class: 'usage-part', text: part })]),
    );
    this.usage.title = usage ? formatUsage(usage) : '';
    this.errorSlot.replaceChildren();
    this.changes.set(this.id, this.edits.list, this.edits.undone);
    if (error && error.kind !== 'aborted') this.errorSlot.append(createErrorCard(error, this.id, this.post, live));
    this.setRegenerable(this.actions.visible, this.actions.busy);
    this.element.classList.toggle('failed', !!error);
  }

  private setStreaming(on: boolean): void {
    this.element.classList.toggle('streaming', on);
    this.element.setAttribute('aria-busy', String(on));
    if (on) this.status.replaceChildren(icon('loading', 'codicon-modifier-spin'));
  }

  private reset(): void {
    this.answerStarted = false;
    this.deferredText = undefined;
    this.body.classList.remove('deferred');
    this.body.style.removeProperty('min-height');
    this.thinking.reset();
    this.tools.clear();
    this.cards.clear();
    this.changes.clear();
    this.edits = { list: [], undone: false };
    this.retry.clear();
    this.markdown.setText('');
    this.errorSlot.replaceChildren();
    this.usage.textContent = '';
    this.status.textContent = '';
    this.status.title = '';
  }
}
