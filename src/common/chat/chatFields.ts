// What a chat derives from its turns: its title (from the first message) and its usage totals.
import type { UsageView } from '../protocol';

/** Title of a chat before its first message. */
export const DEFAULT_CHAT_TITLE = 'New chat';

/** Longest generated title, ellipsis included. */
export const MAX_TITLE_LENGTH = 60;

export const USAGE_KEYS = [
  'promptTokens',
  'completionTokens',
  'reasoningTokens',
  'cachedTokens',
  'totalTokens',
  'creditsConsumed',
] as const satisfies readonly (keyof UsageView)[];

/**
 * A chat title from the first user message: whitespace collapsed to one line, cut to
 * {@link MAX_TITLE_LENGTH} characters (at a word break when one is near) with an ellipsis.
 */
export function titleFrom(text: string, max = MAX_TITLE_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length === 0) return DEFAULT_CHAT_TITLE;
  if (line.length <= max) return line;
  let cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space >= max * 0.6) cut = cut.slice(0, space);
  // Don't leave half a surrogate pair before the ellipsis.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The field-wise sum of two usages; a field absent from both stays absent. */
export function addUsage(totals: UsageView, usage: UsageView | undefined): UsageView {
  const out: UsageView = {};
  for (const k of USAGE_KEYS) {
    const a = totals[k];
    const b = usage?.[k];
    if (a !== undefined || b !== undefined) out[k] = (a ?? 0) + (b ?? 0);
  }
  return out;
}
