import type { SlashCommandView } from '../protocol';
import type { DiagnosticInfo } from '../prompts/sourceContext';
import { fillPrompt, type PromptFile, type PromptValues } from './promptFiles';

/** The commands the chat input knows without any prompt file. */
export type BuiltinCommand = 'explain' | 'fix' | 'tests' | 'new' | 'clear';

/** The built-in commands that ask the model something (all but `/clear`). */
export type ModelCommand = Exclude<BuiltinCommand, 'clear'>;

interface Builtin {
  description: string;
  /** Said to the model with the request (absent for `/clear`, which asks nothing). */
  instruction?: string;
  /** With no code in the context, the active editor's selection (or file) is added as a chip. */
  usesEditor: boolean;
}

export const BUILTINS: Readonly<Record<BuiltinCommand, Builtin>> = {
  explain: {
    description: 'Explain the selected code or the context you added',
    instruction:
      'The user ran /explain: explain the code in the attached context (or the code they name): what it does, how, ' +
      'and anything surprising (edge cases, bugs, performance). Refer to line numbers.',
    usesEditor: true,
  },
  fix: {
    description: 'Fix the problems in the selected code',
    instruction:
      'The user ran /fix: find the problems in the attached code (the problems the editor reports are listed) and fix ' +
      'them. Show each fix as the complete corrected function or block in a fenced code block with the file path ' +
      'above it, say in one sentence what was wrong, and change as little as needed.',
    usesEditor: true,
  },
  tests: {
    description: 'Write tests for the selected code',
    instruction:
      'The user ran /tests: write unit tests for the attached code with the test framework the project already uses ' +
      '(look at the manifest or existing tests with the tools when unsure). Cover normal cases, edge cases and errors. ' +
      'Give the complete test file in one fenced code block with its proposed path above it.',
    usesEditor: true,
  },
  new: {
    description: 'Create new code or files from a description',
    instruction:
      'The user ran /new: write the new code or files they describe, following the conventions of the workspace ' +
      '(read related files with the tools when it helps). Give each new file complete, in its own fenced code block ' +
      'with its proposed path on the line above it (in Agent mode, create it with create_file instead).',
    usesEditor: false,
  },
  clear: { description: 'Start a new chat (this one stays in the chat list)', usesEditor: false },
};

/** What the user of `@aio` asked when they typed nothing after a command (the participant has no `/new`). */
export const DEFAULT_REQUEST: Readonly<Record<Exclude<ModelCommand, 'new'>, string>> = {
  explain: 'Explain this code.',
  fix: 'Fix the problems in this code.',
  tests: 'Write tests for this code.',
};

export function isBuiltinCommand(name: string): name is BuiltinCommand {
  return Object.hasOwn(BUILTINS, name);
}

/**
 * The commands the input completes, sorted by name: the built-ins and the workspace's prompt files. A prompt
 * file named like a model command replaces it (the user customised `/explain`); `/clear` cannot be replaced.
 */
export function commandList(prompts: ReadonlyArray<PromptFile & { path: string }>): SlashCommandView[] {
  const byName = new Map<string, SlashCommandView>();
  for (const [name, b] of Object.entries(BUILTINS)) byName.set(name, { name, description: b.description });
  for (const p of prompts) {
    const key = p.name.toLowerCase();
    if (key === 'clear' || byName.get(key)?.path !== undefined) continue; // the first folder's file wins
    byName.set(key, { name: key, description: p.description, path: p.path });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The problems the editor reports in the attached code, for /fix. */
export function problemsBlock(list: ReadonlyArray<DiagnosticInfo & { path: string }>): string {
  if (list.length === 0) return 'The editor reports no problems in this code.';
  const lines = list.slice(0, 30).map((d) => {
    const origin = [d.source, d.code].filter(Boolean).join(' ');
    return `- ${d.path}:${d.line}:${d.column} ${d.severity}${origin ? ` [${origin}]` : ''}: ${d.message}`;
  });
  const more = list.length > 30 ? `\n(and ${list.length - 30} more)` : '';
  return `Problems the editor reports:\n${lines.join('\n')}${more}`;
}

/** What a user prompt file says to the model: its body with `{{selection}}` and `{{file}}` filled. */
export function promptFilePreamble(path: string, prompt: PromptFile, values: PromptValues): string {
  return `The user ran /${prompt.name.toLowerCase()}, their prompt from ${path}:\n\n${fillPrompt(prompt.body, values)}`;
}
