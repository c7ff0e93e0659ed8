/**
 * Pure export of a stored chat to Markdown: a title heading, then each turn as a "**You**" or
 * "**AIO Coder**" section. Message text goes in as written, so fenced code stays intact.
 */
import type { ContextChip, ToolCallView, TurnView, UsageView } from '../protocol';
import type { StoredChat } from './types';

const TOOL_MARK: Record<ToolCallView['status'], string> = {
  done: 'done',
  failed: 'failed',
  denied: 'denied',
  running: 'not finished',
  awaiting_approval: 'not approved',
};

/** The whole chat as a Markdown document, ending with a newline. */
export function chatToMarkdown(chat: StoredChat): string {
  const parts: string[] = [`# ${oneLine(chat.title) || 'Chat'}`];
  const created = new Date(chat.createdAt);
  const stamp = Number.isNaN(created.getTime()) ? '' : ` on ${created.toISOString().slice(0, 10)}`;
  const n = chat.turns.length;
  parts.push(`_AIO Coder chat, started${stamp}, ${n} message${n === 1 ? '' : 's'}._`);
  for (const turn of chat.turns) parts.push('---', ...turnToMarkdown(turn));
  const totals = formatUsage(chat.totals);
  if (totals) parts.push('---', `_Total usage: ${totals}_`);
  return `${parts.join('\n\n')}\n`;
}

/** One turn as Markdown blocks (joined by blank lines by the caller). */
export function turnToMarkdown(turn: TurnView): string[] {
  const who = turn.summaryOf !== undefined ? `**Summary of ${turn.summaryOf} earlier turns**` : undefined;
  const blocks: string[] = [who ?? (turn.role === 'user' ? '**You**' : '**AIO Coder**')];
  if (turn.chips?.length) blocks.push(`Context: ${turn.chips.map(chipLabel).join(', ')}`);
  if (turn.reasoning?.trim()) blocks.push(thinkingBlock(turn.reasoning));
  if (turn.tools?.length) blocks.push(turn.tools.map(toolLine).join('\n'));
  if (turn.text.length > 0) blocks.push(closeOpenFence(turn.text.replace(/\s+$/, '')));
  if (turn.error) blocks.push(`> **Error** (${turn.error.kind}): ${oneLine(turn.error.message)}`);
  else if (turn.status === 'stopped') blocks.push('_(stopped before the answer was complete)_');
  else if (turn.status === 'interrupted') blocks.push('_(interrupted: VS Code closed before the answer was complete)_');
  const usage = turn.role === 'assistant' && turn.usage ? formatUsage(turn.usage) : '';
  if (usage) blocks.push(`_Usage: ${usage}_`);
  return blocks;
}

/** Usage figures as one short line, e.g. "120 prompt + 45 completion tokens (30 reasoning), 0.5 credits". */
export function formatUsage(u: UsageView): string {
  const tokens: string[] = [];
  if (u.promptTokens !== undefined) tokens.push(`${u.promptTokens} prompt`);
  if (u.completionTokens !== undefined) tokens.push(`${u.completionTokens} completion`);
  const detail: string[] = [];
  if (u.reasoningTokens !== undefined) detail.push(`${u.reasoningTokens} reasoning`);
  if (u.cachedTokens !== undefined) detail.push(`${u.cachedTokens} cached`);
  const parts: string[] = [];
  if (tokens.length > 0) {
    parts.push(`${tokens.join(' + ')} tokens${detail.length ? ` (${detail.join(', ')})` : ''}`);
  } else if (u.totalTokens !== undefined) {
    parts.push(`${u.totalTokens} tokens${detail.length ? ` (${detail.join(', ')})` : ''}`);
  }
  if (u.creditsConsumed !== undefined) parts.push(`${u.creditsConsumed} credits`);
  return parts.join(', ');
}

function thinkingBlock(reasoning: string): string {
  // A literal closing tag in the model's thoughts would end the block early.
  const body = closeOpenFence(reasoning.trim().replace(/<\/details/gi, '&lt;/details'));
  return `<details>\n<summary>Thinking</summary>\n\n${body}\n\n</details>`;
}

function toolLine(t: ToolCallView): string {
  return `- \`${t.name.replace(/`/g, '')}\`: ${oneLine(t.summary)} (${TOOL_MARK[t.status]})`;
}

function chipLabel(c: ContextChip): string {
  return `\`${c.label.replace(/`/g, '')}\``;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Appends a closing fence when the text ends inside a fenced code block (an answer stopped
 * mid-stream), so the rest of the document does not turn into code. Well-formed text is unchanged.
 */
export function closeOpenFence(text: string): string {
  let open: { char: string; len: number } | undefined;
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    const fence = m[1] ?? '';
    const rest = m[2] ?? '';
    const char = fence.charAt(0);
    if (!open) {
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (char === '`' && rest.includes('`')) continue;
      open = { char, len: fence.length };
    } else if (char === open.char && fence.length >= open.len && rest.trim() === '') {
      open = undefined;
    }
  }
  return open ? `${text}\n${open.char.repeat(open.len)}` : text;
}
