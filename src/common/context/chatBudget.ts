/**
 * The chat's context budget. Every part of a request is counted in estimated tokens: the system prompt
 * (project instructions included), the tool declarations, the earlier turns, the new message with its
 * context, and the room kept for the answer. When a follow-up would not fit, whole earlier turns (a
 * message with its answer) are left out, oldest first; a summary turn is kept longest, and the new
 * message always stays. What was left out is said to the user (a note in the chat) and to the model.
 */
import { CHARS_PER_TOKEN } from '../editor/budget';
import type { ChatMessage, ToolSpec } from '../llm/types';
import type { TurnView } from '../protocol';
import { historyMessages } from '../prompts/chatPrompt';
import { summaryMessageText } from './summary';

/** Tokens a message costs beyond its text (role, envelope). */
const MESSAGE_OVERHEAD_TOKENS = 4;

/** Tokens kept free for the answer (thinking included): a fifth of the window, at most 16,384. */
export function reservedOutputTokens(contextWindowTokens: number): number {
  return Math.min(16_384, Math.floor(contextWindowTokens * 0.2));
}

/** Estimated tokens of a text. */
export function textTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Estimated tokens of one message (tool calls of an assistant message included). */
export function messageTokens(m: ChatMessage): number {
  const calls =
    m.role === 'assistant' && m.toolCalls
      ? m.toolCalls.reduce((n, c) => n + c.argumentsRaw.length + c.name.length + 40, 0)
      : 0;
  return Math.ceil((m.content.length + calls) / CHARS_PER_TOKEN) + MESSAGE_OVERHEAD_TOKENS;
}

/** Estimated tokens of messages. */
export function messagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => n + messageTokens(m), 0);
}

/** Estimated tokens of the tool declarations sent with a request. */
export function toolSpecTokens(tools: readonly ToolSpec[] | undefined): number {
  return tools && tools.length > 0 ? textTokens(JSON.stringify(tools)) : 0;
}

/** What was left out of a request to fit the window. */
export interface LeftOut {
  /** Earlier turns (a message with its answer) left out. */
  turns: number;
  /** The summary turn had to go too. */
  summary?: boolean;
  /** Tool results of the answer being written that were shortened. */
  toolResults?: number;
}

/** The note shown in the chat, e.g. "3 earlier turns left out to fit the context window"; undefined for nothing. */
export function leftOutNote(l: LeftOut): string | undefined {
  const parts: string[] = [];
  if (l.turns > 0) parts.push(`${l.turns} earlier turn${l.turns === 1 ? '' : 's'} left out`);
  if (l.summary) parts.push('the summary of earlier turns left out');
  if (l.toolResults) parts.push(`${l.toolResults} tool result${l.toolResults === 1 ? '' : 's'} shortened`);
  if (parts.length === 0) return undefined;
  const last = parts.pop() ?? '';
  return `${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last} to fit the context window`;
}

/** The sentence added to the system prompt, so the model knows what it is not seeing. */
export function leftOutModelNote(l: LeftOut): string {
  const note = leftOutNote(l)?.replace(/ to fit the context window$/, '');
  return note
    ? `Note: to fit the context window, parts of this conversation were left out (${note}). ` +
        'You have not seen them: do not guess what they said, and ask the user if it matters.'
    : '';
}

/** Inputs of {@link planChatPrompt}. */
export interface ChatPromptInput {
  contextWindowTokens: number;
  /** The system prompt, project instructions included. */
  system: string;
  tools?: readonly ToolSpec[];
  /** The chat's turns without the answer being written; the last user turn is the new message. */
  turns: readonly TurnView[];
  /** The text a user turn is sent with (its context blocks, then its text). */
  sentText(turn: TurnView): string;
}

/** The request as planned. */
export interface ChatPromptPlan {
  messages: ChatMessage[];
  leftOut: LeftOut;
  /** For the chat; undefined when everything fit. */
  note?: string;
  /** Tokens the prompt may use: the window minus the room kept for the answer (tools excluded). */
  budget: number;
  /** Index in `messages` of the new message (the last message sent from the chat). */
  question: number;
}

/** The turns in effect: the latest summary (if any) and the turns after it, in exchanges. */
export function activeExchanges(turns: readonly TurnView[]): { summary?: TurnView; exchanges: TurnView[][] } {
  let start = 0;
  let summary: TurnView | undefined;
  turns.forEach((t, i) => {
    if (t.summaryOf === undefined) return;
    summary = t;
    start = i + 1;
  });
  const exchanges: TurnView[][] = [];
  for (const t of turns.slice(start)) {
    const last = exchanges.at(-1);
    if (t.role === 'user' || !last) exchanges.push([t]);
    else last.push(t);
  }
  return summary ? { summary, exchanges } : { exchanges };
}

/** Plans a chat request within the window; see the file comment for the order in which turns go. */
export function planChatPrompt(input: ChatPromptInput): ChatPromptPlan {
  const sentText = (t: TurnView): string => (t.summaryOf !== undefined ? summaryMessageText(t) : input.sentText(t));
  const cost = (turns: readonly TurnView[]): number => messagesTokens(historyMessages(turns, sentText));
  const budget = input.contextWindowTokens - reservedOutputTokens(input.contextWindowTokens);
  const { summary, exchanges } = activeExchanges(input.turns);
  const question = exchanges.pop() ?? [];
  // The note for the model is at most this long; counted up front so adding it cannot overflow.
  let used = textTokens(input.system) + 80 + MESSAGE_OVERHEAD_TOKENS + toolSpecTokens(input.tools) + cost(question);
  const keepSummary = summary !== undefined && used + cost([summary]) <= budget;
  if (summary && keepSummary) used += cost([summary]);
  let first = exchanges.length;
  while (first > 0 && used + cost(exchanges[first - 1] ?? []) <= budget) used += cost(exchanges[--first] ?? []);
  const leftOut: LeftOut = { turns: first, ...(summary && !keepSummary ? { summary: true } : {}) };
  const modelNote = leftOutModelNote(leftOut);
  const kept = [...(summary && keepSummary ? [summary] : []), ...exchanges.slice(first).flat(), ...question];
  const messages: ChatMessage[] = [
    { role: 'system', content: modelNote ? `${input.system}\n\n${modelNote}` : input.system },
    ...historyMessages(kept, sentText),
  ];
  const note = leftOutNote(leftOut);
  return {
    messages,
    leftOut,
    budget: budget - toolSpecTokens(input.tools),
    question: messages.length - 1,
    ...(note ? { note } : {}),
  };
}
