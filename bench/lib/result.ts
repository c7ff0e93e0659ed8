// The result every figure script writes: table rows plus raw numbers, as JSON at the path in argv[2].
import { writeFileSync } from 'node:fs';

/** One line of the table. `pass` is undefined for rows reported without a budget. */
export interface Row {
  figure: string;
  /** Our value, formatted with its unit. */
  ours: string;
  /** The baseline measured in the same run (or '—'). */
  baseline: string;
  /** ours / baseline (or another stated ratio), formatted. */
  ratio: string;
  /** The budget as text, e.g. '≤ 1.5×' (or '—'). */
  budget: string;
  pass?: boolean;
}

/** What a figure script hands back to scripts/bench.mjs. */
export interface FigureResult {
  id: string;
  title: string;
  rows: Row[];
  /** Why a budget was missed, or what a number means; printed under the table. */
  notes: string[];
  raw: Record<string, unknown>;
  seconds?: number;
}

export const fmtMs = (ms: number, digits = 2): string => `${ms.toFixed(digits)} ms`;
export const fmtUs = (ms: number): string => `${(ms * 1000).toFixed(2)} µs`;
export const fmtX = (r: number): string => `${r >= 100 ? r.toFixed(0) : r.toFixed(2)}×`;
export const fmtBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`;

/** Writes the results where the orchestrator asked (argv[2]), or prints them when run by hand. */
export function report(results: FigureResult[], started: number): void {
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  for (const r of results) r.seconds = seconds;
  const out = process.argv[2];
  const text = JSON.stringify(results, null, 2);
  if (out) writeFileSync(out, text);
  else process.stdout.write(`${text}\n`);
}

/** Runs the main of a script that yields several figures; a crash becomes a failed row per figure, so the table still names it. */
export function runFigures(ids: string[], main: () => Promise<FigureResult[]>): void {
  const started = performance.now();
  main().then(
    (r) => report(r, started),
    (e: unknown) => {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`${message}\n`);
      report(
        ids.map((id) => ({
          id,
          title: 'crashed',
          rows: [{ figure: `${id} (crashed)`, ours: 'error', baseline: '—', ratio: '—', budget: '—', pass: false }],
          notes: [`${id}: crashed: ${message.split('\n')[0]}`],
          raw: { error: message },
        })),
        started,
      );
      process.exitCode = 1;
    },
  );
}

/** Runs a figure's main (see {@link runFigures}). */
export function runFigure(id: string, _title: string, main: () => Promise<FigureResult>): void {
  runFigures([id], async () => [await main()]);
}
