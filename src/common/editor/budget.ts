/** Characters per token used for estimates (Gemini tokenizes code at roughly this rate). */
export const CHARS_PER_TOKEN = 3.5;

/** Estimated tokens of a text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * The characters a prompt may use: `share` of the context window (the rest is left for the answer,
 * and for the chat history when the prompt goes through the chat).
 */
export function promptCharBudget(contextWindowTokens: number, share: number): number {
  return Math.max(0, Math.floor(contextWindowTokens * CHARS_PER_TOKEN * share));
}

/** A run of lines of a document. */
export interface LineSpan {
  /** 1-based number of the first line. */
  startLine: number;
  lines: readonly string[];
}

/** The 1-based number of the last line of a span (startLine - 1 when empty). */
export function endLine(span: LineSpan): number {
  return span.startLine + span.lines.length - 1;
}

/** Characters a span takes once numbered (`NN | ` prefix and newline per line). */
export function spanChars(span: LineSpan): number {
  const width = String(Math.max(1, endLine(span))).length + 3;
  return span.lines.reduce((n, l) => n + l.length + width + 1, 0);
}

/** The result of cutting a span: what was kept, and what was left out (undefined when nothing). */
export interface Cut {
  kept: LineSpan;
  /** Lines left out, as 1-based inclusive ranges. */
  omitted: Array<{ from: number; to: number; chars: number }>;
}

/**
 * Keeps whole lines of `span` from the side given by `keep` (`head`: the first lines, `tail`: the
 * last) until `maxChars` (numbered size) is used. A line that does not fit is left out rather than
 * split, so the model never sees half a line presented as a whole one.
 */
export function cutSpan(span: LineSpan, maxChars: number, keep: 'head' | 'tail'): Cut {
  if (spanChars(span) <= maxChars) return { kept: span, omitted: [] };
  const width = String(Math.max(1, endLine(span))).length + 4;
  const n = span.lines.length;
  let used = 0;
  let count = 0;
  for (; count < n; count++) {
    const line = keep === 'head' ? span.lines[count] : span.lines[n - 1 - count];
    const cost = (line ?? '').length + width;
    if (used + cost > maxChars) break;
    used += cost;
  }
  const keptLines = keep === 'head' ? span.lines.slice(0, count) : span.lines.slice(n - count);
  const droppedLines = keep === 'head' ? span.lines.slice(count) : span.lines.slice(0, n - count);
  const chars = droppedLines.reduce((s, l) => s + l.length + 1, 0);
  const kept: LineSpan = {
    startLine: keep === 'head' ? span.startLine : span.startLine + (n - count),
    lines: keptLines,
  };
  const from = keep === 'head' ? span.startLine + count : span.startLine;
  const to = keep === 'head' ? endLine(span) : span.startLine + (n - count) - 1;
  return { kept, omitted: [{ from, to, chars }] };
}

/** "line 7" or "lines 7–12". */
export function lineRange(from: number, to: number): string {
  return from === to ? `line ${from}` : `lines ${from}–${to}`;
}

/**
 * Describes the omitted ranges of a cut for a reader, e.g. "lines 40–120 of the selection (about 3,100
 * characters)".
 */
export function describeOmitted(cut: Cut, what: string): string[] {
  return cut.omitted.map(
    (o) => `${lineRange(o.from, o.to)} of ${what} (about ${o.chars.toLocaleString('en-US')} characters)`,
  );
}

/** Numbers lines as `  7 | text`, padding numbers to the widest. */
export function numberLines(span: LineSpan): string {
  const width = String(Math.max(1, endLine(span))).length;
  return span.lines.map((l, i) => `${String(span.startLine + i).padStart(width, ' ')} | ${l}`).join('\n');
}
