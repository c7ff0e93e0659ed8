/**
 * Pure path validation for tool arguments: every path the model sends must name something inside a
 * workspace folder. Traversal tricks are refused with a message the model can act on; symlinks are
 * checked separately (see `workspacePaths.ts`), because that needs the file system.
 */
import { compileGlob, type GlobMatcher } from './glob';

/** A workspace folder: its display name and absolute path (`/` separators, no trailing `/`). */
export interface FolderRoot {
  name: string;
  absPath: string;
}

/** How paths compare on the host. */
export interface PathRules {
  /** Windows-like: case-insensitive comparisons, drive letters, no `:` or trailing dots in names. */
  windows?: boolean;
}

/** A path that passed the checks. `relPath` is `/`-separated inside `folder`, `''` for its root. */
export interface CheckedPath {
  ok: true;
  folder: FolderRoot;
  relPath: string;
  absPath: string;
}

/** A refused path; `error` is written for the model. */
export interface RefusedPath {
  ok: false;
  error: string;
}

/** Longest accepted path, in characters. */
export const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 255;

/** Turns `\` into `/`, collapses repeated `/` (keeping a UNC `//` prefix) and drops a trailing `/`. */
export function normalizeAbsPath(p: string): string {
  const s = p.replace(/\\/g, '/');
  const unc = s.startsWith('//') ? '/' : '';
  const collapsed = unc + s.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') && !/^[a-zA-Z]:\/$/.test(collapsed)
    ? collapsed.slice(0, -1)
    : collapsed;
}

/** True when `abs` is `root` or below it (both normalized). */
export function isInside(abs: string, root: string, rules: PathRules = {}): boolean {
  const a = rules.windows ? abs.toLowerCase() : abs;
  const r = rules.windows ? root.toLowerCase() : root;
  if (a === r) return true;
  return a.startsWith(r.endsWith('/') ? r : `${r}/`);
}

/** `abs` relative to `root` (assumes {@link isInside}); `''` for the root itself. */
export function relativeTo(abs: string, root: string): string {
  if (abs.length <= root.length) return '';
  return abs.slice(root.endsWith('/') ? root.length : root.length + 1);
}

/** The path shown to the model and the user: `folder/rel` with several folders, `rel` with one. */
export function displayPath(folder: FolderRoot, relPath: string, folders: readonly FolderRoot[]): string {
  if (folders.length > 1) return relPath ? `${folder.name}/${relPath}` : folder.name;
  return relPath || '.';
}

const refuse = (error: string): RefusedPath => ({ ok: false, error });
const isAbsolute = (p: string): boolean => p.startsWith('/') || /^[a-zA-Z]:\//.test(p);

/** Validates a model-supplied path and resolves it inside one of `folders`. */
export function checkPath(
  input: unknown,
  folders: readonly FolderRoot[],
  rules: PathRules = {},
): CheckedPath | RefusedPath {
  if (typeof input !== 'string') return refuse('The path must be a string.');
  if (folders.length === 0) return refuse('No workspace folder is open, so no path can be read.');
  let p = input.trim();
  if (p.length > MAX_PATH_LENGTH) return refuse(`The path is longer than ${MAX_PATH_LENGTH} characters.`);
  const fromUri = fileUriPath(p);
  if (fromUri !== undefined) {
    if ('error' in fromUri) return refuse(fromUri.error);
    p = fromUri.path;
  }
  const early = earlyRefusal(p);
  if (early) return refuse(early);
  p = p.replace(/\\/g, '/');
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  const bad = segments.map((s) => segmentProblem(s, rules)).find((x) => x !== undefined);
  if (bad) return refuse(bad);
  if (isAbsolute(p)) return fromAbsolute(normalizeAbsPath(p), folders, rules);
  return fromRelative(segments, folders, rules);
}

function earlyRefusal(p: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'The path contains a NUL or control character.';
  if (/%[0-9a-fA-F]{2}/.test(p))
    return 'The path contains percent-encoded characters; pass it as plain text, relative to the workspace.';
  if (p.startsWith('~'))
    return 'Home-directory paths (~) are outside the workspace; use a path relative to the workspace.';
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(p);
  if (scheme) return `Only workspace paths are accepted, not ${scheme[1]}: URIs; use a path relative to the workspace.`;
  if (/^[a-zA-Z]:(?![\\/])/.test(p))
    return 'Drive-relative paths (like C:foo) are not accepted; use a path relative to the workspace.';
  return undefined;
}

