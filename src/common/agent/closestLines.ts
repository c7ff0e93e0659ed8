/**
 * For a search block that matched nowhere: the lines of the file most like it, numbered, so the
 * model sees what the file really holds there. Similarity is the Dice coefficient of character
 * bigrams of each line with its whitespace removed, summed over the first few lines of the block.
 */
import { looseKeyOf } from './looseKey';

/** Lines of the block compared per window. */
const LINES_COMPARED = 4;
/** Longer files are scanned only this far (the message then says so). */
const MAX_SCANNED = 50_000;
const MAX_SHOWN = 12;
const CUT = 200;

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = s.slice(0, CUT);
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const n of a.values()) sizeA += n;
  for (const n of b.values()) sizeB += n;
  if (sizeA + sizeB === 0) return 0;
  for (const [g, n] of a) common += Math.min(n, b.get(g) ?? 0);
  return (2 * common) / (sizeA + sizeB);
}

/** A sentence and numbered lines: where the file looks most like `wanted`, or that nothing is close. */
export function closestLines(lines: readonly string[], wanted: readonly string[]): string {
  const probe = wanted
    .map((l) => looseKeyOf(l))
    .slice(0, LINES_COMPARED)
    .map(bigrams);
  const scanned = Math.min(lines.length, MAX_SCANNED);
  const cache = new Map<number, Map<string, number>>();
  const gramsAt = (i: number): Map<string, number> => {
    let g = cache.get(i);
    if (!g) cache.set(i, (g = bigrams(looseKeyOf(lines[i] ?? ''))));
    return g;
  };
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < scanned; i++) {
    let score = 0;
    for (let j = 0; j < probe.length && i + j < lines.length; j++) score += dice(gramsAt(i + j), probe[j] ?? new Map());
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
    cache.delete(i - 1);
  }
  const note = scanned < lines.length ? ` (only the first ${scanned} lines were compared)` : '';
  if (best < 0 || bestScore / Math.max(1, probe.length) < 0.3) return `No lines of the file look similar${note}.`;
  const from = best;
  const to = Math.min(lines.length, best + Math.min(Math.max(wanted.length, 1), MAX_SHOWN));
  const shown = lines.slice(from, to).map((l, k) => `${from + k + 1}| ${l.replace(/\r$/, '')}`);
  return `The closest lines are ${from + 1}-${to}${note}:\n${shown.join('\n')}`;
}
