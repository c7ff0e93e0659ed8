// WorkspaceFs over the open workspace folders: node:fs for bytes and real paths (symlink checks),
// VS Code's ripgrep for file and text search (falling back to vscode.workspace.findFiles and the
// JavaScript search), and the vscode API for diagnostics and the active editor.
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { compileGlob, matchesSelfOrParent } from '../../common/tools/glob';
import { GitignoreFilter } from '../../common/tools/gitignore';
import { jsSearchText } from '../../common/tools/jsSearch';
import { normalizeAbsPath, joinAbs, type FolderRoot, type PathRules } from '../../common/tools/pathGuard';
import { readDirEntries, readHead, realpathOf, statOf } from './nodeFsBasics';
import { ripgrepFiles, ripgrepSearch, type Ripgrep, type RipgrepOptions } from '../../common/tools/ripgrepSearch';
import type {
  DiagnosticEntry,
  DirEntry,
  EditorState,
  FileHit,
  FileSearchResult,
  FileStat,
  FindOptions,
  Range,
  TextQuery,
  TextSearchResult,
  WorkspaceFs,
} from '../../common/tools/workspaceFs';

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticEntry['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const range = (r: vscode.Range): Range => ({
  start: { line: r.start.line, character: r.start.character },
  end: { line: r.end.line, character: r.end.character },
});

/** Glob patterns whose value is `true` in an exclude setting (conditional `when` entries are skipped). */
function trueKeys(v: unknown): string[] {
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([k]) => k);
}

/** The WorkspaceFs of the running VS Code. */
export class VscodeWorkspaceFs implements WorkspaceFs {
  readonly rules: PathRules = { windows: process.platform === 'win32' };

  constructor(private readonly rg: Ripgrep | undefined) {}

  folders(): FolderRoot[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => ({ name: f.name, absPath: normalizeAbsPath(f.uri.fsPath) }));
  }

  realpath(absPath: string): Promise<string | undefined> {
    return realpathOf(absPath);
  }

  stat(absPath: string): Promise<FileStat | undefined> {
    return statOf(absPath);
  }

  async readBytes(absPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
    // An open editor with unsaved changes is what the user sees: read that instead of the disk.
    const doc = vscode.workspace.textDocuments.find(
      (d) => d.isDirty && d.uri.scheme === 'file' && normalizeAbsPath(d.uri.fsPath) === absPath,
    );
    if (doc) {
      const all = Buffer.from(doc.getText(), 'utf8');
      return { bytes: all.subarray(0, maxBytes), size: all.length };
    }
    return readHead(absPath, maxBytes);
  }

  readDir(absPath: string): Promise<DirEntry[]> {
    return readDirEntries(absPath);
  }

  findFiles(glob: string, options: FindOptions, signal: AbortSignal): Promise<FileSearchResult> {
    if (this.rg) return ripgrepFiles(this.rg, this.folders(), glob, options, signal, this.ripgrepOptions());
    return this.findWithVscode(glob, options, signal);
  }

  searchText(query: TextQuery, signal: AbortSignal): Promise<TextSearchResult> {
    if (this.rg) return ripgrepSearch(this.rg, this.folders(), query, signal, this.ripgrepOptions());
    return jsSearchText(this, query, signal);
  }

  async diagnostics(): Promise<DiagnosticEntry[]> {
    const out: DiagnosticEntry[] = [];
    for (const [uri, list] of vscode.languages.getDiagnostics()) {
      if (uri.scheme !== 'file') continue;
      const absPath = normalizeAbsPath(uri.fsPath);
      for (const d of list) {
        const code = typeof d.code === 'object' ? d.code.value : d.code;
        out.push({
          absPath,
          range: range(d.range),
          severity: SEVERITY[d.severity],
          message: d.message,
          ...(d.source ? { source: d.source } : {}),
          ...(code !== undefined ? { code: String(code) } : {}),
        });
      }
    }
    return out;
  }

  activeEditor(): EditorState | undefined {
    const e = vscode.window.activeTextEditor;
    if (!e) return undefined;
    const doc = e.document;
    return {
      ...(doc.uri.scheme === 'file' ? { absPath: normalizeAbsPath(doc.uri.fsPath) } : {}),
      scheme: doc.uri.scheme,
      languageId: doc.languageId,
      lineCount: doc.lineCount,
      isDirty: doc.isDirty,
      selection: range(e.selection),
      visibleRanges: e.visibleRanges.map(range),
      selectedText: doc.getText(e.selection),
    };
  }

  private ripgrepOptions(): RipgrepOptions {
    return {
      useIgnoreFiles: vscode.workspace.getConfiguration('search').get<boolean>('useIgnoreFiles', true),
      excludesFor: (folder) => {
        const uri = vscode.Uri.file(folder.absPath);
        return [
          ...trueKeys(vscode.workspace.getConfiguration('files', uri).get('exclude')),
          ...trueKeys(vscode.workspace.getConfiguration('search', uri).get('exclude')),
        ];
      },
    };
  }

  /**
   * Without ripgrep: VS Code's own file search, whose `undefined` exclude applies files.exclude (but
   * not search.exclude, which is applied here), then .gitignore.
   */
  private async findWithVscode(glob: string, options: FindOptions, signal: AbortSignal): Promise<FileSearchResult> {
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    const useIgnore = vscode.workspace.getConfiguration('search').get<boolean>('useIgnoreFiles', true);
    const pattern = glob.includes('/') || glob === '**' ? glob : `**/${glob}`;
    const files: FileHit[] = [];
    try {
      for (const folder of this.folders().filter((f) => !options.folder || f.name === options.folder)) {
        const uri = vscode.Uri.file(folder.absPath);
        const uris = await vscode.workspace.findFiles(
          new vscode.RelativePattern(uri, pattern),
          undefined,
          Math.max(options.max * 5, 5000),
          cts.token,
        );
        const searchExcludes = trueKeys(vscode.workspace.getConfiguration('search', uri).get('exclude')).map((g) =>
          compileGlob(g),
        );
        const ignore = new GitignoreFilter((dir) =>
          fsp
            .readFile(joinAbs(folder.absPath, dir ? `${dir}/.gitignore` : '.gitignore'), 'utf8')
            .catch(() => undefined),
        );
        for (const u of uris) {
          const rel = normalizeAbsPath(u.fsPath).slice(folder.absPath.length + 1);
          if (searchExcludes.some((m) => matchesSelfOrParent(m, rel))) continue;
          if (useIgnore && (await ignore.isIgnored(rel, false))) continue;
          if (files.length >= options.max) return { files, truncated: true };
          files.push({ folder: folder.name, relPath: rel });
        }
      }
      return { files, truncated: false };
    } finally {
      signal.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }
}
