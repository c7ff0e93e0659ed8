// Starts code-server (a real VS Code server + web workbench) on 127.0.0.1 in its own process group,
// with every writable folder inside a temp dir, and stops it (the whole group) on every exit path.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAll } from './prereqs.mjs';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Git stays off in test and bench runs (no repository scans, no git processes): the commit-message suite
// turns it on for itself, and `npm start` turns it on for its profile.
export const USER_SETTINGS = {
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Starts code-server. Options: port (0 = free), host, extraEnv, settings, label, dir (kept between runs
 * when given: its settings.json is seeded only once), smokeTestDriver (default true: needed to load a
 * development extension and a test payload; it also hides every notification toast, so `npm start`
 * turns it off), prereqs (what ensureAll returned, when the caller already ensured them).
 * Resolves when it listens; returns { url, port, dir, logFile, userData, extensionsDir, stop(), exited }.
 */
export async function startCodeServer(opts = {}) {
  const { entry, node24 } = opts.prereqs ?? ensureAll();
  const port = opts.port || (await freePort());
  const host = opts.host ?? '127.0.0.1';
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), `aio-${opts.label ?? 'vscode'}-`));
  const sub = (name) => {
    const p = join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = sub('user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const settingsFile = join(userData, 'User', 'settings.json');
  if (!opts.dir || !existsSync(settingsFile)) {
    writeFileSync(settingsFile, JSON.stringify({ ...USER_SETTINGS, ...(opts.settings ?? {}) }, null, 2));
  }
  const config = join(dir, 'config.yaml');
  writeFileSync(config, '');
  const logFile = join(dir, 'code-server.log');
  writeFileSync(logFile, '');
  const out = openSync(logFile, 'a');
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    TMPDIR: sub('tmp'),
    XDG_RUNTIME_DIR: sub('xdg-runtime'),
    XDG_CONFIG_HOME: sub('xdg-config'),
    XDG_DATA_HOME: sub('xdg-data'),
    XDG_CACHE_HOME: sub('xdg-cache'),
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
    ...(opts.extraEnv ?? {}),
  };
  // code-server lets $PORT override --bind-addr; the port is chosen here, so it must not.
  delete env.PORT;
  const extensionsDir = sub('extensions');
  const args = [
    entry,
    '--bind-addr',
    `${host}:${port}`,
    '--auth',
    'none',
    '--config',
    config,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(opts.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
  ];
  const proc = spawn(join(node24, 'bin', 'node'), args, { env, detached: true, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  let stopped = false;
  const stop = () => {
    if (!stopped) {
      stopped = true;
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      setTimeout(() => {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 3000).unref();
    }
    return exited;
  };
  process.once('exit', stop);
  // Killed by a signal (Ctrl+C, the test guard): stop the server's own process group too. Exit as the
  // default action would, unless the script handles the signal itself (npm start waits for the stop).
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      stop();
      if (process.listenerCount(signal) === 0) process.exit(code);
    });
  }
  try {
    await waitForListening(logFile, proc, opts.startTimeoutMs ?? 60_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url: `http://${host}:${port}`, port, dir, logFile, userData, extensionsDir, stop, exited, proc };
}

/** Installs a .vsix into a server's extensions folder with code-server's own CLI (works offline). */
export function installExtension(prereqs, { userData, extensionsDir }, vsix) {
  const { entry, node24 } = prereqs;
  return spawnSync(
    join(node24, 'bin', 'node'),
    [entry, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' }, timeout: 120_000 },
  );
}

function waitForListening(logFile, proc, timeoutMs) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      let text = '';
      try {
        text = readFileSync(logFile, 'utf8');
      } catch {
        /* not written yet */
      }
      if (text.includes('HTTP server listening on')) {
        clearInterval(timer);
        resolve();
        return;
      }
      if (proc.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`code-server exited (${proc.exitCode}):\n${text.slice(-4000)}`));
        return;
      }
      if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`code-server did not start within ${timeoutMs} ms:\n${text.slice(-4000)}`));
      }
    }, 100);
  });
}

/** Builds the workbench URL for a folder and an optional test payload (as VS Code's browser integration tests do). */
export function workbenchUrl(base, port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const params = new URLSearchParams();
  if (folder) params.set('folder', remote(folder));
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['enableProposedApi', ''], ['skipWelcome', 'true']);
  params.set('payload', JSON.stringify(payload));
  return `${base}/?${params.toString()}`;
}
