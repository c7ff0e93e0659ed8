import type { SlashCommandView } from '../../common/protocol';
import { SuggestList, type Suggestion } from './suggestList';

const ICONS: Record<string, string> = {
  explain: 'comment-discussion',
  fix: 'wrench',
  tests: 'beaker',
  new: 'new-file',
  clear: 'clear-all',
};
const PROMPT_ICON = 'file-text';

/** The command name being typed: the input starts with `/` and the caret is still in that first word. */
export function slashAt(text: string, caret: number): string | undefined {
  return /^\/([a-z0-9_-]*)$/i.exec(text.slice(0, caret))?.[1]?.toLowerCase();
}

/** Commands whose name starts with the query, then those that contain it; with the matched offsets of `/name`. */
export function matchCommands(
  commands: readonly SlashCommandView[],
  query: string,
): Array<{ command: SlashCommandView; match: number[] }> {
  const at = (c: SlashCommandView): number => c.name.indexOf(query);
  const found = commands.filter((c) => at(c) >= 0);
  const ranked = [...found.filter((c) => at(c) === 0), ...found.filter((c) => at(c) > 0)];
  return ranked.map((command) => ({
    command,
    match: Array.from({ length: query.length }, (_, k) => at(command) + 1 + k),
  }));
}

/**
 * Typing `/` at the start of the input lists the commands (built in, and the workspace's
 * `.aio/prompts/*.md`); a pick writes `/name ` into the input, to be sent with what follows.
 */
export class SlashPicker {
  readonly list: SuggestList;
  private commands: readonly SlashCommandView[] = [];

  constructor(private readonly input: HTMLTextAreaElement) {
    this.list = new SuggestList(input, 'Commands', (s) => this.pick(s));
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () => this.list.close());
  }

  /** The commands to offer; a list being typed (even one that matched nothing yet) follows at once. */
  setCommands(commands: readonly SlashCommandView[]): void {
    this.commands = commands;
    if (this.list.open || (document.activeElement === this.input && this.query() !== undefined)) this.update();
  }

  /** Keys for the list; Enter on a command typed out in full sends it rather than completing it. */
  handleKey(event: KeyboardEvent): boolean {
    const typed = this.query();
    if (event.key === 'Enter' && this.list.open && this.commands.some((c) => c.name === typed)) {
      this.list.close();
      return false;
    }
    return this.list.handleKey(event);
  }

  private query(): string | undefined {
    return slashAt(this.input.value, this.input.selectionStart ?? this.input.value.length);
  }

  private update(): void {
    const query = this.query();
    const found = query === undefined ? [] : matchCommands(this.commands, query);
    if (found.length === 0) return this.list.close();
    this.list.show(
      found.map(({ command, match }): Suggestion => {
        const detail = command.path ? `${command.description} · ${command.path}` : command.description;
        return {
          id: command.name,
          icon: command.path ? PROMPT_ICON : (ICONS[command.name] ?? PROMPT_ICON),
          kindName: command.path ? 'Prompt file' : 'Command',
          label: `/${command.name}`,
          ...(detail ? { detail } : {}),
          match,
        };
      }),
      'No matching command',
    );
  }

  private pick(item: Suggestion): void {
    const caret = this.input.selectionStart ?? this.input.value.length;
    const after = this.input.value.slice(caret).replace(/^\S*\s?/, '');
    const head = `/${item.id} `;
    this.input.value = head + after;
    this.input.setSelectionRange(head.length, head.length);
    this.list.close();
    this.input.dispatchEvent(new Event('input'));
  }
}
