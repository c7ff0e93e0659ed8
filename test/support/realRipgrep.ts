// VS Code's ripgrep for tests: found in the cached code-server, started by the host's adapter.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Ripgrep } from '../../src/common/tools/ripgrepSearch';
// The host's own adapters (plain Node, no vscode import): the tests run the code the extension runs.
import { locateRipgrep, spawnLines } from '../../src/host/tools/findRipgrep';

/** The host's SpawnLines over node:child_process. */
export const nodeSpawnLines = spawnLines;

/** The code-server app root this repository installs for integration tests. */
const CACHE = process.env.AIO_VSCODE_CACHE || join(__dirname, '../../.vscode-test');
/** VS Code's app root inside the cached code-server (`npm test` installs it first). */
export const CODE_SERVER_APP_ROOT = join(CACHE, 'code-server-4.139.1/node_modules/code-server/lib/vscode');

/**
 * VS Code's ripgrep: `$AIO_RIPGREP` (set by `npm test` after it ensured the prerequisites), else found
 * in the cached code-server the way the host finds it. Throws, never skips, when there is none.
 */
export function realRipgrep(): Ripgrep {
  const path = process.env.AIO_RIPGREP || locateRipgrep(CODE_SERVER_APP_ROOT);
  if (!path || !existsSync(path)) {
    throw new Error(
      `VS Code's ripgrep is missing (looked under ${CODE_SERVER_APP_ROOT}). Run the tests with \`npm test\` ` +
        '(or `npm run test:unit`), which installs code-server and its ripgrep first.',
    );
  }
  return { path, spawn: nodeSpawnLines };
}
