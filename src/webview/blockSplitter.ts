import type Token from 'markdown-it/lib/token.mjs';
import { parseBlockTokens } from './markdownEngine';

/** Where the still-open tail of a streamed markdown text may be cut into final blocks. */
export interface TailSplit {
  /** Offsets (ascending) in the tail after which everything before is final and renders alone. */
  cuts: number[];
  /** When the last block is a fenced code block that has not closed yet: where its code starts. */
  openFence?: { codeStart: number; language: string };
}

/** Length of the part of `text` made of complete lines (a trailing `\r` may still become `\r\n`). */
export function completeLength(text: string): number {
  const end = text.endsWith('\r') ? text.length - 1 : text.length;
  return Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1)) + 1;
}

/** Offsets where each line of `text` starts, with markdown-it's notion of a newline (\n, \r\n, \r). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

const FENCE_LINE = /^(`{3,}|~{3,})[ \t]*$/;

/** True when the fence opened by `token` is closed by the last line of its map. */
function fenceIsClosed(token: Token, lines: string[]): boolean {
  const map = token.map;
  if (!map || map[1] - 1 <= map[0]) return false;
  const m = FENCE_LINE.exec((lines[map[1] - 1] ?? '').replace(/^ {0,3}/, ''));
  const marker = m?.[1];
  return !!marker && marker[0] === token.markup[0] && marker.length >= token.markup.length;
}

/**
 * Splits the tail at top-level block starts, looking only at complete lines. A block is final once the
 * next top-level block has started on a complete line: CommonMark closes blocks line by line and
 * never reopens them (reference definitions, the one global, are handled by the caller). Lists, tables
 * and indented code stay open across blank lines by construction, since the parser itself says where
 * they end. A closed fence is final as soon as its closing line is complete.
 */
export function splitTail(tail: string): TailSplit {
  const complete = tail.slice(0, completeLength(tail));
  if (!complete) return { cuts: [] };
  const tokens = parseBlockTokens(complete);
  const starts = lineStarts(complete);
  const lines = complete.replace(/\r\n?/g, '\n').split('\n');
  const cuts: number[] = [];
  let last: Token | undefined;
  for (const token of tokens) {
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const offset = starts[token.map[0]];
    if (token.map[0] > 0 && offset !== undefined && offset > (cuts.at(-1) ?? 0)) cuts.push(offset);
    last = token;
  }
  if (last?.type !== 'fence' || !last.map) return { cuts };
  if (fenceIsClosed(last, lines)) {
    cuts.push(starts[last.map[1]] ?? complete.length);
    return { cuts };
  }
  const opener = lines[last.map[0]] ?? '';
  if (/^[`~]/.test(opener) && starts[last.map[0] + 1] !== undefined) {
    const codeStart = starts[last.map[0] + 1] ?? complete.length;
    return { cuts, openFence: { codeStart, language: last.info.trim().split(/\s+/)[0] ?? '' } };
  }
  return { cuts };
}
