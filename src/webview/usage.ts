import type { UsageView } from '../common/protocol';

const integer = new Intl.NumberFormat('en-US');
const credits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** "1,234 prompt · 567 completion · 89 reasoning tokens · 0.42 credits" for one answer. */
export function formatUsage(usage: UsageView): string {
  const parts: string[] = [];
  if (usage.promptTokens !== undefined) parts.push(`${integer.format(usage.promptTokens)} prompt`);
  if (usage.completionTokens !== undefined) parts.push(`${integer.format(usage.completionTokens)} completion`);
  if (usage.reasoningTokens) parts.push(`${integer.format(usage.reasoningTokens)} reasoning`);
  const tokens = parts.length > 0 ? `${parts.join(' · ')} tokens` : '';
  const spent = usage.creditsConsumed !== undefined ? `${credits.format(usage.creditsConsumed)} credits` : '';
  return [tokens, spent].filter(Boolean).join(' · ');
}

/** The same figures as separate phrases, so a narrow view wraps between them, not inside. */
export function usageParts(usage: UsageView): string[] {
  return formatUsage(usage).split(' · ');
}

/** "Chat total: 12,345 tokens · 3.2 credits" for the running total of a chat. */
export function formatTotals(totals: UsageView): string {
  const tokens = totals.totalTokens ?? (totals.promptTokens ?? 0) + (totals.completionTokens ?? 0);
  const parts = [`${integer.format(tokens)} tokens`];
  if (totals.creditsConsumed !== undefined) parts.push(`${credits.format(totals.creditsConsumed)} credits`);
  return `Chat total: ${parts.join(' · ')}`;
}
