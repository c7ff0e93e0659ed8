// VS Code's ripgrep for tests: found in the cached code-server, started through node:child_process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ripgrepCandidates, type Ripgrep, type SpawnLines } from '../../src/common/tools/ripgrepSearch';

/** SpawnLines over node:child_process (the same contract as the host's adapter). */
export const nodeSpawnLines: SpawnLines = (command, args, cwd, onLine) => {
  const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    stderr += c;
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

/** The code-server app root this repository installs for integration tests. */
const CACHE = process.env.AIO_VSCODE_CACHE || join(__dirname, '../../.vscode-test');
/** VS Code's app root inside the cached code-server (`npm test` installs it first). */
export const CODE_SERVER_APP_ROOT = join(CACHE, 'code-server-4.139.1/node_modules/code-server/lib/vscode');

/**
 * VS Code's ripgrep: `$AIO_RIPGREP` (set by `npm test` after it ensured the prerequisites), else found
 * in the cached code-server the way the host finds it. Throws, never skips, when there is none.
 */
export function realRipgrep(): Ripgrep {
  const path =
    process.env.AIO_RIPGREP ||
    ripgrepCandidates(CODE_SERVER_APP_ROOT, process.platform, process.arch).find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new Error(
      `VS Code's ripgrep is missing (looked under ${CODE_SERVER_APP_ROOT}). Run the tests with \`npm test\` ` +
        '(or `npm run test:unit`), which installs code-server and its ripgrep first.',
    );
  }
  return { path, spawn: nodeSpawnLines };
}
