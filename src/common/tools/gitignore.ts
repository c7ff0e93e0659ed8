/**
 * `.gitignore` rules for the search paths that do not run through ripgrep: comments, `!` negation,
 * trailing `/` (folders only), anchoring (a `/` at the start or in the middle), nested `.gitignore`
 * files (deeper ones win), and "a file under an ignored folder stays ignored".
 */
import { translate } from './glob';

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  re: RegExp;
}

/** Parses the text of one `.gitignore` file. */
export function parseGitignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    line = line.replace(/^\\([#!])/, '$1').replace(/\\(\s)/g, '$1');
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    if (line === '') continue;
    rules.push({ negate, dirOnly, re: new RegExp(`^${anchored ? '' : '(?:[^/]+/)*'}${translate(line)}$`) });
  }
  return rules;
}

/** Ignored / re-included / no opinion for one path under one `.gitignore`. */
function verdict(rules: readonly Rule[], rel: string, isDir: boolean): boolean | undefined {
  let out: boolean | undefined;
  for (const r of rules) if ((!r.dirOnly || isDir) && r.re.test(rel)) out = !r.negate;
  return out;
}

/** Reads the text of `<dir>/.gitignore` (dir `''` is the folder root), or undefined when there is none. */
export type GitignoreLoader = (dirRelPath: string) => Promise<string | undefined>;

/** Answers "is this folder-relative path ignored?", loading `.gitignore` files lazily and once. */
export class GitignoreFilter {
  private readonly cache = new Map<string, Promise<Rule[]>>();

  constructor(private readonly load: GitignoreLoader) {}

  /** True when `relPath` or one of its parent folders is ignored. */
  async isIgnored(relPath: string, isDir: boolean): Promise<boolean> {
    const parts = relPath.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const last = i === parts.length;
      if (await this.ignoredHere(parts.slice(0, i), last ? isDir : true)) return true;
    }
    return false;
  }

  /** The path itself (not its parents), by every `.gitignore` from the root down; the deepest match wins. */
  private async ignoredHere(parts: readonly string[], isDir: boolean): Promise<boolean> {
    let out = false;
    for (let d = 0; d < parts.length; d++) {
      const dir = parts.slice(0, d).join('/');
      const v = verdict(await this.rules(dir), parts.slice(d).join('/'), isDir);
      if (v !== undefined) out = v;
    }
    return out;
  }

  private rules(dir: string): Promise<Rule[]> {
    let r = this.cache.get(dir);
    if (!r) {
      r = this.load(dir).then(
        (t) => (t === undefined ? [] : parseGitignore(t)),
        () => [],
      );
      this.cache.set(dir, r);
    }
    return r;
  }
}
