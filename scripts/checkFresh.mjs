// `npm run check:fresh`: what a newcomer gets. Clones the current commit into a temp folder, and with an
// empty AIO_VSCODE_CACHE and none of the calling npm's environment runs the README's commands there:
// `npm ci`, `npm test`, then `npm start` until its URL answers. Prints the time of each step.
// Uncommitted changes are not part of the check (it says so). `--keep` keeps the folder.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const log = (msg) => process.stdout.write(`[check:fresh] ${msg}\n`);

/** The environment of a new shell: no variables from the npm that runs this script, no cache. */
function shellEnv(cache) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || ['INIT_CWD', 'NODE', 'AIO_RIPGREP', 'AIO_TEST_SUMMARY'].includes(k)) continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => p && !p.includes('node_modules/.bin') && !p.includes('node-gyp-bin'))
    .join(':');
  env.AIO_VSCODE_CACHE = cache;
  return env;
}

/** Runs a command in the clone, teeing its output to the terminal and a log; resolves with code and text. */
function sh(cmd, args, cwd, env, logFile, { until } = {}) {
  return new Promise((done) => {
    const started = Date.now();
    const out = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let finished = false;
    let finish = (code) => {
      if (finished) return;
      finished = true;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      out.end();
      done({ code, text, seconds: (Date.now() - started) / 1000 });
    };
    const onData = (chunk) => {
      process.stdout.write(chunk);
      out.write(chunk);
      text += chunk.toString();
    };
    if (until) {
      const poll = setInterval(
        () =>
          until(text).then(
            (ok) => ok && finish(0),
            () => {},
          ),
        1000,
      );
      const limit = setTimeout(() => {
        process.stdout.write('[check:fresh] gave up waiting after 10 minutes\n');
        finish('timeout');
      }, 10 * 60_000);
      child.once('exit', () => {
        clearInterval(poll);
        clearTimeout(limit);
      });
      const stop = finish;
      finish = (code) => {
        clearInterval(poll);
        clearTimeout(limit);
        stop(code);
      };
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => finish(code ?? signal));
  });
}

/** For `npm start`: resolves true once the printed URL answers with the workbench page. */
function urlAnswers(text) {
  const url = /Open: (http:\/\/\S+)/.exec(text)?.[1];
  if (!url) return Promise.resolve(false);
  return fetch(url).then(
    async (r) => r.ok && (await r.text()).includes('workbench'),
    () => false,
  );
}

async function main() {
  const commit = git('rev-parse', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  if (dirty) log(`note: uncommitted changes are not checked (only commit ${commit.slice(0, 10)}):\n${dirty}`);
  const base = mkdtempSync(join(tmpdir(), 'aio-fresh-'));
  const clone = join(base, 'aio-coder');
  const cache = join(base, 'empty-cache');
  mkdirSync(cache);
  const logFile = join(base, 'check-fresh.log');
  log(`cloning ${commit.slice(0, 10)} into ${clone}; AIO_VSCODE_CACHE=${cache} (empty); log in ${logFile}`);
  execFileSync('git', ['clone', '--quiet', '--no-local', ROOT, clone]);
  execFileSync('git', ['checkout', '--quiet', commit], { cwd: clone });
  const env = shellEnv(cache);
  const steps = [];
  const ci = await sh('npm', ['ci'], clone, env, logFile);
  steps.push(['npm ci', ci]);
  let test;
  if (ci.code === 0) {
    test = await sh('npm', ['test'], clone, env, logFile);
    steps.push(['npm test', test]);
    const start = await sh('npm', ['start'], clone, { ...env, PORT: '0' }, logFile, { until: urlAnswers });
    steps.push(['npm start (until the printed URL answers)', start]);
  }
  const summary = /^(\d+) passed, (\d+) failed$/m.exec(test?.text ?? '')?.[0] ?? 'no test summary';
  const inner = /^times: (.*)$/m.exec(test?.text ?? '')?.[1];
  const pending = /(\d+) pending/g;
  const pendingCount = [...(test?.text ?? '').matchAll(pending)].reduce((n, m) => n + Number(m[1]), 0);
  process.stdout.write(`\n=== check:fresh, commit ${commit.slice(0, 10)}, Node ${process.version} ===\n`);
  for (const [name, r] of steps) process.stdout.write(`${name}: exit ${r.code}, ${r.seconds.toFixed(1)} s\n`);
  if (inner) process.stdout.write(`npm test steps: ${inner}\n`);
  process.stdout.write(`${summary}; ${pendingCount} pending\n`);
  if (!keep) rmSync(base, { recursive: true, force: true });
  else log(`kept ${base}`);
  return steps.every(([, r]) => r.code === 0) && steps.length === 3 ? 0 : 1;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
