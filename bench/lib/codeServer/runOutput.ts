// What the bench module (bench/extension/index.ts) writes for one workbench load.

/** The activation timings of AIO Coder and the empty baseline, and the end-to-end stamps of the last load. */
export interface RunOutput {
  ours: { activeBefore: boolean; outsideMs: number; insideMs: number; reloadMs: number };
  empty: { activeBefore: boolean; outsideMs: number; insideMs: number; reloadMs: number };
  e2e?: { seen: Record<string, number>; floorSent: Record<string, number>; clock: { offsetMs: number; rttMs: number } };
  e2eError?: string;
}
