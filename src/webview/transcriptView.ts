import type { ErrorView, TurnView, UsageView, WebviewToHost } from '../common/protocol';
import type { Announcer } from './a11y';
import { AnswerView } from './answerView';
import { DeferredRenderer } from './deferredRender';
import { el, icon } from './dom';
import { afterFrame } from './frameScheduler';
import { setContextNote } from './contextNoteView';
import { SummaryTurnView } from './summaryTurnView';
import { UserTurnView } from './userTurnView';
import type { ScrollAnchor } from './vscodeApi';

type TurnEntry = UserTurnView | AnswerView | SummaryTurnView;

/** How far from the bottom (px) still counts as "following the answer". */
const STICK_THRESHOLD = 40;
const ANNOUNCE_LIMIT = 2000;
/** On restore, the newest turns render at once; older answers wait until they are near the viewport. */
const EAGER_TURNS = 6;

/**
 * The conversation: user messages and answers in order. A `turnAdded` or `streamStart` for a turn
 * that exists replaces it and drops every later turn (edit-and-resend, regenerate).
 */
export class TranscriptView {
  readonly element = el('main', { class: 'transcript', attrs: { id: 'transcript', 'aria-label': 'Conversation' } });
  private readonly list = el('div', { class: 'turns' });
  private readonly empty = el(
    'div',
    { class: 'empty-state' },
    icon('comment-discussion', 'empty-icon'),
    el('p', { text: 'Ask about your code. Type @ to add files and other context, / for commands.' }),
  );
  private entries: TurnEntry[] = [];
  private busy = false;
  private stick = true;
  private pending: { kind: 'regenerate' } | { kind: 'edit'; turnId: string } | undefined;
  private readonly post: (m: WebviewToHost) => void;
  private readonly deferred: DeferredRenderer;

  constructor(
    post: (m: WebviewToHost) => void,
    private readonly announcer: Announcer,
    onScroll: () => void,
  ) {
    this.post = (message) => {
      if (message.type === 'regenerate') this.pending = { kind: 'regenerate' };
      if (message.type === 'editResend') this.pending = { kind: 'edit', turnId: message.turnId };
      post(message);
    };
    this.deferred = new DeferredRenderer(this.element);
    this.element.append(this.empty, this.list);
    this.element.addEventListener(
      'scroll',
      () => {
        const { scrollTop, scrollHeight, clientHeight } = this.element;
        this.stick = scrollHeight - scrollTop - clientHeight < STICK_THRESHOLD;
        onScroll();
      },
      { passive: true },
    );
  }

  /** Shows a whole chat; `anchor` puts the reader back where they were (else at the newest turn). */
  setTurns(turns: TurnView[], anchor?: ScrollAnchor): void {
    this.entries = [];
    this.list.replaceChildren();
    this.deferred.clear();
    this.pending = undefined;
    const at = anchor ? turns.findIndex((t) => t.id === anchor.turnId) : -1;
    const first = at >= 0 ? at - 1 : turns.length - EAGER_TURNS;
    turns.forEach((turn, i) => this.append(turn, i < first || i > first + EAGER_TURNS));
    this.refresh();
    this.stick = at < 0;
    afterFrame(() => {
      const target = this.entries[at]?.element;
      this.element.scrollTop = target && anchor ? target.offsetTop + anchor.offset : this.element.scrollHeight;
    });
  }

  /** The turn at the top of the view, or undefined when the reader follows the newest output. */
  scrollAnchor(): ScrollAnchor | undefined {
    if (this.stick) return undefined;
    const top = this.element.scrollTop;
    const entry = this.entries.find((e) => e.element.offsetTop + e.element.offsetHeight > top);
    return entry ? { turnId: entry.id, offset: top - entry.element.offsetTop } : undefined;
  }

