import type { FileEditView, WebviewToHost } from '../common/protocol';
import { el, icon, textButton } from './dom';
import { editTitle, lineCounts } from './fileCards';

const DONE: Record<FileEditView['kind'], string> = {
  edit: 'edited',
  create: 'created',
  overwrite: 'replaced',
  delete: 'deleted',
  rename: 'renamed',
};

/**
 * The end of an Agent-mode answer: the files it changed (each opens on a click) and "Undo this
 * turn", which asks "Undo anyway" when the host reports files the user changed since.
 */
export class ChangeSummary {
  readonly element = el('section', {
    class: 'change-summary',
    attrs: { 'aria-label': 'Changed files', tabindex: '-1', hidden: '' },
  });
  private turnId = '';

  constructor(private readonly post: (m: WebviewToHost) => void) {}

  /** Shows what `edits` applied; nothing when none was applied. */
  set(turnId: string, edits: readonly FileEditView[], undone: boolean, conflicts?: readonly string[]): void {
    this.turnId = turnId;
    const applied = edits.filter((e) => e.status === 'applied');
    this.element.hidden = applied.length === 0;
    if (applied.length === 0) return this.element.replaceChildren();
    const title = undone ? 'Changed files (undone)' : 'Changed files';
    const items = applied.map((e) => {
      const open = el('button', {
        class: 'link-button',
        text: editTitle(e),
        attrs: { type: 'button', title: `Open ${e.newPath ?? e.path}` },
      });
      open.addEventListener('click', () => this.post({ type: 'openFile', path: e.newPath ?? e.path }));
      if (e.kind === 'delete' || undone) open.disabled = true;
      return el('li', {}, open, ' ', lineCounts(e), el('span', { class: 'change-kind', text: ` ${DONE[e.kind]}` }));
    });
    const hadFocus = this.element.contains(document.activeElement);
    const footer = this.footer(undone, conflicts);
    this.element.replaceChildren(
      el('div', { class: 'change-summary-title' }, icon('files'), el('span', { text: title })),
      el('ul', { class: 'change-list' }, ...items),
      footer,
    );
    // The buttons were replaced: keep the keyboard where it was.
    if (hadFocus) (footer.querySelector('button') ?? this.element).focus();
  }

  clear(): void {
    this.element.replaceChildren();
    this.element.hidden = true;
  }

  private footer(undone: boolean, conflicts?: readonly string[]): HTMLElement {
    const box = el('div', { class: 'change-summary-actions' });
    if (undone) {
      box.append(
        el('span', { class: 'undo-note', text: 'Every change of this answer was undone.', attrs: { role: 'status' } }),
      );
      return box;
    }
    const undo = (force: boolean): void => {
      for (const b of box.querySelectorAll('button')) b.disabled = true;
      this.post({ type: 'undoTurn', turnId: this.turnId, ...(force ? { force } : {}) });
    };
    if (conflicts?.length) {
      const warning = `Changed since this answer: ${conflicts.join(', ')}. Undoing would overwrite those changes.`;
      const anyway = textButton('discard', 'Undo anyway', 'undo-anyway');
      const cancel = textButton('close', 'Cancel', 'undo-cancel');
      anyway.addEventListener('click', () => undo(true));
      cancel.addEventListener('click', () => box.replaceChildren(this.undoButton(undo)));
      box.append(el('div', { class: 'undo-note warning', text: warning, attrs: { role: 'alert' } }), anyway, cancel);
      return box;
    }
    box.append(this.undoButton(undo));
    return box;
  }

  private undoButton(undo: (force: boolean) => void): HTMLButtonElement {
    const b = textButton('discard', 'Undo this turn', 'undo-turn');
    b.addEventListener('click', () => undo(false));
    return b;
  }
}
