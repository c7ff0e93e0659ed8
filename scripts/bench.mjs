// `npm run bench`: runs every benchmark figure (bench/*.ts, each in its own process, one after the
// other), prints a Markdown table and writes it with the raw numbers to bench-results/ (git-ignored).
// Exits non-zero when a budget is missed or a figure crashed. `npm run bench -- 3 5` runs figures 3 and 5.
// Every figure compares against a baseline measured in the same run and takes medians after warm-up;
// the machine's load average is recorded next to each figure because other work shares the cores.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureAllOrExit } from './lib/prereqs.mjs';
import { productionBuild } from './lib/productionBuild.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench-results');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const FIGURE_TIMEOUT_MS = 8 * 60_000;

/** Scripts in the order they run; each yields the figures listed. */
const SCRIPTS = [
  { file: 'bench/package.ts', figures: ['1'] },
  { file: 'bench/streamDecoding.ts', figures: ['3'] },
  { file: 'bench/traffic.ts', figures: ['4'] },
  { file: 'bench/webview/render.ts', figures: ['5'] },
  { file: 'bench/history.ts', figures: ['6'] },
  { file: 'bench/checkpoint.ts', figures: ['9'] },
  { file: 'bench/search.ts', figures: ['7'] },
  { file: 'bench/mentions.ts', figures: ['10'] },
  { file: 'bench/codeServer.ts', figures: ['2', '8'] },
];

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const load = () => loadavg()[0].toFixed(1);

/** The commit measured, taken when the run starts (the build uses the working tree, so edits count too). */
function sourceState() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      modifiedFiles: git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length,
    };
  } catch {
    return { commit: 'unknown', modifiedFiles: 0 }; // not a git checkout: the results still stand
  }
}

function runScript(script, build, tmp) {
  const out = join(tmp, `${script.figures.join('-')}.json`);
  const started = Date.now();
  const loadBefore = load();
  log(`${script.file} (figure ${script.figures.join(', ')}), load average ${loadBefore}`);
  const r = spawnSync(TSX, [script.file, out], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: FIGURE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    env: { ...process.env, AIO_BENCH_BUILD: build, NODE_NO_WARNINGS: '1' },
  });
  const seconds = (Date.now() - started) / 1000;
  const context = { seconds, loadBefore, loadAfter: load() };
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8')).map((f) => ({ ...f, ...context }));
  const why = r.error ? String(r.error.message) : `exit ${r.status ?? r.signal}`;
  return script.figures.map((id) => ({
    id,
    title: 'crashed',
    notes: [`${id}: ${script.file} produced no result (${why})`],
    raw: {},
    ...context,
    rows: [
      { figure: `${id} (${script.file} crashed)`, ours: 'error', baseline: '—', ratio: '—', budget: '—', pass: false },
    ],
  }));
}

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(figures) {
  const lines = ['| figure | ours | baseline | ratio | budget | result |', '| --- | --- | --- | --- | --- | --- |'];
  for (const f of figures) {
    for (const r of f.rows) {
      const result = r.pass === undefined ? '—' : r.pass ? 'pass' : '**FAIL**';
      lines.push(`| ${[r.figure, r.ours, r.baseline, r.ratio, r.budget].map(cell).join(' | ')} | ${result} |`);
    }
  }
  return lines.join('\n');
}

function main() {
  const only = process.argv.slice(2);
  const scripts = only.length ? SCRIPTS.filter((s) => s.figures.some((id) => only.includes(id))) : SCRIPTS;
  if (scripts.length === 0) throw new Error(`no figure matches ${only.join(' ')}; figures are 1-9`);
  const started = Date.now();
  const source = sourceState();
  // Chromium (figures 5, 8), code-server and its ripgrep (figures 2, 7, 8), before any figure runs.
  ensureAllOrExit();
  log('production build in a temp copy');
  const build = productionBuild('aio-bench-build-');
  const tmp = mkdtempSync(join(tmpdir(), 'aio-bench-out-'));
  let figures = [];
  try {
    for (const s of scripts) figures.push(...runScript(s, build, tmp));
  } finally {
    rmSync(build, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
  figures = figures.sort((a, b) => Number(a.id) - Number(b.id));
  const totalSeconds = Math.round((Date.now() - started) / 1000);
  const missed = figures.flatMap((f) => f.rows.filter((r) => r.pass === false).map((r) => r.figure));
  const md = [
    table(figures),
    '',
    `${missed.length === 0 ? 'All budgets met' : `${missed.length} budget(s) missed`}; commit ${source.commit}${source.modifiedFiles ? ` with ${source.modifiedFiles} modified tracked files` : ''}; ${totalSeconds} s in total on ${cpus().length} cores` +
      ` (load average per figure: ${figures.map((f) => `${f.id}: ${f.loadBefore}→${f.loadAfter}`).join(', ')}).`,
    '',
    ...figures.flatMap((f) => f.notes.map((n) => `- ${n}`)),
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = {
    date: new Date().toISOString(),
    ...source,
    node: process.version,
    cpus: cpus().length,
    totalSeconds,
    missed,
    figures,
  };
  writeFileSync(join(RESULTS, `bench-${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'latest.md'), `${md}\n`);
  log(`results in bench-results/bench-${stamp}.json and bench-results/latest.md`);
  return missed.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exitCode = 1;
}
