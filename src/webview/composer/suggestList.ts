import { el, icon } from '../dom';
import { safeTitle, textSpan } from '../hiddenChars';

/** One row of a suggestion list. */
export interface Suggestion {
  id: string;
  icon: string;
  label: string;
  detail?: string;
  /** Offsets of `label` to highlight (the query's matches). */
  match?: readonly number[];
  /** Said to screen readers before the label, e.g. "File". */
  kindName: string;
}

let lists = 0;

/**
 * A popup list under the composer's input (the @ picker, slash completion): a `listbox` whose options
 * the input points at with `aria-activedescendant`, so focus stays in the input while arrows move the
 * selection. The owner routes key presses through {@link SuggestList.handleKey}.
 */
export class SuggestList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status = el('div', { class: 'suggest-status', attrs: { role: 'status' } });
  private items: Suggestion[] = [];
  private active = 0;
  private readonly prefix = `suggest${++lists}`;

  constructor(
    private readonly input: HTMLTextAreaElement,
    label: string,
    private readonly onPick: (item: Suggestion) => void,
  ) {
    this.list = el('div', {
      class: 'suggest-list',
      attrs: { role: 'listbox', id: `${this.prefix}-list`, 'aria-label': label },
    });
    this.element = el('div', { class: 'suggest' }, this.list, this.status);
    this.element.hidden = true;
    this.list.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus (and the caret) in the input
    this.list.addEventListener('click', (e) => {
      const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
      const item = this.items[Number(option?.dataset.index)];
      if (item) this.onPick(item);
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /**
   * Shows `items` (an empty list says `empty`); the first is selected, or with `keepActive` the one
   * selected before. `busy`: more entries are coming (`aria-busy`).
   */
  show(items: Suggestion[], empty: string, keepActive = false, busy = false): void {
    // Entries get new ids with every answer: the selection follows what the entry is, not its id.
    const key = (i: Suggestion): string => `${i.kindName}\n${i.label}\n${i.detail ?? ''}`;
    const was = keepActive ? this.items[this.active] : undefined;
    this.items = items;
    const kept = was ? items.findIndex((i) => key(i) === key(was)) : -1;
    this.active = kept >= 0 ? kept : 0;
    this.list.replaceChildren(...items.map((item, i) => this.option(item, i)));
    this.status.textContent = items.length === 0 ? empty : '';
    this.list.setAttribute('aria-busy', String(busy));
    this.element.hidden = false;
    this.input.setAttribute('aria-controls', this.list.id);
    this.input.setAttribute('aria-expanded', 'true');
    this.select(this.active);
  }

  close(): void {
    if (!this.open) return;
    this.element.hidden = true;
    this.items = [];
    this.list.replaceChildren();
    this.input.removeAttribute('aria-activedescendant');
    this.input.removeAttribute('aria-controls');
    this.input.setAttribute('aria-expanded', 'false');
  }

  /** Arrows move, Enter and Tab pick, Escape closes; returns true when the key was used. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.open || event.isComposing) return false;
    const n = this.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (n > 0) this.select((this.active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const item = this.items[this.active];
      if (!item) return event.key === 'Enter' ? (this.close(), false) : false;
      this.onPick(item);
    } else if (event.key === 'Escape') this.close();
    else return false;
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  private select(i: number): void {
    this.active = i;
    const options = this.list.querySelectorAll<HTMLElement>('[role="option"]');
    options.forEach((o, k) => o.setAttribute('aria-selected', String(k === i)));
    const option = options[i];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private option(item: Suggestion, i: number): HTMLElement {
    const label = el('span', { class: 'suggest-label' });
    const marks = new Set(item.match ?? []);
    let run = '';
    let inMark = false;
    const flush = (): void => {
      if (run) label.append(inMark ? el('mark', {}, textSpan('', run, 'name')) : textSpan('', run, 'name'));
      run = '';
    };
    for (let k = 0; k < item.label.length; k++) {
      if (marks.has(k) !== inMark) {
        flush();
        inMark = !inMark;
      }
      run += item.label.charAt(k);
    }
    flush();
    const detail = item.detail ? textSpan('suggest-detail', item.detail, 'name') : '';
    return el(
      'div',
      {
        class: 'suggest-option',
        attrs: {
          role: 'option',
          id: `${this.prefix}-opt-${i}`,
          'aria-selected': 'false',
          'aria-label': safeTitle(`${item.kindName} ${item.label}${item.detail ? `, ${item.detail}` : ''}`),
          'data-index': String(i),
        },
      },
      icon(item.icon),
      label,
      detail,
    );
  }
}
