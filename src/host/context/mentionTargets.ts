import * as vscode from 'vscode';
import { rankFuzzy } from '../../common/context/fuzzy';
import type { MentionItem } from '../../common/protocol';
import { workspacePath } from './instructionsLoader';

/** What a picker entry stands for; the host keeps it, the webview only sees the entry. */
export type MentionTarget =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'editor'; uri: vscode.Uri }
  | { kind: 'folder'; path: string; uri: vscode.Uri }
  | { kind: 'symbol'; name: string; uri: vscode.Uri; range: vscode.Range }
  | { kind: 'problems'; scope: 'file' | 'workspace' }
  | { kind: 'git' }
  | { kind: 'terminal' };

/** An entry of the picker and its target. */
export interface MentionCandidate {
  item: Omit<MentionItem, 'id'>;
  target: MentionTarget;
}

/** The entries that are not files: problems, git changes, the terminal. */
export function specialCandidates(query: string): MentionCandidate[] {
  const active = vscode.window.activeTextEditor?.document.uri;
  const activePath = active && workspacePath(active);
  const all: MentionCandidate[] = [
    ...(activePath
      ? [
          {
            item: { kind: 'problems', label: 'Problems in this file', detail: activePath },
            target: { kind: 'problems', scope: 'file' },
          } satisfies MentionCandidate,
        ]
      : []),
    {
      item: { kind: 'problems', label: 'Problems in the workspace', detail: 'Errors and warnings of every file' },
      target: { kind: 'problems', scope: 'workspace' },
    },
    {
      item: { kind: 'git', label: 'Git changes', detail: 'Staged and working-tree diff' },
      target: { kind: 'git' },
    },
    {
      item: { kind: 'terminal', label: 'Terminal', detail: 'Last command and its output in the active terminal' },
      target: { kind: 'terminal' },
    },
  ];
  return rankFuzzy(all, query, (c) => ({ text: c.item.label, lower: c.item.label.toLowerCase() }), all.length).map(
    (r) => ({ ...r.item, item: { ...r.item.item, ...(query ? { match: r.match.positions } : {}) } }),
  );
}

/** The files open in editor tabs, best match first. */
export function editorCandidates(query: string, limit: number): MentionCandidate[] {
  const seen = new Set<string>();
  const open: { uri: vscode.Uri; path: string; lower: string }[] = [];
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
    const path = uri && workspacePath(uri);
    if (!uri || !path || seen.has(path)) continue;
    seen.add(path);
    open.push({ uri, path, lower: path.toLowerCase() });
  }
  return rankFuzzy(open, query, (e) => ({ text: e.path, lower: e.lower }), limit).map((r) => ({
    item: { kind: 'editor', label: r.item.path, detail: 'Open editor', ...(query ? { match: r.match.positions } : {}) },
    target: { kind: 'editor', uri: r.item.uri },
  }));
}

/** Workspace symbols for `query` through the language servers (`vscode.executeWorkspaceSymbolProvider`). */
export async function symbolCandidates(query: string, limit: number): Promise<MentionCandidate[]> {
  if (query.trim().length < 2) return [];
  const found =
    (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>(
      'vscode.executeWorkspaceSymbolProvider',
      query,
    )) ?? [];
  const inWorkspace = found
    .map((s) => ({ s, path: workspacePath(s.location.uri) }))
    .filter((x): x is { s: vscode.SymbolInformation; path: string } => !!x.path);
  const ranked = rankFuzzy(inWorkspace, query, (x) => ({ text: x.s.name, lower: x.s.name.toLowerCase() }), limit);
  return ranked.map(({ item: { s, path }, match }) => ({
    item: {
      kind: 'symbol',
      label: s.name,
      detail: `${vscode.SymbolKind[s.kind]} in ${path}:${s.location.range.start.line + 1}`,
      match: match.positions,
    },
    target: { kind: 'symbol', name: s.name, uri: s.location.uri, range: s.location.range },
  }));
}

/** The URI of a workspace path as the index writes it (folder name first in a multi-root workspace). */
export function uriOfWorkspacePath(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1 && folders[0]) return vscode.Uri.joinPath(folders[0].uri, path);
  const [name, ...rest] = path.split('/');
  const folder = folders.find((f) => f.name === name);
  return folder && vscode.Uri.joinPath(folder.uri, ...rest);
}
