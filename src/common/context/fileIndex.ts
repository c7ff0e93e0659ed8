import { hitPath, insideGitDir } from '../tools/findFiles';
import type { WorkspaceFs } from '../tools/workspaceFs';
import { rankFuzzy, type Ranked } from './fuzzy';

/** Most files the @ picker lists; a larger workspace is cut (and the cut is logged). */
export const MAX_INDEXED_FILES = 200_000;

/** A file or folder the @ picker can offer, with its path kept in lower case for matching. */
export interface IndexEntry {
  kind: 'file' | 'folder';
  /** Workspace path (prefixed with the folder name in a multi-root workspace), folders without a trailing `/`. */
  path: string;
  lower: string;
}

/** The workspace's files and the folders that hold them, as the @ picker searches them. */
export class FileIndex {
  private constructor(
    readonly entries: readonly IndexEntry[],
    /** True when the workspace had more than {@link MAX_INDEXED_FILES} files. */
    readonly truncated: boolean,
  ) {}

  /**
   * Lists every file the editor's search would (files.exclude, search.exclude and .gitignore honoured,
   * through `fs.findFiles`) and derives their folders.
   */
  static async build(fs: WorkspaceFs, signal: AbortSignal, max = MAX_INDEXED_FILES): Promise<FileIndex> {
    const folders = fs.folders();
    const found = await fs.findFiles('**', { max }, signal);
    return FileIndex.fromPaths(
      found.files.map((f) => hitPath(f, folders)),
      found.truncated,
    );
  }

  /** An index of these file paths (`/`-separated) and their folders. */
  static fromPaths(paths: readonly string[], truncated = false): FileIndex {
    const entries: IndexEntry[] = [];
    const folders = new Set<string>();
    for (const path of paths) {
      if (insideGitDir(path)) continue;
      entries.push({ kind: 'file', path, lower: path.toLowerCase() });
      for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
        const dir = path.slice(0, i);
        if (folders.has(dir)) break;
        folders.add(dir);
      }
    }
    for (const dir of folders) entries.push({ kind: 'folder', path: dir, lower: dir.toLowerCase() });
    return new FileIndex(entries, truncated);
  }

  /** The best `limit` entries for `query`, best first. */
  search(query: string, limit: number): Ranked<IndexEntry>[] {
    return rankFuzzy(this.entries, query, (e) => ({ text: e.path, lower: e.lower }), limit);
  }

  /** The files under `folder` (a folder path of this index), at most `max`. */
  filesUnder(folder: string, max: number): string[] {
    const prefix = `${folder}/`;
    const out: string[] = [];
    for (const e of this.entries) {
      if (e.kind !== 'file' || !e.path.startsWith(prefix)) continue;
      out.push(e.path);
      if (out.length >= max) break;
    }
    return out;
  }
}
