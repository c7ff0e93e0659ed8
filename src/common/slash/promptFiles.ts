/** A user prompt of `.aio/prompts/NAME.md`, used as `/NAME` in the chat input. */
export interface PromptFile {
  /** The command name: the file name without `.md`. */
  name: string;
  /** From the front matter's `description`, else the body's first line. */
  description: string;
  /** The prompt text after the front matter; may use `{{selection}}` and `{{file}}`. */
  body: string;
}

/** What the placeholders of a prompt stand for when it is used. */
export interface PromptValues {
  /** The active editor's selection (empty when nothing is selected). */
  selection: string;
  /** The active editor's workspace path (empty when no file is open). */
  file: string;
}

/** Command names: letters, digits, `-` and `_`, starting with a letter or digit. */
export const COMMAND_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** Parses a prompt file; undefined when its name cannot be a command. */
export function parsePromptFile(fileName: string, text: string): PromptFile | undefined {
  const name = fileName.replace(/\.md$/i, '');
  if (!COMMAND_NAME.test(name)) return undefined;
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const fm = /^---\n([^]*?)\n---(?:\n|$)/.exec(src);
  const body = (fm ? src.slice(fm[0].length) : src).trim();
  let description = '';
  for (const line of fm?.[1]?.split('\n') ?? []) {
    const m = /^description\s*:\s*(.*)$/.exec(line.trim());
    if (m) description = unquote(m[1] ?? '');
  }
  if (!description)
    description =
      body
        .split('\n')[0]
        ?.replace(/^#+\s*/, '')
        .slice(0, 120) ?? '';
  return { name, description, body };
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))))
    return t.slice(1, -1);
  return t;
}

/** Fills `{{selection}}` and `{{file}}` (spaces inside the braces allowed); other text stays as written. */
export function fillPrompt(body: string, values: PromptValues): string {
  return body.replace(/\{\{\s*(selection|file)\s*\}\}/g, (_, key: 'selection' | 'file') => values[key]);
}

/** `/name rest` at the start of a message: the command and what follows it. */
export function parseSlash(text: string): { name: string; rest: string } | undefined {
  const m = /^\/([a-z0-9][a-z0-9_-]*)(?:\s+([^]*))?$/i.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), rest: (m[2] ?? '').trim() } : undefined;
}
