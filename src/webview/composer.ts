import {
  isReasoningEffort,
  type ChatOptions,
  type ContextChip,
  type MentionItem,
  type SlashCommandView,
  type WebviewToHost,
} from '../common/protocol';
import { ChipApprovals } from './composer/chipApproval';
import { acceptFileDrops } from './composer/dropFiles';
import { MentionPicker } from './composer/mentionPicker';
import { SlashPicker } from './composer/slashPicker';
import { el, icon, iconButton } from './dom';
import { safeTitle, textSpan } from './hiddenChars';
import { chipIcon } from './userTurnView';

/** `340 tokens`, `1.2K tokens`. */
export function formatTokens(n: number): string {
  return n < 1000 ? `${n} tokens` : `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}K tokens`;
}

/** What the composer needs from the app. */
export interface ComposerHost {
  post(message: WebviewToHost): void;
  saveDraft(draft: string): void;
  /** The running request, if any (Stop targets it). */
  currentRequestId(): string | undefined;
}

/** Context chips, the input, per-chat options and Send/Stop. */
export class Composer {
  readonly element = el('footer', { class: 'composer' });
  private readonly chips = el('div', { class: 'chips', attrs: { role: 'list', 'aria-label': 'Context' } });
  private readonly input = el('textarea', {
    class: 'input',
    attrs: {
      id: 'input',
      rows: '1',
      'aria-label': 'Ask AIO Coder',
      'aria-autocomplete': 'list',
      placeholder: 'Ask AIO Coder (@ adds context, / for commands, Enter sends, Shift+Enter for a new line)',
    },
  });
  private readonly thoughts = el('input', { attrs: { type: 'checkbox', id: 'optThoughts' } });
  private readonly effort = el(
    'select',
    { attrs: { id: 'optEffort' } },
    el('option', { text: 'High effort', attrs: { value: 'high' } }),
    el('option', { text: 'Low effort', attrs: { value: 'low' } }),
  );
  private readonly mode = el(
    'select',
    { attrs: { id: 'optMode' } },
    el('option', { text: 'Ask', attrs: { value: 'ask' } }),
    el('option', { text: 'Agent', attrs: { value: 'agent' } }),
  );
  private readonly send = iconButton('send', 'Send');
  private readonly stop = iconButton('debug-stop', 'Stop');
  private busy = false;
  /** The options the user changed before the panel's first state arrived (that state keeps them). */
  private readonly touched = new Set<HTMLElement>();
  private readonly picker: MentionPicker;
  private readonly slash: SlashPicker;
  private readonly approvals: ChipApprovals;

  constructor(
    private readonly host: ComposerHost,
    draft: string,
  ) {
    this.input.value = draft;
    this.picker = new MentionPicker(this.input, (m) => host.post(m));
    this.slash = new SlashPicker(this.input);
    this.approvals = new ChipApprovals((m) => host.post(m));
    const options = el(
      'div',
      { class: 'options' },
      el(
        'label',
        {
          class: 'option',
          attrs: {
            title: 'Ask: the model reads your workspace. Agent: it may also change files, each change reviewed.',
          },
        },
        el('span', { class: 'sr-only', text: 'Mode' }),
        this.mode,
      ),
      el(
        'label',
        { class: 'option', attrs: { title: "Show the model's thinking for this chat" } },
        this.thoughts,
        el('span', { text: 'Show thinking' }),
      ),
      el(
        'label',
        { class: 'option', attrs: { title: 'Reasoning effort for this chat' } },
        el('span', { class: 'sr-only', text: 'Reasoning effort' }),
        this.effort,
      ),
    );
    const bar = el('div', { class: 'composer-bar' }, options, el('div', { class: 'spacer' }), this.stop, this.send);
    const box = el('div', { class: 'input-box' }, this.picker.list.element, this.slash.list.element, this.input, bar);
    this.element.append(this.approvals.element, this.chips, box);
    acceptFileDrops(this.element, (m) => host.post(m));
    this.stop.classList.add('stop-button');
    this.send.classList.add('send-button');
    this.wire();
    this.setChips([]);
    this.setBusy(false);
  }

