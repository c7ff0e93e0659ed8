/**
 * Line-level change figures for the change cards (+added −removed) and the smallest whole-line
 * region that differs between two texts (so an edit replaces only what changed in an open editor).
 */
import { splitLines } from '../splitLines';

/** Lines added and removed. */
export interface LineCounts {
  added: number;
  removed: number;
}

/** Above this many cells the middle is counted as all removed and all added (no LCS). */
const MAX_LCS_CELLS = 4_000_000;

const linesOf = (text: string | undefined): string[] =>
  text === undefined ? [] : splitLines(text, { finalNewline: 'endsLine' });

/** Lines added and removed going from `before` to `after` (undefined: no file). */
export function countChanges(before: string | undefined, after: string | undefined): LineCounts {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const common = midA.length * midB.length <= MAX_LCS_CELLS ? lcsLength(midA, midB) : 0;
  return { added: midB.length - common, removed: midA.length - common };
}

/** Length of the longest common subsequence, in O(n·m) time and O(m) memory. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, row[j - 1] ?? 0);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length] ?? 0;
}

/** A replacement of `before.slice(start, end)` by `text`. */
export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

/**
 * The smallest replacement that turns `before` into `after`, widened to whole lines (offsets at line
 * starts), so it never splits a CRLF or a surrogate pair. Undefined when the texts are equal.
 */
export function changedRegion(before: string, after: string): TextReplacement | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  prefix = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  let suffix = 0;
  const maxSuffix = max - prefix;
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  // Keep the suffix starting right after a line break (or empty).
  while (suffix > 0 && before.charCodeAt(before.length - suffix - 1) !== 10) suffix--;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}
