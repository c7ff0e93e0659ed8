/**
 * A small glob matcher for workspace-relative paths with `/` separators: `*` and `?` stay within one
 * segment, a whole `**` segment spans any number of segments (zero included), `[...]` / `[!...]`
 * classes and `{a,b}` alternatives (nested) are supported. Dotfiles are matched like any other name.
 */

/** Options of {@link compileGlob}. */
export interface GlobOptions {
  /** Match letters case-insensitively (used for deny globs, so `.ENV` cannot slip through). */
  caseInsensitive?: boolean;
  /** A glob without `/` matches a file name at any depth (`*.ts` = `**` + `/*.ts`), like ripgrep's `-g`. */
  basenameWhenNoSlash?: boolean;
}

/** A compiled glob: tests a workspace-relative path (no leading `./` or `/`). */
export type GlobMatcher = (path: string) => boolean;

const SPECIAL = /[.+^$()|\\/]/;

/** Strips `./` and `/` prefixes and turns backslashes into `/`. */
export function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  return g.replace(/^\/+/, '');
}

/** Compiles `glob` into a matcher; a malformed class or brace is matched literally. */
export function compileGlob(glob: string, options: GlobOptions = {}): GlobMatcher {
  let g = normalizeGlob(glob);
  if (options.basenameWhenNoSlash && !g.includes('/') && g !== '**') g = `**/${g}`;
  const re = new RegExp(`^${translate(g)}$`, options.caseInsensitive ? 'i' : '');
  return (path) => re.test(path);
}

/** True when `matcher` matches `relPath` or one of its parent folders (how exclude settings apply). */
export function matchesSelfOrParent(matcher: GlobMatcher, relPath: string): boolean {
  const parts = relPath.split('/');
  for (let i = 1; i <= parts.length; i++) if (matcher(parts.slice(0, i).join('/'))) return true;
  return false;
}

/** The regular-expression source for a glob (without anchors). */
export function translate(g: string): string {
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const c = g.charAt(i);
    if (c === '*') {
      const r = star(g, i);
      out += r.source;
      i = r.end;
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const r = charClass(g, i);
      out += r.source;
      i = r.end;
    } else if (c === '{') {
      const r = braces(g, i);
      out += r.source;
      i = r.end;
    } else out += SPECIAL.test(c) ? `\\${c}` : c === '}' || c === ']' ? `\\${c}` : c;
  }
  return out;
}

interface Piece {
  source: string;
  end: number;
}

function star(g: string, i: number): Piece {
  if (g.charAt(i + 1) !== '*') return { source: '[^/]*', end: i };
  let end = i + 1;
  while (g.charAt(end + 1) === '*') end++;
  const segmentStart = i === 0 || g.charAt(i - 1) === '/';
  const next = g.charAt(end + 1);
  if (!segmentStart || (next !== '/' && next !== '')) return { source: '[^/]*', end };
  // `**/` = zero or more whole segments; a trailing `**` = anything below.
  return next === '/' ? { source: '(?:[^/]+/)*', end: end + 1 } : { source: '.*', end };
}

function charClass(g: string, i: number): Piece {
  const close = g.indexOf(']', i + 2);
  if (close < 0) return { source: '\\[', end: i };
  let body = g.slice(i + 1, close);
  let negate = false;
  if (body.startsWith('!') || body.startsWith('^')) {
    negate = true;
    body = body.slice(1);
  }
  const escaped = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
  return { source: negate ? `(?:(?!/)[^${escaped}])` : `[${escaped}]`, end: close };
}

function braces(g: string, i: number): Piece {
  let depth = 0;
  const parts: string[] = [];
  let start = i + 1;
  for (let j = i; j < g.length; j++) {
    const c = g.charAt(j);
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      parts.push(g.slice(start, j));
      return { source: `(?:${parts.map(translate).join('|')})`, end: j };
    } else if (c === ',' && depth === 1) {
      parts.push(g.slice(start, j));
      start = j + 1;
    }
  }
  return { source: '\\{', end: i };
}
