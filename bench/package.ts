// Figure 1, package: the .vsix made by `vsce package --no-dependencies` from the production build in a
// temp copy (bench/lib/build.ts), and the sizes of the bundles inside it. Sizes are deterministic: one run.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildDir, ROOT } from './lib/build';
import { fmtBytes, fmtX, runFigure, type FigureResult } from './lib/result';

/** The package budget of the developers' guide: the .vsix stays under 300 KB. */
const BUDGET = 300 * 1024;

/** Packaged files matching a plain exclusion line of .vscodeignore (`dir/**` or an exact path), other than the leading `**`. */
function excludedButPackaged(ignore: string, files: string[]): string[] {
  const rules = ignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!') && l !== '**');
  return files.filter((f) => rules.some((r) => (r.endsWith('/**') ? f.startsWith(r.slice(0, -2)) : f === r)));
}

runFigure('1', 'Package', async (): Promise<FigureResult> => {
  const dir = buildDir();
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  execFileSync(vsce, ['package', '--no-dependencies', '--out', 'bench.vsix'], { cwd: dir, stdio: 'pipe' });
  const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const vsix = statSync(join(dir, 'bench.vsix')).size;
  const size = (f: string): number => statSync(join(dir, f)).size;
  const gz = (f: string): number => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  const bundles = ['dist/extension.js', 'dist/webview.js', 'dist/webview.css'];
  const fonts = files.filter((f) => f.endsWith('.ttf'));
  const media = files.filter((f) => f.startsWith('media/')).reduce((n, f) => n + size(f), 0);
  const leaked = excludedButPackaged(readFileSync(join(dir, '.vscodeignore'), 'utf8'), files);
  return {
    id: '1',
    title: 'Package',
    rows: [
      {
        figure: `1 .vsix size (${files.length} files)`,
        ours: fmtBytes(vsix),
        baseline: '—',
        ratio: fmtX(vsix / BUDGET) + ' of budget',
        budget: `≤ ${fmtBytes(BUDGET)}`,
        pass: vsix <= BUDGET,
      },
      ...bundles.map((f) => ({
        figure: `1 … ${f} (production, minified)`,
        ours: fmtBytes(size(f)),
        baseline: `${fmtBytes(gz(f))} gzipped`,
        ratio: '—',
        budget: 'reported',
      })),
      {
        figure: '1 … fonts and media',
        ours: fmtBytes(fonts.reduce((n, f) => n + size(f), 0) + media),
        baseline: '—',
        ratio: '—',
        budget: 'reported',
      },
      {
        figure: '1 … files .vscodeignore excludes but the package holds',
        ours: leaked.length ? `${leaked.length} files, ${fmtBytes(leaked.reduce((n, f) => n + size(f), 0))}` : 'none',
        baseline: '—',
        ratio: '—',
        budget: 'reported',
      },
    ],
    notes: [
      ...(leaked.length
        ? [
            `1: ${leaked.join(', ')} ship although .vscodeignore excludes them: vsce applies every \`!\` pattern after the exclusions, so \`!media/**\` re-includes them. Listing the media to keep (\`!media/icon.png\`, \`!media/activity.svg\`, \`!media/walkthrough/**\`) instead of \`!media/**\` drops them.`,
          ]
        : []),
      `1: ${vsix <= BUDGET ? `${fmtBytes(BUDGET - vsix)} left under the 300 KB budget` : `the 300 KB budget is missed by ${fmtBytes(vsix - BUDGET)}`}. Built with \`node esbuild.mjs --production\` + \`vsce package --no-dependencies\` in a temp copy; files: ${files.join(', ')}.`,
    ],
    raw: {
      vsixBytes: vsix,
      files,
      bundles: Object.fromEntries(bundles.map((f) => [f, { bytes: size(f), gzip: gz(f) }])),
    },
  };
});
