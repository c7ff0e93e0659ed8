/**
 * Fuzzy matching for the @ picker: the query's characters must appear in order (case-insensitive);
 * matches at word starts, runs of adjacent characters and matches inside the file name score higher,
 * shorter targets win ties. Fast enough to rank 50,000 paths on every keystroke.
 */

/** A match: higher `score` is better; `positions` are the matched offsets in the target (for highlighting). */
export interface FuzzyMatch {
  score: number;
  positions: number[];
}

const SEPARATORS = '/\\._- :';

function isWordStart(target: string, i: number): boolean {
  if (i === 0) return true;
  const prev = target.charAt(i - 1);
  if (SEPARATORS.includes(prev)) return true;
  const c = target.charAt(i);
  return c >= 'A' && c <= 'Z' && prev >= 'a' && prev <= 'z';
}

/**
 * Greedy in-order match of `q` (lower case) in `lower` from `start`, preferring a word start for each
 * character when one is reachable before the next plain occurrence would be used up.
 */
function matchFrom(target: string, lower: string, q: string, start: number, jump = true): number[] | undefined {
  const positions: number[] = [];
  let at = start;
  for (let k = 0; k < q.length; k++) {
    const ch = q.charAt(k);
    let i = lower.indexOf(ch, at);
    if (i < 0) return undefined;
    // Right after the previous match is best; otherwise look ahead for a word start with this character.
    if (jump && k > 0 && i !== at) {
      for (let j = i; j >= 0 && j < lower.length; j = lower.indexOf(ch, j + 1)) {
        if (isWordStart(target, j)) {
          if (lower.length - j >= q.length - k) i = j;
          break;
        }
      }
    }
    positions.push(i);
    at = i + 1;
  }
  return positions;
}

function scorePositions(target: string, positions: readonly number[], nameStart: number): number {
  let score = 0;
  let prev = -2;
  for (const p of positions) {
    score += 1;
    if (isWordStart(target, p)) score += 6;
    if (p === prev + 1) score += 4;
    if (p >= nameStart) score += 2;
    prev = p;
  }
  if (positions[0] === nameStart) score += 4;
  return score - target.length * 0.01;
}

/**
 * Matches `query` against `target`. `lowerTarget` may be passed when the caller keeps it (indexes do).
 * An empty query matches everything with score 0. Spaces in the query are ignored.
 */
export function fuzzyMatch(query: string, target: string, lowerTarget = target.toLowerCase()): FuzzyMatch | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return { score: -target.length * 0.01, positions: [] };
  const nameStart = Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\')) + 1;
  // Two candidates: the whole query inside the file name, and the plain left-to-right match.
  const inName =
    nameStart > 0
      ? (matchFrom(target, lowerTarget, q, nameStart) ?? matchFrom(target, lowerTarget, q, nameStart, false))
      : undefined;
  // A jump to a word start can use up a character a later one needed: then match plainly.
  const plain = matchFrom(target, lowerTarget, q, 0) ?? matchFrom(target, lowerTarget, q, 0, false);
  if (!plain) return undefined;
  const a = scorePositions(target, plain, nameStart);
  const b = inName ? scorePositions(target, inName, nameStart) : -Infinity;
  return b > a && inName ? { score: b, positions: inName } : { score: a, positions: plain };
}

/** An item ranked by {@link rankFuzzy}. */
export interface Ranked<T> {
  item: T;
  match: FuzzyMatch;
}

/**
 * The best `limit` items for `query`, best first; `key` gives each item's text and its lower-case form.
 * Keeps only the current top `limit` while scanning, so a large list costs one pass.
 */
export function rankFuzzy<T>(
  items: readonly T[],
  query: string,
  key: (item: T) => { text: string; lower: string },
  limit: number,
): Ranked<T>[] {
  const top: Ranked<T>[] = [];
  for (const item of items) {
    const k = key(item);
    const match = fuzzyMatch(query, k.text, k.lower);
    if (!match) continue;
    if (top.length === limit && match.score <= (top[top.length - 1]?.match.score ?? -Infinity)) continue;
    let i = top.length;
    while (i > 0 && (top[i - 1]?.match.score ?? 0) < match.score) i--;
    top.splice(i, 0, { item, match });
    if (top.length > limit) top.pop();
  }
  return top;
}
