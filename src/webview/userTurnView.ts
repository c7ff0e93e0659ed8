import type { ContextChip, TurnView, WebviewToHost } from '../common/protocol';
import { el, icon, iconButton } from './dom';
import { InlineEdit, turnHeader } from './inlineEdit';
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
  private readonly editor: InlineEdit;
  private value = '';

  constructor(
    readonly id: string,
    post: (m: WebviewToHost) => void,
  ) {
    this.element.dataset.turnId = id;
    this.editor = new InlineEdit(this.element, this.text, {
      label: 'Message text',
      rows: 3,
      save: { icon: 'send', text: 'Resend' },
      enterSubmits: true,
      canSubmit: () => !this.edit.disabled,
      submit: (text) => {
        post({ type: 'editResend', turnId: this.id, text });
        this.value = text;
        setText(this.text, text);
      },
    });
    this.edit.addEventListener('click', () => this.editor.open(this.value));
    const author = el('span', { class: 'turn-author', text: 'You' });
    this.element.append(turnHeader('account', author, this.edit), this.chips, this.text);
  }

  load(turn: TurnView): void {
    this.editor.close();
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
}