function segmentProblem(s: string, rules: PathRules): string | undefined {
  if (s === '..')
    return (
      "The path contains a '..' segment; paths must stay inside the workspace. " +
      'Use a path relative to the workspace root.'
    );
  if (s.length > MAX_SEGMENT_LENGTH) return `A path segment is longer than ${MAX_SEGMENT_LENGTH} characters.`;
  if (rules.windows && (/[<>"|?*]/.test(s) || /[. ]$/.test(s) || (s.includes(':') && !/^[a-zA-Z]:$/.test(s)))) {
    return `The path segment '${s}' is not a valid file name here.`;
  }
  return undefined;
}

/** The path of a `file://` URI (percent-decoded), an error for a malformed one, undefined otherwise. */
function fileUriPath(p: string): { path: string } | { error: string } | undefined {
  if (!/^file:/i.test(p)) return undefined;
  const m = /^file:\/\/([^/]*)(\/.*)?$/i.exec(p);
  if (!m || (m[1] !== '' && m[1]?.toLowerCase() !== 'localhost'))
    return { error: 'Only local file: URIs inside the workspace are accepted.' };
  try {
    const decoded = decodeURIComponent(m[2] ?? '/');
    return { path: /^\/[a-zA-Z]:\//.test(decoded) ? decoded.slice(1) : decoded };
  } catch {
    return { error: 'The file: URI is not correctly percent-encoded.' };
  }
}

function fromAbsolute(abs: string, folders: readonly FolderRoot[], rules: PathRules): CheckedPath | RefusedPath {
  // The deepest folder wins when workspace folders are nested.
  const folder = [...folders]
    .sort((a, b) => b.absPath.length - a.absPath.length)
    .find((f) => isInside(abs, f.absPath, rules));
  if (!folder)
    return refuse(
      `The path is outside the workspace folders ` +
        `(${folders.map((f) => f.name).join(', ')}); use a path relative to the workspace.`,
    );
  const relPath = relativeTo(abs, folder.absPath);
  return { ok: true, folder, relPath, absPath: joinAbs(folder.absPath, relPath) };
}

function fromRelative(segments: string[], folders: readonly FolderRoot[], rules: PathRules): CheckedPath | RefusedPath {
  let folder = folders[0];
  let rest = segments;
  if (folders.length > 1) {
    const first = segments[0] ?? '';
    const same = (f: FolderRoot) => (rules.windows ? f.name.toLowerCase() === first.toLowerCase() : f.name === first);
    folder = folders.find(same);
    if (!folder) {
      return refuse(
        `This workspace has several folders; start the path with one of their names: ` +
          `${folders.map((f) => f.name).join(', ')}.`,
      );
    }
    rest = segments.slice(1);
  }
  if (!folder) return refuse('No workspace folder is open, so no path can be read.');
  const relPath = rest.join('/');
  return { ok: true, folder, relPath, absPath: joinAbs(folder.absPath, relPath) };
}

/** Joins a folder path and a relative path. */
export function joinAbs(root: string, rel: string): string {
  if (!rel) return root;
  return root.endsWith('/') ? `${root}${rel}` : `${root}/${rel}`;
}

/** Deny-listed (sensitive) paths, matched case-insensitively against folder-relative paths. */
export class DenyList {
  private readonly matchers: { glob: string; test: GlobMatcher }[];

  constructor(globs: readonly string[]) {
    this.matchers = globs
      .filter((g) => g.trim())
      .map((glob) => ({ glob, test: compileGlob(glob, { caseInsensitive: true }) }));
  }

  /** The first glob matching `relPath`, or undefined when the path is not sensitive. */
  match(relPath: string): string | undefined {
    return this.matchers.find((m) => m.test(relPath))?.glob;
  }

  /** The globs, for engines that can exclude them themselves (ripgrep `--iglob`). */
  get globs(): string[] {
    return this.matchers.map((m) => m.glob);
  }
}