  addTurn(turn: TurnView): void {
    const index = this.entries.findIndex((e) => e.id === turn.id);
    if (index >= 0) {
      this.truncate(index + 1);
      this.loadInto(this.entries[index], turn);
    } else {
      this.applyPending(turn.role);
      this.append(turn);
    }
    this.pending = undefined;
    this.refresh();
    this.followOutput(true);
  }

  /** The answer a new stream writes into: the existing turn (reset) or a new one. */
  startAnswer(turnId: string): AnswerView {
    const index = this.entries.findIndex((e) => e.id === turnId);
    let answer = this.entries[index];
    if (answer instanceof AnswerView) {
      this.truncate(index + 1);
      answer.startStreaming();
      setContextNote(answer.element, undefined, this.post);
    } else {
      this.applyPending('assistant');
      answer = new AnswerView(turnId, this.post);
      answer.startStreaming();
      this.entries.push(answer);
      this.list.append(answer.element);
    }
    this.pending = undefined;
    this.refresh();
    this.followOutput(true);
    return answer;
  }

  answer(turnId: string): AnswerView | undefined {
    const entry = this.entries.find((e) => e.id === turnId);
    return entry instanceof AnswerView ? entry : undefined;
  }

  /** Shows what was left out of an answer's request to fit the context window. */
  contextNote(turnId: string, note: string): void {
    const answer = this.answer(turnId);
    if (answer) setContextNote(answer.element, note, this.post);
  }

  endAnswer(turnId: string, reason: 'done' | 'stopped' | 'error', usage?: UsageView, error?: ErrorView): void {
    const text = this.answer(turnId)?.end(reason, usage, error) ?? '';
    if (reason === 'done') this.announcer.announce(`AIO Coder answered: ${text.slice(0, ANNOUNCE_LIMIT)}`);
    else if (reason === 'stopped') this.announcer.announce('Answer stopped.');
    this.followOutput(false);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.refresh();
  }

  /** Keeps the newest output in view while the reader is at the bottom. */
  followOutput(force: boolean): void {
    if (force) this.stick = true;
    afterFrame(() => {
      if (this.stick) this.element.scrollTop = this.element.scrollHeight;
    });
  }

  private append(turn: TurnView, deferMarkdown = false): void {
    const entry =
      turn.summaryOf !== undefined
        ? new SummaryTurnView(turn.id, this.post)
        : turn.role === 'user'
          ? new UserTurnView(turn.id, this.post)
          : new AnswerView(turn.id, this.post);
    this.loadInto(entry, turn, deferMarkdown);
    this.entries.push(entry);
    this.list.append(entry.element);
    if (entry instanceof AnswerView) this.deferred.add(entry);
  }

  private loadInto(entry: TurnEntry | undefined, turn: TurnView, deferMarkdown = false): void {
    if (entry instanceof SummaryTurnView) entry.load(turn);
    else if (entry instanceof UserTurnView && turn.role === 'user') entry.load(turn);
    else if (entry instanceof AnswerView && turn.role === 'assistant') {
      entry.load(turn, deferMarkdown);
      if (turn.contextNote) setContextNote(entry.element, turn.contextNote, this.post);
    }
  }

  /** Applies a remembered edit/regenerate: the turns it replaces leave the transcript. */
  private applyPending(role: TurnView['role']): void {
    const pending = this.pending;
    if (pending?.kind === 'edit' && role === 'user') {
      const index = this.entries.findIndex((e) => e.id === pending.turnId);
      if (index >= 0) this.truncate(index);
    } else if (pending?.kind === 'regenerate' && role === 'assistant' && this.entries.at(-1) instanceof AnswerView) {
      this.truncate(this.entries.length - 1);
    }
  }

  private truncate(length: number): void {
    for (const entry of this.entries.splice(length)) entry.element.remove();
  }

  private refresh(): void {
    this.empty.hidden = this.entries.length > 0;
    const last = this.entries.at(-1);
    for (const entry of this.entries) {
      if (entry instanceof AnswerView) entry.setRegenerable(entry === last, this.busy);
      else entry.setBusy(this.busy);
    }
  }
}
