// A WorkspaceFs over real directories, for unit tests and benchmarks outside VS Code: node:fs for bytes
// and real paths; with a ripgrep, the same ripgrepSearch/ripgrepFiles the host runs; without one, a
// directory walk with .gitignore for findFiles and the JavaScript search (the host's fallback).
import { promises as fsp } from 'node:fs';
import { compileGlob } from '../../src/common/tools/glob';
import { GitignoreFilter } from '../../src/common/tools/gitignore';
import { jsSearchText } from '../../src/common/tools/jsSearch';
import { joinAbs, type FolderRoot, type PathRules } from '../../src/common/tools/pathGuard';
import { readDirEntries, realpathOf, statOf } from '../../src/host/tools/nodeFsBasics';
import { ripgrepFiles, ripgrepSearch, type Ripgrep, type RipgrepOptions } from '../../src/common/tools/ripgrepSearch';
import type {
  DiagnosticEntry,
  DirEntry,
  EditorState,
  FileHit,
  FileSearchResult,
  FileStat,
  FindOptions,
  TextQuery,
  TextSearchResult,
  WorkspaceFs,
} from '../../src/common/tools/workspaceFs';

/** VS Code's default `files.exclude` and `search.exclude`. */
export const VSCODE_DEFAULT_EXCLUDES = [
  '**/.git',
  '**/.svn',
  '**/.hg',
  '**/CVS',
  '**/.DS_Store',
  '**/Thumbs.db',
  '**/node_modules',
  '**/bower_components',
  '**/*.code-search',
];

/** Options of {@link NodeWorkspaceFs}. */
export interface NodeFsOptions {
  /** Exclude globs standing in for files.exclude / search.exclude. */
  excludes?: readonly string[];
  /** Search with this ripgrep instead of the JavaScript fallback. */
  ripgrep?: Ripgrep;
  /** `search.useIgnoreFiles` (default true). */
  useIgnoreFiles?: boolean;
}

/** WorkspaceFs over real directories. Diagnostics and the editor are plain fields tests set. */
export class NodeWorkspaceFs implements WorkspaceFs {
  readonly rules: PathRules = {};
  diagnosticList: DiagnosticEntry[] = [];
  editor: EditorState | undefined;
  /** Every `readBytes`, for tests that check nothing was read. */
  readonly calls: string[] = [];
  /** The settings of a ripgrep run, as the host passes them. */
  readonly ripgrepOptions: RipgrepOptions;

  constructor(
    private readonly roots: FolderRoot[],
    private readonly options: NodeFsOptions = {},
  ) {
    this.ripgrepOptions = { excludesFor: () => options.excludes ?? [], useIgnoreFiles: options.useIgnoreFiles };
  }

  folders(): readonly FolderRoot[] {
    return this.roots;
  }

  realpath(absPath: string): Promise<string | undefined> {
    return realpathOf(absPath);
  }

  stat(absPath: string): Promise<FileStat | undefined> {
    return statOf(absPath);
  }

  async readBytes(absPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
    this.calls.push(`readBytes ${absPath}`);
    const all = await fsp.readFile(absPath);
    return { bytes: all.subarray(0, maxBytes), size: all.length };
  }

  readDir(absPath: string): Promise<DirEntry[]> {
    return readDirEntries(absPath);
  }

  async findFiles(glob: string, options: FindOptions, signal: AbortSignal): Promise<FileSearchResult> {
    const scope = this.roots.filter((f) => !options.folder || f.name === options.folder);
    if (this.options.ripgrep)
      return ripgrepFiles(this.options.ripgrep, scope, glob, options, signal, this.ripgrepOptions);
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
      return ripgrepSearch(this.options.ripgrep, this.roots, query, signal, this.ripgrepOptions);
    return jsSearchText(this, query, signal);
  }

  async diagnostics(): Promise<DiagnosticEntry[]> {
    return this.diagnosticList;
  }

  activeEditor(): EditorState | undefined {
    return this.editor;
  }
}

/** A single-folder NodeWorkspaceFs; the folder is named `ws` unless `name` is given. */
export function singleFolderFs(root: string, options?: NodeFsOptions, name = 'ws'): NodeWorkspaceFs {
  return new NodeWorkspaceFs([{ name, absPath: root }], options);
}
