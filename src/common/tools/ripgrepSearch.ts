/**
 * Text search and file listing with the ripgrep that VS Code ships. The process itself is behind the
 * {@link SpawnLines} seam (the host spawns it; tests may too); this module builds the arguments,
 * reads `--json` / `--files` output line by line, and kills the process at the cap, on Stop and at
 * the deadline.
 */
import { isObj } from '../isObj';
import type { FolderRoot } from './pathGuard';
import { abortError, throwIfAborted } from './text';
import type { FileHit, FileSearchResult, TextMatch, TextQuery, TextSearchResult } from './workspaceFs';

/** A running process whose stdout arrives as lines. */
export interface LineProcess {
  /** Settles when the process has exited (after a kill too); never rejects. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  /** Ends the process; safe to call more than once. */
  kill(): void;
}

/** Starts `command args` in `cwd` with stdin closed, calling `onLine` for each stdout line. */
export type SpawnLines = (
  command: string,
  args: readonly string[],
  cwd: string,
  onLine: (line: string) => void,
) => LineProcess;

/** A located ripgrep binary and how to start it. */
export interface Ripgrep {
  path: string;
  spawn: SpawnLines;
}

/** Settings that shape a ripgrep run. */
export interface RipgrepOptions {
  /** Extra exclude globs per folder (the editor's `files.exclude` and `search.exclude`). */
  excludesFor?: (folder: FolderRoot) => readonly string[];
  /** `search.useIgnoreFiles`: honour `.gitignore` and `.ignore` (default true). */
  useIgnoreFiles?: boolean;
  /** Time budget for the whole search (default 20 s). */
  timeoutMs?: number;
}

/** Where VS Code keeps ripgrep below `vscode.env.appRoot`, newest layout first. */
export function ripgrepCandidates(appRoot: string, platform: string, arch: string): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const root = appRoot.replace(/\\/g, '/').replace(/\/+$/, '');
  const out: string[] = [];
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) {
    out.push(`${root}/${modules}/@vscode/ripgrep-universal/bin/${platform}-${arch}/${exe}`);
    out.push(`${root}/${modules}/@vscode/ripgrep/bin/${exe}`);
  }
  return out;
}

function commonArgs(folder: FolderRoot, opts: RipgrepOptions): string[] {
  const args = ['--hidden', '--no-config', '--no-require-git', '--glob', '!**/.git'];
  if (opts.useIgnoreFiles === false) args.push('--no-ignore');
  for (const g of opts.excludesFor?.(folder) ?? []) args.push('--glob', `!${g}`);
  return args;
}

/**
 * Arguments for a `--json` text search in one folder (the process runs with that folder as cwd).
 * No `--max-filesize`: it makes ripgrep stat every file (about a quarter more CPU on a large tree),
 * and ripgrep reads big files fast; long lines are cut by `--max-columns` and results by the cap.
 */
export function searchArgs(q: TextQuery, folder: FolderRoot, opts: RipgrepOptions = {}): string[] {
  const args = ['--json', '--max-columns', '4000', '--max-columns-preview'];
  args.push(q.caseSensitive ? '--case-sensitive' : '--ignore-case');
  args.push(...(q.isRegex ? ['--engine', 'auto'] : ['--fixed-strings']));
  if (q.include) args.push('--glob', q.include);
  args.push(...commonArgs(folder, opts));
  for (const g of q.denyGlobs) args.push('--iglob', `!${g}`);
  args.push('--regexp', q.pattern, '--', '.');
  return args;
}

/** Arguments for `--files` in one folder. */
export function filesArgs(glob: string, folder: FolderRoot, opts: RipgrepOptions = {}): string[] {
  // A `--glob` that matches a file wins over .gitignore in ripgrep, so "everything" is asked without one.
  const include = glob === '**' || glob === '**/*' ? [] : ['--glob', glob];
  return ['--files', ...include, ...commonArgs(folder, opts), '--', '.'];
}

const cleanPath = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '');

