import type { TurnView, WebviewToHost } from '../common/protocol';
import { el, iconButton } from './dom';
import { InlineEdit, turnHeader } from './inlineEdit';

/** A summary turn: it stands for the turns above it in later requests; its text can be edited. */
export class SummaryTurnView {
  readonly element = el('section', { class: 'turn summary', attrs: { 'aria-label': 'Chat summary' } });
  private readonly heading = el('span', { class: 'turn-author' });
  private readonly text = el('div', { class: 'summary-text' });
  private readonly edit = iconButton('edit', 'Edit summary');
  private readonly editor: InlineEdit;
  private value = '';

  constructor(
    readonly id: string,
    post: (m: WebviewToHost) => void,
  ) {
    this.element.dataset.turnId = id;
    this.editor = new InlineEdit(this.element, this.text, {
      label: 'Summary text',
      rows: 8,
      save: { icon: 'check', text: 'Save' },
      enterSubmits: false,
      submit: (text) => {
        post({ type: 'editSummary', turnId: this.id, text });
        this.value = text;
        this.text.textContent = text;
      },
    });
    this.edit.addEventListener('click', () => this.editor.open(this.value));
    this.element.append(turnHeader('fold', this.heading, this.edit), this.text);
  }

  load(turn: TurnView): void {
    this.editor.close();
    const n = turn.summaryOf ?? 0;
    this.heading.textContent = `Summary of ${n} earlier turn${n === 1 ? '' : 's'}, sent instead of them`;
    this.value = turn.text;
    this.text.textContent = turn.text;
  }

  /** Editing only changes what later requests send, so it stays possible while an answer runs. */
  setBusy(_busy: boolean): void {}
}
