import type { ContextChip, TurnView, WebviewToHost } from '../common/protocol';
import { el, icon, iconButton, textButton } from './dom';
import { safeTitle, setText, textSpan } from './hiddenChars';

/** Icon of a context chip by kind. */
const CHIP_ICONS: Record<ContextChip['kind'], string> = {
  selection: 'code',
  file: 'file',
  folder: 'folder',
  symbol: 'symbol-method',
  problems: 'warning',
  git: 'git-compare',
  terminal: 'terminal',
};

export function chipIcon(chip: ContextChip): string {
  return CHIP_ICONS[chip.kind] ?? 'file';
}

/** A user message, with inline edit-and-resend. */
export class UserTurnView {
  readonly element = el('div', { class: 'turn user', attrs: { role: 'group', 'aria-label': 'Your message' } });
  private readonly text = el('div', { class: 'user-text' });
  private readonly chips = el('div', { class: 'turn-chips' });
  private readonly edit = iconButton('edit', 'Edit message');
  private editor: HTMLElement | undefined;
  private value = '';

  constructor(
    readonly id: string,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.element.dataset.turnId = id;
    this.edit.addEventListener('click', () => this.openEditor());
    const header = el(
      'div',
      { class: 'turn-header' },
      icon('account'),
      el('span', { class: 'turn-author', text: 'You' }),
      el('div', { class: 'turn-actions' }, this.edit),
    );
    this.element.append(header, this.chips, this.text);
  }

  load(turn: TurnView): void {
    this.closeEditor();
    this.value = turn.text;
    setText(this.text, turn.text);
    this.chips.replaceChildren(
      ...(turn.chips ?? []).map((chip) =>
        el(
          'span',
          { class: 'chip static', attrs: { title: safeTitle(chip.path) } },
          icon(chipIcon(chip)),
          textSpan('', chip.label, 'name'),
        ),
      ),
    );
    this.chips.hidden = this.chips.childElementCount === 0;
  }

  setBusy(busy: boolean): void {
    this.edit.disabled = busy;
  }

  private openEditor(): void {
    if (this.editor) return;
    const input = el('textarea', { class: 'edit-input', attrs: { 'aria-label': 'Message text', rows: '3' } });
    input.value = this.value;
    const save = textButton('send', 'Resend', undefined, true);
    const cancel = textButton('close', 'Cancel');
    const submit = (): void => {
      const text = input.value.trim();
      if (!text || this.edit.disabled) return;
      this.post({ type: 'editResend', turnId: this.id, text });
      this.value = text;
      setText(this.text, text);
      this.closeEditor();
    };
    save.addEventListener('click', submit);
    cancel.addEventListener('click', () => this.closeEditor());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape') {
        // Escape here cancels the edit; it must not also stop a running answer.
        event.preventDefault();
        event.stopPropagation();
        this.closeEditor();
      }
    });
    this.editor = el('div', { class: 'edit-box' }, input, el('div', { class: 'edit-actions' }, cancel, save));
    this.text.hidden = true;
    this.element.append(this.editor);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private closeEditor(): void {
    this.editor?.remove();
    this.editor = undefined;
    this.text.hidden = false;
  }
}
