// A WorkspaceFs over real temp directories for unit tests: node:fs for bytes and real paths, a
// directory walk with .gitignore for findFiles, and the JavaScript search (or ripgrep, when given).
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  promises as fsp,
  type Dirent,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileGlob } from '../../../src/common/tools/glob';
import { GitignoreFilter } from '../../../src/common/tools/gitignore';
import { jsSearchText } from '../../../src/common/tools/jsSearch';
import { joinAbs, type FolderRoot, type PathRules } from '../../../src/common/tools/pathGuard';
import {
  ripgrepFiles,
  ripgrepSearch,
  ripgrepCandidates,
  type Ripgrep,
  type SpawnLines,
} from '../../../src/common/tools/ripgrepSearch';
import type {
  DiagnosticEntry,
  DirEntry,
  EditorState,
  EntryType,
  FileHit,
  FileSearchResult,
  FileStat,
  FindOptions,
  TextQuery,
  TextSearchResult,
  WorkspaceFs,
} from '../../../src/common/tools/workspaceFs';

/** Files to create: path → content; a `{ link }` value makes a symlink to that target. */
export type Tree = Record<string, string | Uint8Array | { link: string }>;

/** Creates a temp directory with `tree` inside; returns its real path. */
export function makeTree(tree: Tree, base?: string): string {
  const root = base ?? realpathSync(mkdtempSync(join(tmpdir(), 'aio-tools-')));
  for (const [rel, content] of Object.entries(tree)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, abs);
    else if (rel.endsWith('/')) mkdirSync(abs, { recursive: true });
    else writeFileSync(abs, content);
  }
  return root;
}

/** Removes a temp directory made by {@link makeTree}. */
export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

const isMissing = (e: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes(String((e as { code?: unknown }).code));

function entryType(d: Dirent): EntryType {
  if (d.isSymbolicLink()) return 'symlink';
  return d.isDirectory() ? 'directory' : d.isFile() ? 'file' : 'other';
}

/** Options of {@link NodeFsForTests}. */
export interface NodeFsOptions {
  /** Exclude globs standing in for files.exclude / search.exclude. */
  excludes?: string[];
  /** Search with this ripgrep instead of the JavaScript fallback. */
  ripgrep?: Ripgrep;
  useIgnoreFiles?: boolean;
}

/** WorkspaceFs over real directories. Diagnostics and the editor are plain fields tests set. */
export class NodeFsForTests implements WorkspaceFs {
  readonly rules: PathRules = {};
  diagnosticList: DiagnosticEntry[] = [];
  editor: EditorState | undefined;
  readonly calls: string[] = [];

  constructor(
    private readonly roots: FolderRoot[],
    private readonly options: NodeFsOptions = {},
  ) {}

  folders(): readonly FolderRoot[] {
    return this.roots;
  }

  async realpath(absPath: string): Promise<string | undefined> {
    try {
      return await fsp.realpath(absPath);
    } catch (e: unknown) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async stat(absPath: string): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(absPath);
      return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size };
    } catch (e: unknown) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async readBytes(absPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
    this.calls.push(`readBytes ${absPath}`);
    const all = await fsp.readFile(absPath);
    return { bytes: all.subarray(0, maxBytes), size: all.length };
  }

  async readDir(absPath: string): Promise<DirEntry[]> {
    return (await fsp.readdir(absPath, { withFileTypes: true })).map((d) => ({ name: d.name, type: entryType(d) }));
  }

  async findFiles(glob: string, options: FindOptions, signal: AbortSignal): Promise<FileSearchResult> {
    const scope = this.roots.filter((f) => !options.folder || f.name === options.folder);
    if (this.options.ripgrep)
      return ripgrepFiles(this.options.ripgrep, scope, glob, options, signal, {
        excludesFor: () => this.options.excludes ?? [],
      });
    const match = compileGlob(glob, { basenameWhenNoSlash: true });
    const excluded = (this.options.excludes ?? []).map((g) => compileGlob(g));
    const files: FileHit[] = [];
    for (const folder of scope) {
      const ignore = new GitignoreFilter((dir) =>
        fsp.readFile(joinAbs(folder.absPath, dir ? `${dir}/.gitignore` : '.gitignore'), 'utf8').catch(() => undefined),
      );
      const stack = [''];
      while (stack.length > 0) {
        const dir = stack.pop() ?? '';
        for (const d of await fsp.readdir(joinAbs(folder.absPath, dir), { withFileTypes: true })) {
          const rel = dir ? `${dir}/${d.name}` : d.name;
          const isDir = d.isDirectory();
          if (
            d.name === '.git' ||
            excluded.some((x) => x(rel)) ||
            (this.options.useIgnoreFiles !== false && (await ignore.isIgnored(rel, isDir)))
          )
            continue;
          if (isDir) stack.push(rel);
          else if (match(rel)) {
            if (files.length >= options.max) return { files, truncated: true };
            files.push({ folder: folder.name, relPath: rel });
          }
        }
      }
    }
    return { files, truncated: false };
  }

  searchText(query: TextQuery, signal: AbortSignal): Promise<TextSearchResult> {
    if (this.options.ripgrep)
      return ripgrepSearch(this.options.ripgrep, this.roots, query, signal, {
        excludesFor: () => this.options.excludes ?? [],
      });
    return jsSearchText(this, query, signal);
  }

  async diagnostics(): Promise<DiagnosticEntry[]> {
    return this.diagnosticList;
  }

  activeEditor(): EditorState | undefined {
    return this.editor;
  }
}

/** A single-folder NodeFsForTests named after the directory. */
export function singleFolderFs(root: string, options?: NodeFsOptions): NodeFsForTests {
  return new NodeFsForTests([{ name: 'ws', absPath: root }], options);
}

/** SpawnLines over node:child_process (the same contract as the host's adapter). */
export const nodeSpawnLines: SpawnLines = (command, args, cwd, onLine) => {
  const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    stderr += c;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (e) => resolve({ code: 2, stderr: e.message }));
    child.once('close', (code) => {
      if (pending) onLine(pending);
      resolve({ code, stderr });
    });
  });
  return {
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
};

/** The code-server app root this repository installs for integration tests. */
const CACHE = process.env.AIO_VSCODE_CACHE || join(__dirname, '../../../.vscode-test');
/** VS Code's app root inside the cached code-server (`npm test` installs it first). */
export const CODE_SERVER_APP_ROOT = join(CACHE, 'code-server-4.139.1/node_modules/code-server/lib/vscode');

/**
 * VS Code's ripgrep: `$AIO_RIPGREP` (set by `npm test` after it ensured the prerequisites), else found
 * in the cached code-server the way the host finds it. Throws, never skips, when there is none.
 */
export function realRipgrep(): Ripgrep {
  const path =
    process.env.AIO_RIPGREP ||
    ripgrepCandidates(CODE_SERVER_APP_ROOT, process.platform, process.arch).find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new Error(
      `VS Code's ripgrep is missing (looked under ${CODE_SERVER_APP_ROOT}). Run the tests with \`npm test\` ` +
        '(or `npm run test:unit`), which installs code-server and its ripgrep first.',
    );
  }
  return { path, spawn: nodeSpawnLines };
}
