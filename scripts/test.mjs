// The test command: ensures the prerequisites first (Chromium, code-server, ripgrep), then typecheck,
// lint, build, and the unit, host, webview and integration suites. Ends with one line
// "N passed, N failed" summed over all suites; exits non-zero on any failure or when no test ran.
// `node scripts/test.mjs unit|webview|integration` runs one part. Each step runs in its own process
// group under a wall-clock guard: a step that overruns is killed (with everything it started) and fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, ensureAllOrExit } from './lib/prereqs.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const only = process.argv[2];
const npx = (bin) => join(ROOT, 'node_modules', '.bin', bin);
const MINUTE = 60_000;
const totals = { passed: 0, failed: 0 };
const times = [];
const problems = [];
const tmp = mkdtempSync(join(tmpdir(), 'aio-test-'));
let running;

/** Runs one step in its own process group; resolves with its exit status, or 'timeout' after `limitMs`. */
function run(cmd, args, env, limitMs) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env, detached: true });
    const signalGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is gone
      }
    };
    // SIGTERM first, so a step's own handlers stop the servers they started in other groups; then SIGKILL.
    const killGroup = () => {
      signalGroup('SIGTERM');
      setTimeout(() => signalGroup('SIGKILL'), 5000).unref();
    };
    running = killGroup;
    const timer = setTimeout(() => {
      killGroup();
      done('timeout');
    }, limitMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      problems.push(`${cmd}: ${e.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      killGroup(); // a browser or server the step left behind must not outlive it
      done(code ?? signal);
    });
  });
}

/** A step; `summary` names the JSON file the suite writes with {passed, failed}. */
async function step(name, cmd, args, { limitMin, summary, env = {} }) {
  const started = Date.now();
  const summaryFile = summary ?? join(tmp, `${name}.json`);
  process.stdout.write(`\n=== ${name} ===\n`);
  rmSync(summaryFile, { force: true });
  const status = await run(
    cmd,
    args,
    { ...process.env, ...suiteEnv, ...env, AIO_TEST_SUMMARY: summaryFile },
    limitMin * MINUTE,
  );
  times.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (status === 'timeout') problems.push(`${name} ran over its ${limitMin}-minute limit and was stopped`);
  const counted = summary !== undefined || ['unit', 'host', 'webview', 'e2e'].includes(name);
  const s =
    counted && existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : { passed: 0, failed: 0 };
  totals.passed += s.passed;
  totals.failed += s.failed;
  // A failed typecheck, lint or build, a crash before reporting, or a timeout each count as one failure.
  if (status !== 0 && s.failed === 0) totals.failed += 1;
  return status === 0;
}

const mocha = (config) => [
  npx('mocha'),
  ['--config', config, '--reporter', join(ROOT, 'test', 'support', 'summaryReporter.cjs')],
];
const parts = {
  typecheck: () => step('typecheck', 'npm', ['run', '--silent', 'typecheck'], { limitMin: 5 }),
  lint: () => step('lint', 'npm', ['run', '--silent', 'lint'], { limitMin: 5 }),
  build: () => step('build', process.execPath, ['esbuild.mjs'], { limitMin: 2 }),
  unit: () => step('unit', ...mocha('test/unit/.mocharc.json'), { limitMin: 10 }),
  host: () => step('host', ...mocha('test/host/.mocharc.json'), { limitMin: 10 }),
  webview: () => step('webview', ...mocha('test/webview/.mocharc.json'), { limitMin: 15 }),
  integration: () =>
    step('integration', process.execPath, ['scripts/runIntegration.mjs'], {
      limitMin: 20,
      summary: join(ROOT, 'test-results', 'integration', 'summary.json'),
    }),
  e2e: () => step('e2e', ...mocha('test/e2e/.mocharc.json'), { limitMin: 15 }),
};

const plan = {
  unit: ['unit', 'host'],
  webview: ['build', 'webview'],
  integration: ['integration', 'e2e'],
  e2e: ['e2e'],
}[only] ?? ['typecheck', 'lint', 'build', 'unit', 'host', 'webview', 'integration', 'e2e'];

const interrupted = () => {
  running?.();
  process.exit(130);
};
process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);

// Prerequisites first, before any suite: a missing one stops here with what to do.
process.stdout.write('=== prerequisites ===\n');
const prereqStart = Date.now();
const prereqs = ensureAllOrExit();
times.push(`prerequisites ${((Date.now() - prereqStart) / 1000).toFixed(1)} s`);
const suiteEnv = { AIO_RIPGREP: prereqs.ripgrep, AIO_CHROMIUM: CHROMIUM };

mkdirSync(join(ROOT, 'test-results'), { recursive: true });
for (const p of plan) await parts[p]();
rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`\ntimes: ${times.join(', ')}\n`);
for (const p of problems) process.stdout.write(`problem: ${p}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
