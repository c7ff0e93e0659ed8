// VS Code's bundled ripgrep: where it lives under the app root, and a child-process adapter for the
// SpawnLines seam (stdout read as lines, stdin closed, killed on demand).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { ripgrepCandidates, type LineProcess, type Ripgrep, type SpawnLines } from '../../common/tools/ripgrepSearch';

const MAX_STDERR = 4096;

/** The first executable ripgrep below `appRoot`, or undefined when VS Code ships none we can find. */
export function locateRipgrep(
  appRoot: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string | undefined {
  for (const candidate of ripgrepCandidates(appRoot, platform, arch)) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there (or not executable): try the next layout
    }
  }
  return undefined;
}

/** Spawns a process and hands its stdout to `onLine`, one line at a time. */
export const spawnLines: SpawnLines = (command, args, cwd, onLine): LineProcess => {
  const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const p of parts) onLine(p.endsWith('\r') ? p.slice(0, -1) : p);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (e) => resolve({ code: 2, stderr: e.message }));
    child.once('close', (code) => {
      if (pending) onLine(pending);
      resolve({ code, stderr });
    });
  });
  return {
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
};

const cache = new Map<string, Ripgrep | null>();

/** VS Code's ripgrep for `appRoot` (looked up once), or undefined to use the JavaScript search. */
export function findRipgrep(appRoot: string): Ripgrep | undefined {
  let rg = cache.get(appRoot);
  if (rg === undefined) {
    const path = locateRipgrep(appRoot);
    rg = path ? { path, spawn: spawnLines } : null;
    cache.set(appRoot, rg);
  }
  return rg ?? undefined;
}
