// The production build every figure measures (scripts/lib/productionBuild.mjs). The
// orchestrator builds once and passes the folder in AIO_BENCH_BUILD; a figure run by hand builds its own.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { productionBuild } from '../../scripts/lib/productionBuild.mjs';

export const ROOT = resolve(__dirname, '..', '..');
/** The build folder to measure: AIO_BENCH_BUILD, or a fresh one (removed at exit). */
export function buildDir(): string {
  const given = process.env.AIO_BENCH_BUILD;
  if (given && existsSync(join(given, 'dist', 'webview.js'))) return given;
  const dir = productionBuild('aio-bench-build-');
  process.env.AIO_BENCH_BUILD = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Bundles a bench-only browser entry with the webview bundle's settings (iife, es2022, minified),
 * so a baseline runs the same markdown-it + DOMPurify + highlight.js code as the product.
 */
export async function browserBundle(entry: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    loader: { '.ttf': 'file' },
    outdir: 'out',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error(`no JavaScript output for ${entry}`);
  return js.text;
}

/**
 * Bytes per npm package in the host bundle, from an esbuild metafile of src/extension.ts built with
 * the host options of esbuild.mjs (node, cjs, vscode external, minified). Everything listed is
 * evaluated when VS Code loads the extension.
 */
export async function hostBundlePackages(): Promise<Record<string, number>> {
  const out = await esbuild.build({
    entryPoints: [join(ROOT, 'src', 'extension.ts')],
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    legalComments: 'none',
    logLevel: 'silent',
    outfile: 'out/extension.js',
  });
  const packages: Record<string, number> = {};
  for (const output of Object.values(out.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      if (name) packages[name] = (packages[name] ?? 0) + bytesInOutput;
    }
  }
  return packages;
}
