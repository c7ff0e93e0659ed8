// What each workbench load of figures 2 and 8 needs: the baseline extensions, the bundled bench module
// (bench/extension/index.ts) and the workbench URL that loads them.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../build';

/** Installs a copy of bench/extension/empty, named `name`, into `extensionsDir`. */
export function installEmpty(extensionsDir: string, name: string): void {
  const dir = join(extensionsDir, `aio-bench.${name}-0.0.1`);
  cpSync(join(ROOT, 'bench', 'extension', 'empty'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, name }, null, 2));
}

/** Bundles bench/extension/index.ts into `outDir`; returns its path without the extension (extensionTestsPath). */
export async function bundleBenchModule(outDir: string): Promise<string> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'bench', 'extension', 'index.ts')],
    bundle: true,
    outfile: join(outDir, 'index.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
    sourcemap: 'inline',
  });
  return join(outDir, 'index');
}

/** The workbench URL with development extensions and the tests module. */
export function benchUrl(base: string, port: number, folder: string, extensions: string[], tests: string): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ...extensions.map((e) => ['extensionDevelopmentPath', remote(e)]),
    ['extensionTestsPath', remote(tests)],
    ['enableProposedApi', ''],
    ['skipWelcome', 'true'],
  ];
  return `${base}/?${new URLSearchParams({ folder: remote(folder), payload: JSON.stringify(payload) }).toString()}`;
}
