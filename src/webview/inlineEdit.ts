import { el, icon, textButton } from './dom';

/** A turn's header row: its icon, who or what it is, and its action buttons. */
export function turnHeader(iconName: string, author: HTMLElement, ...actions: HTMLElement[]): HTMLElement {
  return el('div', { class: 'turn-header' }, icon(iconName), author, el('div', { class: 'turn-actions' }, ...actions));
}

/** What an inline editor of a turn's text asks for and does. */
export interface InlineEditOptions {
  /** The text box's accessible name. */
  label: string;
  rows: number;
  save: { icon: string; text: string };
  /** Enter submits (Shift+Enter for a new line); otherwise only the button does. */
  enterSubmits: boolean;
  /** False while submitting is not possible (an answer is running). */
  canSubmit?(): boolean;
  /** Called with the trimmed, non-empty text; the editor then closes. */
  submit(text: string): void;
}

/**
 * Edits a turn's text in place: a text box with Cancel and Save under the turn, in place of the text shown.
 * Escape cancels without also stopping a running answer.
 */
export class InlineEdit {
  private editor: HTMLElement | undefined;

  constructor(
    private readonly turn: HTMLElement,
    private readonly shown: HTMLElement,
    private readonly options: InlineEditOptions,
  ) {}

  open(value: string): void {
    if (this.editor) return;
    const o = this.options;
    const input = el('textarea', { class: 'edit-input', attrs: { 'aria-label': o.label, rows: String(o.rows) } });
    input.value = value;
    const save = textButton(o.save.icon, o.save.text, undefined, true);
    const cancel = textButton('close', 'Cancel');
    const submit = (): void => {
      const text = input.value.trim();
      if (!text || o.canSubmit?.() === false) return;
      o.submit(text);
      this.close();
    };
    save.addEventListener('click', submit);
    cancel.addEventListener('click', () => this.close());
    input.addEventListener('keydown', (event) => {
      if (o.enterSubmits && event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
    this.editor = el('div', { class: 'edit-box' }, input, el('div', { class: 'edit-actions' }, cancel, save));
    this.shown.hidden = true;
    this.turn.append(this.editor);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  close(): void {
    this.editor?.remove();
    this.editor = undefined;
    this.shown.hidden = false;
  }
}
