import type { ChatSummary, WebviewToHost } from '../common/protocol';
import { el, icon, iconButton, textButton } from './dom';
import { safeTitle, textSpan } from './hiddenChars';

const dateFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** The chat list: switch, inline rename, delete with a confirm step, export. */
export class HistoryView {
  readonly element = el('section', { class: 'history', attrs: { id: 'history', 'aria-label': 'Chats', hidden: '' } });
  private readonly list = el('ul', { class: 'chat-list', attrs: { 'aria-label': 'Chats' } });
  private chats: ChatSummary[] = [];
  private currentId = '';

  constructor(
    private readonly post: (m: WebviewToHost) => void,
    private readonly onClose: () => void,
  ) {
    const close = iconButton('close', 'Close chats');
    close.addEventListener('click', () => this.onClose());
    this.element.append(el('div', { class: 'history-header' }, el('h2', { text: 'Chats' }), close), this.list);
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      this.onClose();
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    if (open)
      (
        this.list.querySelector<HTMLElement>('[aria-current="true"]') ??
        this.list.querySelector<HTMLElement>('.chat-open')
      )?.focus();
  }

  setChats(chats: ChatSummary[], currentId = this.currentId): void {
    this.chats = chats;
    this.currentId = currentId;
    this.render();
  }

  private render(): void {
    const rows = this.chats.map((chat) => this.row(chat));
    this.list.replaceChildren(
      ...(rows.length ? rows : [el('li', { class: 'chat-empty', text: 'No saved chats yet.' })]),
    );
  }

  private row(chat: ChatSummary): HTMLLIElement {
    const item = el('li', { class: 'chat-row' });
    item.dataset.chatId = chat.id;
    const openButton = el(
      'button',
      { class: 'chat-open', attrs: { type: 'button' } },
      textSpan('chat-title', chat.title || 'Untitled chat'),
      el('span', {
        class: 'chat-meta',
        text: [
          dateFormat.format(chat.updatedAt),
          `${chat.turnCount} ${chat.turnCount === 1 ? 'turn' : 'turns'}`,
          ...(chat.mode === 'agent' ? ['Agent'] : []),
        ].join(' · '),
      }),
    );
    if (chat.id === this.currentId) openButton.setAttribute('aria-current', 'true');
    openButton.addEventListener('click', () => {
      this.post({ type: 'switchChat', chatId: chat.id });
      this.onClose();
    });
    // Button names are tooltips too, which cannot show markers.
    const title = safeTitle(chat.title);
    const rename = iconButton('edit', `Rename ${title}`);
    const exportButton = iconButton('export', `Export ${title}`);
    const remove = iconButton('trash', `Delete ${title}`);
    rename.addEventListener('click', () => this.startRename(item, chat));
    exportButton.addEventListener('click', () => this.post({ type: 'exportChat', chatId: chat.id }));
    remove.addEventListener('click', () => this.confirmDelete(item, chat));
    item.append(openButton, el('div', { class: 'chat-actions' }, rename, exportButton, remove));
    return item;
  }

  private startRename(item: HTMLLIElement, chat: ChatSummary): void {
    const input = el('input', {
      class: 'rename-input',
      attrs: { type: 'text', 'aria-label': 'Chat title', maxlength: '200' },
    });
    input.value = chat.title;
    let done = false;
    const finish = (save: boolean): void => {
      if (done) return;
      done = true;
      const title = input.value.trim();
      if (save && title && title !== chat.title) {
        chat.title = title;
        this.post({ type: 'renameChat', chatId: chat.id, title });
      }
      this.render();
      this.focusRow(chat.id, '.chat-open');
    };
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== 'Escape') return;
      // Handled here: the key must not go on to click the row button that gets focus next.
      event.preventDefault();
      finish(event.key === 'Enter');
    });
    input.addEventListener('blur', () => finish(true));
    item.replaceChildren(input);
    input.focus();
    input.select();
  }

  private confirmDelete(item: HTMLLIElement, chat: ChatSummary): void {
    const confirm = textButton('trash', 'Delete', undefined, true);
    confirm.classList.add('danger');
    const cancel = textButton('close', 'Cancel');
    confirm.addEventListener('click', () => {
      this.post({ type: 'deleteChat', chatId: chat.id });
      this.chats = this.chats.filter((c) => c.id !== chat.id);
      this.render();
    });
    cancel.addEventListener('click', () => {
      this.render();
      this.focusRow(chat.id, '.chat-actions button:last-child');
    });
    item.replaceChildren(
      el(
        'div',
        { class: 'confirm', attrs: { role: 'alertdialog', 'aria-label': 'Confirm delete' } },
        icon('warning'),
        textSpan('confirm-text', `Delete "${chat.title}"?`),
        el('div', { class: 'confirm-actions' }, cancel, confirm),
      ),
    );
    cancel.focus();
  }

  private focusRow(chatId: string, selector: string): void {
    const row = [...this.list.children].find((li) => li instanceof HTMLElement && li.dataset.chatId === chatId);
    row?.querySelector<HTMLElement>(selector)?.focus();
  }
}
