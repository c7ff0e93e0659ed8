// The production build measured by `npm run bench` and packaged by the package test: `node esbuild.mjs
// --production` in a temp copy of the package files (src, scripts and node_modules linked), so the working dist/
// is never touched.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs'];

/**
 * Copies the package files into a fresh temp folder named `<prefix>…`, links `src` and `node_modules`, and runs
 * the production build there. `stdio` is the build's output ('inherit' or 'pipe'). Returns the folder.
 */
export function productionBuild(prefix = 'aio-build-', stdio = 'inherit') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of PACKAGE_FILES) cpSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'media'), join(dir, 'media'), { recursive: true });
  symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
  symlinkSync(join(ROOT, 'scripts'), join(dir, 'scripts'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir, stdio: ['ignore', stdio, stdio] });
  return dir;
}