/** A `--json` line of type `match`, as path, 1-based line and text; undefined for other lines. */
export function parseMatchLine(line: string): { relPath: string; line: number; text: string } | undefined {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined; // not a JSON line (never expected with --json)
  }
  if (!isObj(o) || o.type !== 'match' || !isObj(o.data)) return undefined;
  const { path, lines, line_number: n } = o.data;
  if (!isObj(path) || typeof path.text !== 'string' || typeof n !== 'number') return undefined;
  const text = isObj(lines) && typeof lines.text === 'string' ? lines.text.replace(/\r?\n$/, '') : '';
  return { relPath: cleanPath(path.text), line: n, text };
}

interface RunOutcome {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

/** Runs ripgrep; `onLine` returns true when it has enough, which kills the process. */
async function run(
  rg: Ripgrep,
  args: string[],
  cwd: string,
  signal: AbortSignal,
  msLeft: number,
  onLine: (line: string) => boolean,
): Promise<RunOutcome> {
  throwIfAborted(signal);
  let done = false;
  let timedOut = false;
  // A holder, because a spawn seam may deliver lines before it returns.
  const ref: { proc?: LineProcess } = {};
  const stop = () => {
    done = true;
    ref.proc?.kill();
  };
  ref.proc = rg.spawn(rg.path, args, cwd, (line) => {
    if (!done && onLine(line)) stop();
  });
  const proc = ref.proc;
  if (done) proc.kill();
  const onAbort = () => stop();
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () => {
      timedOut = true;
      stop();
    },
    Math.max(0, msLeft),
  );
  try {
    const { code, stderr } = await proc.exited;
    if (signal.aborted) throw abortError();
    return { code, stderr, timedOut };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function failure(out: RunOutcome): Error | undefined {
  if (out.code !== 2 || /No files were searched/.test(out.stderr)) return undefined;
  const msg = out.stderr
    .replace(/~{3,}/g, '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .slice(0, 500);
  return new Error(`the search failed: ${msg || 'ripgrep exited with an error'}`);
}

const scope = (folders: readonly FolderRoot[], name?: string): FolderRoot[] =>
  name ? folders.filter((f) => f.name === name) : [...folders];

/** Searches every folder (or `q.folder`) in turn until `q.maxResults` lines matched. */
export async function ripgrepSearch(
  rg: Ripgrep,
  folders: readonly FolderRoot[],
  q: TextQuery,
  signal: AbortSignal,
  opts: RipgrepOptions = {},
): Promise<TextSearchResult> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const matches: TextMatch[] = [];
  let truncated = false;
  for (const folder of scope(folders, q.folder)) {
    const out = await run(rg, searchArgs(q, folder, opts), folder.absPath, signal, deadline - Date.now(), (line) => {
      const m = parseMatchLine(line);
      if (!m) return false;
      if (matches.length >= q.maxResults) return (truncated = true);
      matches.push({ folder: folder.name, ...m });
      return false;
    });
    if (out.timedOut) return { matches, truncated, timedOut: true, engine: 'ripgrep' };
    const err = truncated ? undefined : failure(out);
    if (err && matches.length === 0) throw err;
    if (truncated) break;
  }
  return { matches, truncated, engine: 'ripgrep' };
}

/** Lists files matching a glob in every folder (or `folder`), up to `max`. */
export async function ripgrepFiles(
  rg: Ripgrep,
  folders: readonly FolderRoot[],
  glob: string,
  find: { folder?: string; max: number },
  signal: AbortSignal,
  opts: RipgrepOptions = {},
): Promise<FileSearchResult> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const files: FileHit[] = [];
  let truncated = false;
  for (const folder of scope(folders, find.folder)) {
    const out = await run(rg, filesArgs(glob, folder, opts), folder.absPath, signal, deadline - Date.now(), (line) => {
      if (!line) return false;
      if (files.length >= find.max) return (truncated = true);
      files.push({ folder: folder.name, relPath: cleanPath(line) });
      return false;
    });
    if (out.timedOut) return { files, truncated: true };
    const err = truncated ? undefined : failure(out);
    if (err && files.length === 0) throw err;
    if (truncated) break;
  }
  return { files, truncated };
}
