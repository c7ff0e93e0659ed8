import type { TurnView, WebviewToHost } from '../common/protocol';
import { el, icon, iconButton, textButton } from './dom';

/** A summary turn: it stands for the turns above it in later requests; its text can be edited. */
export class SummaryTurnView {
  readonly element = el('section', { class: 'turn summary', attrs: { 'aria-label': 'Chat summary' } });
  private readonly heading = el('span', { class: 'turn-author' });
  private readonly text = el('div', { class: 'summary-text' });
  private readonly edit = iconButton('edit', 'Edit summary');
  private editor: HTMLElement | undefined;
  private value = '';

  constructor(
    readonly id: string,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.element.dataset.turnId = id;
    this.edit.addEventListener('click', () => this.openEditor());
    this.element.append(
      el('div', { class: 'turn-header' }, icon('fold'), this.heading, el('div', { class: 'turn-actions' }, this.edit)),
      this.text,
    );
  }

  load(turn: TurnView): void {
    this.closeEditor();
    const n = turn.summaryOf ?? 0;
    this.heading.textContent = `Summary of ${n} earlier turn${n === 1 ? '' : 's'}, sent instead of them`;
    this.value = turn.text;
    this.text.textContent = turn.text;
  }

  /** Editing only changes what later requests send, so it stays possible while an answer runs. */
  setBusy(_busy: boolean): void {}

  private openEditor(): void {
    if (this.editor) return;
    const input = el('textarea', { class: 'edit-input', attrs: { 'aria-label': 'Summary text', rows: '8' } });
    input.value = this.value;
    const save = textButton('check', 'Save', undefined, true);
    const cancel = textButton('close', 'Cancel');
    save.addEventListener('click', () => {
      const text = input.value.trim();
      if (!text) return;
      this.post({ type: 'editSummary', turnId: this.id, text });
      this.value = text;
      this.text.textContent = text;
      this.closeEditor();
    });
    cancel.addEventListener('click', () => this.closeEditor());
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      // Escape here cancels the edit; it must not also stop a running answer.
      event.preventDefault();
      event.stopPropagation();
      this.closeEditor();
    });
    this.editor = el('div', { class: 'edit-box' }, input, el('div', { class: 'edit-actions' }, cancel, save));
    this.text.hidden = true;
    this.element.append(this.editor);
    input.focus();
  }

  private closeEditor(): void {
    this.editor?.remove();
    this.editor = undefined;
    this.text.hidden = false;
  }
}
