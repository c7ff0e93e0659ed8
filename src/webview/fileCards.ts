import type { FileEditKind, FileEditView, WebviewToHost } from '../common/protocol';
import { el, icon, textButton } from './dom';

const KIND: Record<FileEditKind, { icon: string; label: string }> = {
  edit: { icon: 'diff', label: 'Edit' },
  create: { icon: 'new-file', label: 'New file' },
  overwrite: { icon: 'replace-all', label: 'Replace' },
  delete: { icon: 'trash', label: 'Delete' },
  rename: { icon: 'arrow-right', label: 'Rename' },
};

const STATUS: Record<FileEditView['status'], string> = {
  pending: 'Waiting for review',
  applied: 'Accepted',
  rejected: 'Rejected',
  stale: 'Refused: the file changed',
  failed: 'Failed',
};

/** "src/a.ts" or "src/a.ts → src/b.ts". */
export function editTitle(edit: FileEditView): string {
  return edit.newPath ? `${edit.path} → ${edit.newPath}` : edit.path;
}

/** "+3 −1" for the card. */
export function lineCounts(edit: FileEditView): HTMLElement {
  return el(
    'span',
    { class: 'file-card-counts', attrs: { title: `${edit.added} lines added, ${edit.removed} removed` } },
    el('span', { class: 'added', text: `+${edit.added}` }),
    ' ',
    el('span', { class: 'removed', text: `−${edit.removed}` }),
  );
}

/** One proposed change: path, +/− counts, status, and Review / Accept / Reject while it waits. */
class FileCard {
  readonly element = el('div', { class: 'file-card', attrs: { role: 'group', tabindex: '-1' } });
  private readonly head = el('div', { class: 'file-card-head' });
  private readonly meta = el('div', { class: 'file-card-meta' });
  private readonly note = el('div', { class: 'file-card-note' });
  private readonly actions = el('div', { class: 'file-card-actions' });
  private readonly reason = el('input', {
    class: 'file-card-reason',
    attrs: {
      type: 'text',
      'aria-label': 'Reason for rejecting (optional, sent to the model)',
      placeholder: 'Reason (optional)',
    },
  });
  private readonly buttons: HTMLButtonElement[];

  constructor(
    private edit: FileEditView,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    const review = textButton('diff', 'Review', 'review');
    const accept = textButton('check', 'Accept', 'accept', true);
    const reject = textButton('close', 'Reject', 'reject');
    this.buttons = [review, accept, reject];
    review.addEventListener('click', () => this.post({ type: 'reviewEdit', editId: this.edit.id }));
    accept.addEventListener('click', () => this.decide(true));
    reject.addEventListener('click', () => this.decide(false));
    this.reason.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      event.preventDefault();
      this.decide(false);
    });
    this.actions.append(review, accept, reject, this.reason);
    this.element.append(this.head, this.meta, this.note, this.actions);
    this.update(edit);
  }

  update(edit: FileEditView): void {
    this.edit = edit;
    const kind = KIND[edit.kind];
    const title = editTitle(edit);
    this.element.dataset.path = edit.path;
    this.element.dataset.status = edit.status;
    this.element.setAttribute('aria-label', `${kind.label} ${title}`);
    const status = edit.status === 'applied' && edit.auto ? 'Applied automatically' : STATUS[edit.status];
    this.head.replaceChildren(
      icon(kind.icon, 'file-card-icon'),
      el('span', { class: 'file-card-path', text: title, attrs: { title } }),
    );
    this.meta.replaceChildren(
      ...(edit.kind === 'edit' ? [] : [el('span', { class: 'file-card-kind', text: kind.label.toLowerCase() })]),
      lineCounts(edit),
      el('span', { class: 'file-card-status', text: status }),
    );
    this.note.textContent = edit.note ?? '';
    this.note.hidden = !edit.note;
    const pending = edit.status === 'pending';
    if (!pending && this.actions.contains(document.activeElement)) this.element.focus();
    this.actions.hidden = !pending;
    for (const b of this.buttons) b.disabled = !pending;
  }

  get pending(): boolean {
    return this.edit.status === 'pending';
  }

  private decide(accept: boolean): void {
    if (!this.pending) return;
    const reason = this.reason.value.trim();
    for (const b of this.buttons) b.disabled = true;
    this.post({ type: 'decideEdit', editId: this.edit.id, accept, ...(!accept && reason ? { reason } : {}) });
  }
}

/** The change cards of one answer, with Accept all / Reject all while two or more wait. */
export class FileCards {
  readonly element = el('div', { class: 'file-cards', attrs: { hidden: '' } });
  private readonly list = el('div', { class: 'file-card-list' });
  private readonly bulk = el('div', { class: 'file-cards-bulk' });
  private readonly cards = new Map<string, FileCard>();
  private turnId = '';

  constructor(private readonly post: (m: WebviewToHost) => void) {
    const all = (accept: boolean): void => this.post({ type: 'decideAllEdits', turnId: this.turnId, accept });
    const acceptAll = textButton('check-all', 'Accept all', 'accept-all', true);
    const rejectAll = textButton('close-all', 'Reject all', 'reject-all');
    acceptAll.addEventListener('click', () => all(true));
    rejectAll.addEventListener('click', () => all(false));
    this.bulk.append(acceptAll, rejectAll);
    this.element.append(this.list, this.bulk);
  }

  /** Shows the cards of `turnId` (updated by id, new ones appended). */
  set(turnId: string, edits: readonly FileEditView[]): void {
    this.turnId = turnId;
    for (const edit of edits) {
      const card = this.cards.get(edit.id);
      if (card) card.update(edit);
      else {
        const created = new FileCard(edit, this.post);
        this.cards.set(edit.id, created);
        this.list.append(created.element);
      }
    }
    this.keepOrder(edits);
    this.element.hidden = this.cards.size === 0;
    const pending = [...this.cards.values()].filter((c) => c.pending).length;
    if (pending < 2 && this.bulk.contains(document.activeElement))
      this.list.querySelector<HTMLElement>('.file-card')?.focus();
    this.bulk.hidden = pending < 2;
  }

  /** Cards read in the order the host gives (the model's call order), moving nodes only when needed. */
  private keepOrder(edits: readonly FileEditView[]): void {
    const wanted = edits.map((e) => this.cards.get(e.id)?.element).filter((e): e is HTMLDivElement => !!e);
    const now = [...this.list.children];
    if (wanted.length === now.length && wanted.every((e, i) => e === now[i])) return;
    const focused = document.activeElement;
    this.list.append(...wanted);
    if (focused instanceof HTMLElement && this.list.contains(focused)) focused.focus();
  }

  clear(): void {
    this.cards.clear();
    this.list.replaceChildren();
    this.element.hidden = true;
    this.bulk.hidden = true;
  }
}
