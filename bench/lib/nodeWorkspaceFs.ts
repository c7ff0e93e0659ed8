// A WorkspaceFs over node:fs and VS Code's ripgrep for benchmarks outside VS Code. It mirrors
// src/host/vscodeWorkspaceFs.ts on the ripgrep path (same ripgrepSearch/ripgrepFiles, same spawn
// adapter from src/host/ripgrep.ts); the editor's settings are VS Code's defaults.
import { promises as fsp, type Dirent } from 'node:fs';
import { basename } from 'node:path';
import { ripgrepFiles, ripgrepSearch, type Ripgrep, type RipgrepOptions } from '../../src/common/tools/ripgrepSearch';
import type { FolderRoot, PathRules } from '../../src/common/tools/pathGuard';
import type {
  DirEntry,
  FileSearchResult,
  FileStat,
  FindOptions,
  TextQuery,
  TextSearchResult,
  WorkspaceFs,
} from '../../src/common/tools/workspaceFs';

/** VS Code's default `files.exclude` and `search.exclude`. */
export const DEFAULT_EXCLUDES = [
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

const entryType = (d: Dirent): DirEntry['type'] =>
  d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'directory' : d.isFile() ? 'file' : 'other';

/** One workspace folder at `root`, searched with `rg`. */
export class NodeWorkspaceFs implements WorkspaceFs {
  readonly rules: PathRules = {};
  readonly options: RipgrepOptions = { useIgnoreFiles: true, excludesFor: () => DEFAULT_EXCLUDES };

  constructor(
    private readonly root: string,
    private readonly rg: Ripgrep,
  ) {}

  folders(): FolderRoot[] {
    return [{ name: basename(this.root), absPath: this.root }];
  }

  async realpath(absPath: string): Promise<string | undefined> {
    return fsp.realpath(absPath).catch(() => undefined);
  }

  async stat(absPath: string): Promise<FileStat | undefined> {
    const s = await fsp.stat(absPath).catch(() => undefined);
    return s && { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size };
  }

  async readBytes(absPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
    const all = await fsp.readFile(absPath);
    return { bytes: all.subarray(0, maxBytes), size: all.length };
  }

  async readDir(absPath: string): Promise<DirEntry[]> {
    return (await fsp.readdir(absPath, { withFileTypes: true })).map((d) => ({ name: d.name, type: entryType(d) }));
  }

  findFiles(glob: string, options: FindOptions, signal: AbortSignal): Promise<FileSearchResult> {
    return ripgrepFiles(this.rg, this.folders(), glob, options, signal, this.options);
  }

  searchText(query: TextQuery, signal: AbortSignal): Promise<TextSearchResult> {
    return ripgrepSearch(this.rg, this.folders(), query, signal, this.options);
  }

  async diagnostics(): Promise<never[]> {
    return [];
  }

  activeEditor(): undefined {
    return undefined;
  }
}
