/**
 * Summarize chat: the earlier turns condensed into one summary turn by one model call. The summary is a
 * user turn marked with `summaryOf`; from then on requests start at the latest summary instead of the
 * turns before it (which stay in the chat for reading).
 */
import { CHARS_PER_TOKEN } from '../editor/budget';
import { stripThoughts } from '../llm/thoughtSplitter';
import type { ChatMessage } from '../llm/types';
import type { TurnView } from '../protocol';

/** The summary request's system prompt. */
export const SUMMARY_SYSTEM = [
  'You condense a conversation between a developer and AIO Coder, a coding assistant in Visual Studio Code, ' +
    'so that the conversation can go on without the earlier messages.',
  'Keep what the rest of the conversation needs: the goal, decisions and their reasons, facts about the code ' +
    '(file paths, names, APIs, errors), code that matters (short), what was tried, and open questions.',
  'Write Markdown: short sections or bullet points, at most about 400 words. Write only the summary, ' +
    'with no preamble. Do not invent anything that was not said.',
].join('\n');

/** Longest part of one turn written into the summary request, in characters. */
const MAX_TURN_CHARS = 12_000;

/** How the summary turn is sent in later requests. */
export function summaryMessageText(turn: TurnView): string {
  const n = turn.summaryOf ?? 0;
  return (
    `Summary of the earlier conversation (${n} turn${n === 1 ? '' : 's'}, condensed to save room; ` +
    `it stands for them):\n\n${turn.text}`
  );
}

/** The turns a summary would cover: from the latest summary (included) to the end; undefined when too few. */
export function summarizableTurns(turns: readonly TurnView[]): { from: number; to: number } | undefined {
  let from = 0;
  turns.forEach((t, i) => {
    if (t.summaryOf !== undefined) from = i;
  });
  const to = turns.length;
  const exchanges = turns.slice(from, to).filter((t) => t.role === 'user' && t.summaryOf === undefined).length;
  const hasSummary = turns[from]?.summaryOf !== undefined;
  // One exchange on its own is not worth a summary; a summary plus one more exchange is.
  return exchanges >= (hasSummary ? 1 : 2) ? { from, to } : undefined;
}

/**
 * How many turns (a message with its answer) a summary of `turns` stands for; an earlier summary counts
 * for what it stood for.
 */
export function coveredTurnCount(turns: readonly TurnView[]): number {
  return turns.reduce((n, t) => n + (t.summaryOf ?? (t.role === 'user' ? 1 : 0)), 0);
}

function turnText(t: TurnView): string {
  if (t.summaryOf !== undefined) return `Earlier summary:\n${t.text}`;
  const body = t.role === 'user' ? (t.context ? `${t.context}\n\n${t.text}` : t.text) : stripThoughts(t.text);
  const cut = body.length > MAX_TURN_CHARS ? `${body.slice(0, MAX_TURN_CHARS)}\n[… cut]` : body;
  return `${t.role === 'user' ? 'Developer' : 'AIO Coder'}:\n${cut}`;
}

/** The summary request: as many of the newest turns as fit 60 % of the window, and how many did not. */
export function summaryRequest(
  turns: readonly TurnView[],
  contextWindowTokens: number,
): { messages: ChatMessage[]; omitted: number } {
  const room = Math.floor(contextWindowTokens * CHARS_PER_TOKEN * 0.6) - SUMMARY_SYSTEM.length;
  const parts: string[] = [];
  let used = 0;
  let i = turns.length;
  for (; i > 0; i--) {
    const t = turns[i - 1];
    if (!t || (t.role === 'assistant' && !t.text.trim())) continue;
    const text = turnText(t);
    if (used + text.length > room && parts.length > 0) break;
    parts.unshift(text);
    used += text.length + 2;
  }
  const omitted = i;
  const head = omitted > 0 ? `(The ${omitted} oldest turns did not fit and are not shown.)\n\n` : '';
  return {
    messages: [
      { role: 'system', content: SUMMARY_SYSTEM },
      { role: 'user', content: `${head}The conversation so far:\n\n${parts.join('\n\n')}\n\nWrite the summary now.` },
    ],
    omitted,
  };
}
