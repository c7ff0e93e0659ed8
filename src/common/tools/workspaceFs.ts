/**
 * The seam between the tools and the machine: everything a tool needs from the file system, the
 * search engines and the editor. The host implements it over `vscode` and Node; unit tests over a
 * temp directory. All paths are absolute with `/` separators, as in {@link FolderRoot}.
 */
import type { FolderRoot, PathRules } from './pathGuard';

/** Kind of a directory entry or file. */
export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** What `stat` reports (following symlinks). */
export interface FileStat {
  type: EntryType;
  size: number;
}

/** One entry of a directory, without following symlinks. */
export interface DirEntry {
  name: string;
  type: EntryType;
}

/** A file found in a workspace folder. */
export interface FileHit {
  /** Name of the workspace folder. */
  folder: string;
  /** `/`-separated path inside that folder. */
  relPath: string;
}

/** What `findFiles` returns. */
export interface FileSearchResult {
  files: FileHit[];
  /** True when more files matched than were returned. */
  truncated: boolean;
}

/** Options of `findFiles`. */
export interface FindOptions {
  /** Restrict to this workspace folder (by name). */
  folder?: string;
  /** Stop after this many files. */
  max: number;
}

/** A text search. */
export interface TextQuery {
  pattern: string;
  isRegex: boolean;
  caseSensitive: boolean;
  /** Folder-relative glob of files to search; a glob without `/` matches file names at any depth. */
  include?: string;
  /** Restrict to this workspace folder (by name). */
  folder?: string;
  maxResults: number;
  /** Sensitive-file globs (case-insensitive) whose contents must never be returned. */
  denyGlobs: readonly string[];
}

/** One matching line. */
export interface TextMatch {
  folder: string;
  relPath: string;
  /** 1-based. */
  line: number;
  text: string;
}

/** What `searchText` returns. */
export interface TextSearchResult {
  matches: TextMatch[];
  /** True when the search stopped at `maxResults` (more may exist). */
  truncated: boolean;
  /** True when the search ran out of time; `matches` holds what was found until then. */
  timedOut?: boolean;
  engine: 'ripgrep' | 'javascript';
}

/** A zero-based position, as in VS Code. */
export interface Position {
  line: number;
  character: number;
}

/** A zero-based range. */
export interface Range {
  start: Position;
  end: Position;
}

/** One problem from the Problems panel. */
export interface DiagnosticEntry {
  absPath: string;
  range: Range;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
  code?: string;
}

/** The editor that has focus. */
export interface EditorState {
  /** Absolute path for `file:` documents; undefined for untitled and other schemes. */
  absPath?: string;
  /** The document URI scheme (`file`, `untitled`, …). */
  scheme: string;
  languageId: string;
  lineCount: number;
  isDirty: boolean;
  selection: Range;
  visibleRanges: Range[];
  selectedText: string;
}

/** The file-system and editor seam used by every tool. */
export interface WorkspaceFs {
  /** The open workspace folders (local `file:` folders only). */
  folders(): readonly FolderRoot[];
  /** How paths compare on this host. */
  readonly rules: PathRules;
  /** The real path with every symlink resolved, or undefined when nothing exists there. */
  realpath(absPath: string): Promise<string | undefined>;
  /** Type and size (following symlinks), or undefined when nothing exists there. */
  stat(absPath: string): Promise<FileStat | undefined>;
  /** Up to `maxBytes` bytes from the start of a file, and the file's full size. */
  readBytes(absPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }>;
  /** The entries of a directory (symlinks reported as `symlink`, not followed). */
  readDir(absPath: string): Promise<DirEntry[]>;
  /** Files matching a folder-relative glob, honouring the editor's exclude settings and `.gitignore`. */
  findFiles(glob: string, options: FindOptions, signal: AbortSignal): Promise<FileSearchResult>;
  /** Lines matching a query, honouring the same excludes; stops at `maxResults`. */
  searchText(query: TextQuery, signal: AbortSignal): Promise<TextSearchResult>;
  /** Every problem VS Code currently knows about. */
  diagnostics(): Promise<DiagnosticEntry[]>;
  /** The active text editor, if any. */
  activeEditor(): EditorState | undefined;
}
