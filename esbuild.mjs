// Two bundles: the extension host (node, cjs) and the webview (browser, iife).
// `--production` minifies and drops source maps, `--watch` rebuilds on change,
// `--tests` also bundles the integration suite (each suite file on its own, for mocha).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codiconSubset } from './scripts/lib/codiconSubset.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints errors in the form VS Code's esbuild problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [problemMatcher],
};

const configs = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.ttf': 'file' },
    metafile: true,
    plugins: [...common.plugins, codiconSubset('src/webview')],
  },
];

if (tests) {
  // A suite renamed or split must not run again from an earlier build's output.
  rmSync('out/test/integration', { recursive: true, force: true });
  const suiteDir = 'test/integration/suite';
  const suites = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(suiteDir, f));
  configs.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/integration/index.ts', ...suites],
    outbase: 'test/integration',
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

/** Fonts of earlier builds (hashed names) would otherwise be packaged too. */
function removeStaleFonts(results) {
  const outputs = new Set(results.flatMap((r) => Object.keys(r.metafile?.outputs ?? {})));
  for (const f of readdirSync('dist').filter((n) => n.endsWith('.ttf')))
    if (!outputs.has(`dist/${f}`)) rmSync(join('dist', f));
}

const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    removeStaleFonts(results);
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
