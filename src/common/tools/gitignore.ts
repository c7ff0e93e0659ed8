/**
 * `.gitignore` rules for the search paths that do not run through ripgrep, matched by the `ignore`
 * package, which follows git: comments, `!` negation, trailing `/` (folders only), anchoring (a `/` at
 * the start or in the middle), escapes, and "a file under an ignored folder stays ignored". Nested
 * `.gitignore` files are git's too: the rules of `<dir>/.gitignore` are re-rooted at `dir` and come after
 * those of its parent folders, so a deeper file wins.
 */
import ignore, { type Ignore } from 'ignore';

/** Reads the text of `<dir>/.gitignore` (dir `''` is the folder root), or undefined when there is none. */
export type GitignoreLoader = (dirRelPath: string) => Promise<string | undefined>;

/** The pattern lines of one `.gitignore` file: blank lines and comments dropped, the rest as written. */
export function parseGitignore(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** Glob characters and line-start markers, escaped where a folder name becomes part of a pattern. */
const escapeName = (name: string): string => name.replace(/[\\*?[\]!#]/g, '\\$&');

/**
 * One pattern line of `<dir>/.gitignore` rewritten relative to the folder root: an anchored pattern
 * becomes `dir/pattern`, an unanchored one `dir/**` + `/pattern`. Undefined for a line that matches nothing.
 */
export function rebasePattern(line: string, dir: string): string | undefined {
  const negate = line.startsWith('!');
  const body = negate ? line.slice(1) : line;
  // Git trims trailing spaces before it looks for slashes; a trailing `/` only means "folders only".
  const stem = body.replace(/ +$/, '').replace(/\/$/, '');
  if (stem.replace(/^\//, '') === '') return undefined;
  const anchored = stem.includes('/');
  const rebased = `${escapeName(dir)}/${anchored ? body.replace(/^\//, '') : `**/${body}`}`;
  return negate ? `!${rebased}` : rebased;
}

/** Answers "is this folder-relative path ignored?", loading `.gitignore` files lazily and once. */
export class GitignoreFilter {
  /** Per folder: the rules that apply inside it (its own and every parent folder's). */
  private readonly scopes = new Map<string, Promise<Ignore>>();

  constructor(private readonly load: GitignoreLoader) {}

  /** True when `relPath` or one of its parent folders is ignored. */
  async isIgnored(relPath: string, isDir: boolean): Promise<boolean> {
    const parts = relPath.split('/').filter(Boolean);
    if (parts.length === 0) return false;
    const rules = await this.rulesIn(parts.slice(0, -1).join('/'));
    return rules.ignores(parts.join('/') + (isDir ? '/' : ''));
  }

  private rulesIn(dir: string): Promise<Ignore> {
    let r = this.scopes.get(dir);
    if (!r) {
      r = this.build(dir);
      this.scopes.set(dir, r);
    }
    return r;
  }

  private async build(dir: string): Promise<Ignore> {
    const parent = dir === '' ? undefined : await this.rulesIn(dir.includes('/') ? dir.replace(/\/[^/]*$/, '') : '');
    const text = await this.load(dir).catch(() => undefined);
    const lines = text === undefined ? [] : parseGitignore(text);
    if (parent && lines.length === 0) return parent;
    const rules = ignore({ ignorecase: false });
    if (parent) rules.add(parent);
    for (const line of lines) rules.add(dir === '' ? line : (rebasePattern(line, dir) ?? []));
    return rules;
  }
}
