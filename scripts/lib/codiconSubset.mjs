// esbuild plugin: the webview ships only the codicons it uses. The codicon stylesheet keeps the rules of the
// icon names that appear as string literals (or `codicon-<name>` classes) in src/webview, and the font keeps
// those glyphs plus the code points our own stylesheets name (`content: '\eab6'`). The full font is 126 KB.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

const ICON_RULE = /^\.codicon-([\w-]+):before \{ content: "\\([0-9a-f]+)" \}$/gm;

function filesUnder(dir, ext) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name), ext) : d.name.endsWith(ext) ? [join(dir, d.name)] : [],
  );
}

/** Every word that could name an icon in the webview's code: quoted literals and `codicon-…` classes. */
export function candidateNames(webviewDir) {
  const names = new Set();
  for (const file of filesUnder(webviewDir, '.ts')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z][a-z0-9-]*)['"`]/g)) names.add(m[1]);
    for (const m of text.matchAll(/codicon-([a-z][a-z0-9-]*)/g)) names.add(m[1]);
  }
  return names;
}

/** Private-use code points written as CSS escapes in our own stylesheets (codicon glyphs in `content`). */
export function cssCodePoints(webviewDir) {
  const points = new Set();
  for (const file of filesUnder(webviewDir, '.css'))
    for (const m of readFileSync(file, 'utf8').matchAll(/\\(e[0-9a-f]{3}|f[0-8][0-9a-f]{2})\b/gi))
      points.add(parseInt(m[1], 16));
  return points;
}

/** The codicon stylesheet with only the rules of `names`; returns the CSS and the code points it keeps. */
export function subsetCss(css, names) {
  const points = new Set();
  const kept = css.replace(ICON_RULE, (rule, name, hex) => {
    if (!names.has(name)) return '';
    points.add(parseInt(hex, 16));
    return rule;
  });
  return { css: kept.replace(/\n{3,}/g, '\n\n'), points };
}

export function codiconSubset(webviewDir) {
  return {
    name: 'codicon-subset',
    setup(build) {
      let points = new Set();
      build.onLoad({ filter: /[\\/]@vscode[\\/]codicons[\\/]dist[\\/]codicon\.css$/ }, async (args) => {
        const subset = subsetCss(await readFile(args.path, 'utf8'), candidateNames(webviewDir));
        points = new Set([...subset.points, ...cssCodePoints(webviewDir)]);
        return { contents: subset.css, loader: 'css', resolveDir: dirname(args.path) };
      });
      build.onLoad({ filter: /[\\/]@vscode[\\/]codicons[\\/]dist[\\/]codicon\.ttf$/ }, async (args) => {
        const text = String.fromCodePoint(...points);
        const font = await subsetFont(await readFile(args.path), text, { targetFormat: 'truetype' });
        return { contents: font, loader: 'file' };
      });
    },
  };
}
