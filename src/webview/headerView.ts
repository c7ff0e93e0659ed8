import type { UsageView, WebviewToHost } from '../common/protocol';
import { el, iconButton } from './dom';
import { setText } from './hiddenChars';
import { formatTotals } from './usage';

/** The top bar: chat title, running total, History and New chat. */
export class HeaderView {
  readonly element = el('header', { class: 'header' });
  private readonly title = el('h1', { class: 'chat-heading' });
  private readonly totals = el('div', { class: 'totals' });
  readonly historyButton = iconButton('history', 'Chats');

  constructor(post: (m: WebviewToHost) => void, onToggleHistory: () => void) {
    const newChat = iconButton('add', 'New chat');
    newChat.addEventListener('click', () => post({ type: 'newChat' }));
    this.historyButton.addEventListener('click', onToggleHistory);
    this.historyButton.setAttribute('aria-expanded', 'false');
    this.historyButton.setAttribute('aria-controls', 'history');
    this.element.append(
      el('div', { class: 'header-text' }, this.title, this.totals),
      el('div', { class: 'header-actions' }, this.historyButton, newChat),
    );
  }

  setChat(title: string, totals: UsageView | undefined): void {
    setText(this.title, title || 'New chat');
    this.setTotals(totals);
  }

  /** Renames the open chat (its title changes after the first question, or on rename). */
  setTitle(title: string): void {
    setText(this.title, title || 'New chat');
  }

  setTotals(totals: UsageView | undefined): void {
    const empty = !totals || (totals.totalTokens ?? totals.promptTokens ?? totals.creditsConsumed) === undefined;
    this.totals.textContent = empty ? '' : formatTotals(totals);
    this.totals.hidden = empty;
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
  }
}
