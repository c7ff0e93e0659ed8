import type { MentionItem, WebviewToHost } from '../../common/protocol';
import { SuggestList, type Suggestion } from './suggestList';

const ICONS: Record<MentionItem['kind'], [icon: string, name: string]> = {
  file: ['file', 'File'],
  folder: ['folder', 'Folder'],
  symbol: ['symbol-method', 'Symbol'],
  editor: ['go-to-file', 'Open editor'],
  problems: ['warning', 'Problems'],
  git: ['git-compare', 'Git changes'],
  terminal: ['terminal', 'Terminal'],
};

/** The `@query` just before the caret: its start offset and the query, if the caret is in one. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  const m = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2]!.length - 1, query: m[2]! } : undefined;
}

/**
 * Typing `@` in the input opens the picker; each keystroke asks the host for matches (files, folders,
 * symbols, open editors, problems, git changes, the terminal). A pick removes the `@query` from the
 * text and asks the host to add the entry as a chip.
 */
export class MentionPicker {
  readonly list: SuggestList;
  private queryId = 0;
  private shownId = 0;
  private token: { start: number; query: string } | undefined;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.list = new SuggestList(input, 'Add context', (s) => this.pick(s));
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () => this.close());
  }

  /** Results from the host; those of an older query than the one shown are dropped. */
  results(queryId: number, items: MentionItem[], partial: boolean): void {
    if (!this.token || queryId !== this.queryId || queryId < this.shownId) return;
    const same = queryId === this.shownId;
    this.shownId = queryId;
    const suggestions = items.map((i): Suggestion => ({
      id: i.id,
      icon: ICONS[i.kind][0],
      kindName: ICONS[i.kind][1],
      label: i.label,
      ...(i.detail ? { detail: i.detail } : {}),
      ...(i.match ? { match: i.match } : {}),
    }));
    this.list.show(suggestions, partial ? 'Searching…' : 'No matches', same, partial);
  }

  handleKey(event: KeyboardEvent): boolean {
    return this.list.handleKey(event);
  }

  close(): void {
    this.token = undefined;
    this.list.close();
  }

  private update(): void {
    const token = mentionAt(this.input.value, this.input.selectionStart ?? this.input.value.length);
    if (!token) return this.close();
    this.token = token;
    this.post({ type: 'mentionQuery', queryId: ++this.queryId, query: token.query });
  }

  private pick(item: Suggestion): void {
    const token = this.token;
    if (token) {
      const end = token.start + 1 + token.query.length;
      this.input.value = this.input.value.slice(0, token.start) + this.input.value.slice(end);
      this.input.setSelectionRange(token.start, token.start);
      this.input.dispatchEvent(new Event('input'));
    }
    this.close();
    this.post({ type: 'pickMention', id: item.id });
  }
}
