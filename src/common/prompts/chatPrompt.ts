import type { ChatMessage } from '../llm/types';
import type { TurnView } from '../protocol';
import { stripThoughts } from '../llm/thoughtSplitter';

/** The system prompt of the chat panel. */
export function chatSystemPrompt(opts: { toolsEnabled: boolean; agent?: boolean; workspaceName?: string }): string {
  const lines = [
    'You are AIO Coder, a coding assistant inside Visual Studio Code.',
    'Answer in GitHub-flavoured Markdown. Put code in fenced blocks with a language tag.',
    'When you propose a change to a file, show the complete new version of the changed function or block.',
    'Be concise and precise; say so when you are unsure.',
  ];
  if (opts.workspaceName) lines.push(`The user's workspace is "${opts.workspaceName}".`);
  if (opts.toolsEnabled) {
    lines.push(
      'You can read the workspace with the provided tools. Use them instead of guessing file contents; ' +
        'paths are relative to the workspace folder ' +
        '(in a multi-root workspace, start the path with the folder name).',
      "Sensitive files (such as .env or keys) need the user's approval; " +
        'if access is denied, do not ask again in the same answer.',
    );
  }
  if (opts.toolsEnabled && opts.agent) lines.push(...AGENT_LINES);
  return lines.join('\n');
}

/** Agent mode: how to change files. */
const AGENT_LINES = [
  'Agent mode is on: change the workspace with edit_file (search/replace blocks), create_file, delete_file ' +
    'and rename_file instead of showing code for the user to paste.',
  'Read a file before you edit it, and copy each search text exactly from what you read. Keep changes minimal.',
  'The user reviews every change; each result says whether it was accepted or rejected (with their reason). ' +
    'Respect a rejection. When you are done, summarize what you changed in a few lines.',
];

/** A piece of context attached to a user message (selection or file), already read. */
export interface AttachedContext {
  label: string;
  path: string;
  languageId: string;
  startLine?: number;
  endLine?: number;
  /** Said instead of the path when the block is not a file's text (problems, a diff, terminal output). */
  heading?: string;
  content: string;
  /** Set when the content was cut to fit; said to the model. */
  note?: string;
}

/** Formats a user message with its attached context blocks before the question. */
export function userMessageWithContext(text: string, context: readonly AttachedContext[]): string {
  if (context.length === 0) return text;
  const blocks = context.map((c) => {
    const where =
      c.heading ??
      (c.startLine === undefined
        ? c.path
        : c.endLine !== undefined
          ? `${c.path} (lines ${c.startLine}-${c.endLine})`
          : `${c.path} (from line ${c.startLine})`);
    const fence = c.content.includes('```') ? '````' : '```';
    const note = c.note ? `\n(${c.note})` : '';
    return `Context: ${where}${note}\n${fence}${c.languageId}\n${c.content}\n${fence}`;
  });
  return `${blocks.join('\n\n')}\n\n${text}`;
}

/**
 * The conversation to resend: user messages as they were sent, and prior answers as their text only
 * (thinking is never sent back). Failed or empty answers are left out with their question kept.
 */
export function historyMessages(turns: readonly TurnView[], sentText: (turn: TurnView) => string): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const t of turns) {
    if (t.role === 'user') out.push({ role: 'user', content: sentText(t) });
    else if (t.text.trim() || t.edits?.length) out.push({ role: 'assistant', content: answerText(t) });
  }
  return mergeAdjacentUsers(out);
}

/** An earlier answer as resent: its text, and what became of the changes it proposed. */
function answerText(t: TurnView): string {
  const text = stripThoughts(t.text);
  if (!t.edits?.length) return text;
  const changes = t.edits.map((e) => `${e.kind} ${e.path}${e.newPath ? ` → ${e.newPath}` : ''}: ${e.status}`);
  const undone = t.undone ? ' The user has since undone every change of this answer.' : '';
  return `${text}${text ? '\n\n' : ''}[Changes proposed in this answer: ${changes.join('; ')}.${undone}]`;
}

/** Gemini wants alternating roles; two user messages in a row (after a failed answer) are merged. */
export function mergeAdjacentUsers(msgs: ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of msgs) {
    const prev = out[out.length - 1];
    if (prev && prev.role === 'user' && m.role === 'user') prev.content = `${prev.content}\n\n${m.content}`;
    else out.push({ ...m });
  }
  return out;
}