  /** The per-chat options as shown; they travel with the message that starts an answer. */
  get options(): ChatOptions {
    return {
      includeThoughts: this.thoughts.checked,
      reasoningEffort: isReasoningEffort(this.effort.value) ? this.effort.value : 'high',
      mode: this.mode.value === 'agent' ? 'agent' : 'ask',
    };
  }

  /**
   * Shows the chat's options. The panel's first state may arrive after the user already picked an option (say,
   * Agent mode while the panel loaded): then what the user picked stays, and goes with the next message.
   */
  setOptions(options: ChatOptions, firstState = false): void {
    const keep = (control: HTMLElement): boolean => firstState && this.touched.has(control);
    if (!keep(this.thoughts)) this.thoughts.checked = options.includeThoughts;
    if (!keep(this.effort)) this.effort.value = options.reasoningEffort;
    if (!keep(this.mode)) this.mode.value = options.mode;
    this.element.classList.toggle('agent-mode', this.mode.value === 'agent');
    this.touched.clear();
  }

  setChips(chips: ContextChip[]): void {
    this.chips.replaceChildren(...chips.map((chip) => this.chipElement(chip)));
    this.chips.hidden = chips.length === 0;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.send.hidden = busy;
    this.stop.hidden = !busy;
  }

  focus(): void {
    this.input.focus();
  }

  /** Matches for the @ picker's query. */
  mentionResults(queryId: number, items: MentionItem[], partial: boolean): void {
    this.picker.results(queryId, items, partial);
  }

  /** The commands `/` completes. */
  setSlashCommands(commands: SlashCommandView[]): void {
    this.slash.setCommands(commands);
  }

  /** A sensitive file waits for Allow once before it becomes a chip. */
  askChipApproval(approvalId: string, path: string): void {
    this.approvals.ask(approvalId, path);
  }

  private wire(): void {
    this.input.addEventListener('input', () => this.host.saveDraft(this.input.value));
    this.mode.addEventListener('change', () =>
      this.element.classList.toggle('agent-mode', this.mode.value === 'agent'),
    );
    for (const control of [this.thoughts, this.effort, this.mode])
      control.addEventListener('change', () => this.touched.add(control));
    this.input.addEventListener('keydown', (event) => {
      if (this.picker.handleKey(event) || this.slash.handleKey(event)) return;
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      this.submit();
    });
    this.send.addEventListener('click', () => this.submit());
    this.stop.addEventListener('click', () => this.requestStop());
  }

  /** Posts stop for the running request; returns whether there was one. */
  requestStop(): boolean {
    const requestId = this.host.currentRequestId();
    if (requestId === undefined) return false;
    this.host.post({ type: 'stop', requestId });
    return true;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text || this.busy) return;
    this.host.post({ type: 'send', text, options: this.options });
    this.input.value = '';
    this.host.saveDraft('');
  }

  private chipElement(chip: ContextChip): HTMLElement {
    const remove = iconButton('close', `Remove ${safeTitle(chip.label)}`);
    remove.classList.add('chip-remove');
    remove.addEventListener('click', () => this.host.post({ type: 'removeChip', chipId: chip.id }));
    const tokens = chip.tokens !== undefined ? formatTokens(chip.tokens) : '';
    const title = [chip.path, tokens, chip.note].filter(Boolean).join(' · ');
    return el(
      'span',
      { class: chip.note ? 'chip has-note' : 'chip', attrs: { role: 'listitem', title: safeTitle(title) } },
      icon(chipIcon(chip)),
      textSpan('chip-label', chip.label, 'name'),
      tokens ? el('span', { class: 'chip-tokens', text: tokens }) : '',
      chip.note ? textSpan('chip-note', chip.note, 'name') : '',
      remove,
    );
  }
}
