// Small statistics and timing helpers shared by the figures. Every figure is a median after warm-up.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../../test/support/seededRandom';

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Linear-interpolated percentile (0-100) of a non-empty list. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = ((s.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (pos - lo);
}

/** Milliseconds with sub-ms precision from a monotonic clock. */
export const nowMs = (): number => performance.now();

/**
 * CPU time of this process (user + system, all threads) in ms. On a shared 2-core machine wall time
 * also counts the time other processes held the CPU; CPU time counts only our own work.
 */
export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * CPU time of this process's finished child processes (Linux: cutime + cstime of /proc/self/stat,
 * in 10 ms ticks), for work done in helpers such as ripgrep.
 */
export function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after "pid (comm) " start at field 3 (state); cutime and cstime are fields 16 and 17.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

/** USER_HZ on Linux. */
const CLOCK_TICKS = 100;

/** Measures `fn` as wall and CPU milliseconds. */
export async function measure(fn: () => Promise<void> | void): Promise<Sample> {
  const w0 = nowMs();
  const c0 = cpuMs();
  await fn();
  return { cpu: cpuMs() - c0, wall: nowMs() - w0 };
}

/** Runs `warmup` unmeasured then `runs` measured calls of each variant, interleaved (a, b, a, b…), so drift from other load on the machine hits both. */
export async function interleaved<K extends string, T>(
  variants: Record<K, () => Promise<T> | T>,
  runs: number,
  warmup: number,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(variants) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (let i = 0; i < warmup + runs; i++) {
    // Alternate which variant goes first, so neither always runs on a freshly collected heap.
    const order = i % 2 === 0 ? keys : [...keys].reverse();
    for (const k of order) {
      const v = await variants[k]();
      if (i >= warmup) out[k].push(v);
    }
  }
  return out;
}

/** The seeded PRNG the tests use, so bench inputs are reproducible. */
export const rng = seededRandom;

/** A sample of wall and CPU time. */
export interface Sample {
  wall: number;
  cpu: number;
}

/** Medians of the wall and CPU parts of samples. */
export const medians = (xs: readonly Sample[]): Sample => ({
  wall: median(xs.map((x) => x.wall)),
  cpu: median(xs.map((x) => x.cpu)),
});

/**
 * Median of the per-iteration ratios a[i] / b[i] of interleaved runs. A pair ran back to back, so
 * load that changes during the benchmark (other engineers' tests) hits both sides of a ratio alike.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / (b[i] ?? Number.NaN)).filter((r) => Number.isFinite(r)));
}
