import * as vscode from 'vscode';

/** Status of an untracked file in the git extension's API (`Status.UNTRACKED`). */
const UNTRACKED = 7;

/** A changed file as the git extension reports it. */
export interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}

/**
 * The part of a repository of VS Code's git extension (`vscode.git`, API version 1) that AIO Coder
 * uses: typed here, so nothing depends on the extension's own typings, and no `git` is run by hand.
 */
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: {
    readonly workingTreeChanges: readonly GitChange[];
    readonly untrackedChanges?: readonly GitChange[];
  };
  /** `git diff` of the working tree, or of the index (`cached`). */
  diff(cached?: boolean): Promise<string>;
  /** Refreshes `state` (the file watcher may not have caught up yet). */
  status(): Promise<void>;
}

/** The git extension's API, version 1 (the part used here). */
export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The git API, or why it cannot be used. */
export type GitAccess = { ok: true; api: GitApi } | { ok: false; reason: string };

/** Activates VS Code's git extension (if needed) and returns its API. */
export async function gitApi(): Promise<GitAccess> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return { ok: false, reason: "VS Code's Git extension is not available" };
  try {
    const git = ext.isActive ? ext.exports : await ext.activate();
    if (!git.enabled) return { ok: false, reason: 'Git is turned off in VS Code (setting git.enabled)' };
    return { ok: true, api: git.getAPI(1) };
  } catch (e: unknown) {
    return { ok: false, reason: `the Git extension could not be used (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Paths of the repository's untracked files, relative to its root (as in its diff). */
export function untrackedPaths(repo: GitRepository): string[] {
  const changes = [
    ...repo.state.workingTreeChanges.filter((c) => c.status === UNTRACKED),
    ...(repo.state.untrackedChanges ?? []),
  ];
  const root = `${repo.rootUri.path.replace(/\/+$/, '')}/`;
  return [...new Set(changes.map((c) => (c.uri.path.startsWith(root) ? c.uri.path.slice(root.length) : c.uri.path)))];
}

/**
 * The repository to work on: the one the Source Control view's button belongs to (its argument), else
 * the only one, else the one holding the active editor's file, else the one the user picks.
 */
export async function chooseRepository(api: GitApi, arg: unknown): Promise<GitRepository | undefined> {
  const argUri =
    arg instanceof vscode.Uri
      ? arg
      : (arg as { rootUri?: unknown } | undefined)?.rootUri instanceof vscode.Uri
        ? (arg as { rootUri: vscode.Uri }).rootUri
        : undefined;
  const byArg = argUri && api.getRepository(argUri);
  if (byArg) return byArg;
  if (api.repositories.length <= 1) return api.repositories[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const byEditor = active && api.getRepository(active);
  if (byEditor) return byEditor;
  const picked = await vscode.window.showQuickPick(
    api.repositories.map((r) => ({ label: vscode.workspace.asRelativePath(r.rootUri, true), repo: r })),
    { title: 'AIO Coder: Generate Commit Message', placeHolder: 'Pick the repository' },
  );
  return picked?.repo;
}
