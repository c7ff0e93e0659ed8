/**
 * The file-system seam of the chat history. Paths are plain strings joined with '/', so the store
 * stays pure and tests can use an in-memory fake; the host implements it over node:fs/promises.
 */

/** File operations the history store needs. Every method rejects only on unexpected I/O failures. */
export interface HistoryFs {
  /** The file's UTF-8 text, or `undefined` when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Replaces the file's content so that a reader (or a crash) sees either the old or the whole new
   * content, never a partial file: write a temporary sibling, flush it, then rename it over `path`.
   */
  writeFileAtomic(path: string, text: string): Promise<void>;
  /** Renames `from` to `to`, replacing `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; removing a missing file is not an error. */
  remove(path: string): Promise<void>;
  /** Entry names (not paths) in `dir`; an empty array when `dir` does not exist. */
  list(dir: string): Promise<string[]>;
  /** Creates `dir` and its parents; an existing folder is not an error. */
  mkdir(dir: string): Promise<void>;
  /**
   * Removes the temporary files in `dir` that an atomic write left behind when its process died
   * mid-write (a crash); files of writers that still run are kept. Returns the names removed.
   */
  removeStaleTemps(dir: string): Promise<string[]>;
}

/** Joins path segments with '/', without doubling separators at the joins. */
export function joinPath(...parts: string[]): string {
  return parts
    .map((p, i) => (i === 0 ? p.replace(/\/+$/, '') : p.replace(/^\/+|\/+$/g, '')))
    .filter((p, i) => i === 0 || p.length > 0)
    .join('/');
}
