// The test command: typecheck, lint, build, then unit, host, webview and integration suites.
// Ends with one line "N passed, N failed" summed over all suites; exits non-zero on any failure
// or when no test ran. `node scripts/test.mjs webview|integration|unit` runs one part.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const only = process.argv[2];
const npx = (bin) => join(ROOT, 'node_modules', '.bin', bin);
const totals = { passed: 0, failed: 0 };
const times = [];
const tmp = mkdtempSync(join(tmpdir(), 'aio-test-'));

function step(name, cmd, args, { summary = false, env = {} } = {}) {
  const started = Date.now();
  const summaryFile = join(tmp, `${name}.json`);
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env, AIO_TEST_SUMMARY: summaryFile } });
  times.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (summary) {
    const s = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : { passed: 0, failed: 1 };
    totals.passed += s.passed;
    totals.failed += s.failed;
    if (r.status !== 0 && s.failed === 0) totals.failed += 1; // crashed before reporting
  } else if (r.status !== 0) {
    totals.failed += 1; // a failed typecheck, lint or build counts as a failure
  }
  return r.status === 0;
}

const mocha = (config) => [npx('mocha'), ['--config', config, '--reporter', join(ROOT, 'test', 'support', 'summaryReporter.cjs')]];
const parts = {
  typecheck: () => step('typecheck', 'npm', ['run', '--silent', 'typecheck']),
  lint: () => step('lint', 'npm', ['run', '--silent', 'lint']),
  build: () => step('build', process.execPath, ['esbuild.mjs']),
  unit: () => step('unit', ...mocha('test/unit/.mocharc.json'), { summary: true }),
  host: () => existsSync(join(ROOT, 'test/host/.mocharc.json')) && step('host', ...mocha('test/host/.mocharc.json'), { summary: true }),
  webview: () => step('webview', ...mocha('test/webview/.mocharc.json'), { summary: true }),
  integration: () => {
    const ok = step('integration', process.execPath, ['scripts/runIntegration.mjs']);
    const file = join(ROOT, 'test-results', 'integration', 'summary.json');
    const s = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 1 };
    totals.passed += s.passed;
    totals.failed += s.failed;
    if (!ok && s.failed === 0) totals.failed += 1;
    return ok;
  },
};

const plan = {
  unit: ['unit', 'host'],
  webview: ['build', 'webview'],
  integration: ['integration'],
}[only] ?? ['typecheck', 'lint', 'build', 'unit', 'host', 'webview', 'integration'];

mkdirSync(join(ROOT, 'test-results'), { recursive: true });
for (const p of plan) parts[p]();
rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`\ntimes: ${times.join(', ')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
