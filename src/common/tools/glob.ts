/**
 * Glob matching for workspace-relative paths with `/` separators, done by picomatch (its POSIX entry,
 * which reads no platform). The dialect is that of VS Code's glob settings: `*` and `?` stay within one
 * segment, a whole `**` segment spans any number of segments (zero included), `[...]` / `[!...]` classes
 * and nested `{a,b}` sets work, and dotfiles match like any other name. Everything else is literal: a
 * leading `!`, extglobs, and `(`, `)` and `|`, so `**\/notes (old).txt` still means that file name.
 */
import picomatch from 'picomatch/posix';

/** Options of {@link compileGlob}. */
export interface GlobOptions {
  /** Match letters case-insensitively (used for deny globs, so `.ENV` cannot slip through). */
  caseInsensitive?: boolean;
  /** A glob without `/` matches a file name at any depth (`*.ts` = `**` + `/*.ts`), like ripgrep's `-g`. */
  basenameWhenNoSlash?: boolean;
}

/** A compiled glob: tests a workspace-relative path (no leading `./` or `/`). */
export type GlobMatcher = (path: string) => boolean;

/**
 * `strictSlashes`: `a/**` matches below `a`, not `a` itself. `debug`: a glob picomatch cannot compile
 * throws instead of silently matching nothing, which for a deny glob would let every file through.
 */
const PICOMATCH_OPTIONS = {
  dot: true,
  posix: true,
  nonegate: true,
  noextglob: true,
  strictSlashes: true,
  debug: true,
} as const;

/** Strips `./` and `/` prefixes and turns backslashes into `/`. */
export function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  return g.replace(/^\/+/, '');
}

/**
 * Compiles `glob` into a matcher. An unclosed class or brace is matched literally; a glob that still
 * cannot compile (a class like `[z-a]`) throws.
 */
export function compileGlob(glob: string, options: GlobOptions = {}): GlobMatcher {
  let g = normalizeGlob(glob);
  if (g === '') return (path) => path === '';
  if (options.basenameWhenNoSlash && !g.includes('/') && g !== '**') g = `**/${g}`;
  // picomatch reads parentheses and `|` as regular-expression groups; escaped, they are plain characters.
  const pattern = g.replace(/[()|]/g, '\\$&');
  const nocase = options.caseInsensitive === true;
  let isMatch: picomatch.Matcher;
  try {
    isMatch = picomatch(pattern, { ...PICOMATCH_OPTIONS, nocase });
  } catch {
    // An unbalanced `{` or `}` makes picomatch's expression invalid: read braces literally then.
    isMatch = picomatch(pattern, { ...PICOMATCH_OPTIONS, nocase, nobrace: true });
  }
  return (path) => isMatch(path);
}

/** True when `matcher` matches `relPath` or one of its parent folders (how exclude settings apply). */
export function matchesSelfOrParent(matcher: GlobMatcher, relPath: string): boolean {
  const parts = relPath.split('/');
  for (let i = 1; i <= parts.length; i++) if (matcher(parts.slice(0, i).join('/'))) return true;
  return false;
}
