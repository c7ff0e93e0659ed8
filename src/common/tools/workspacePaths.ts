/**
 * The full workspace boundary for one path: the pure checks of `pathGuard.ts`, then the real path
 * (symlinks resolved) must still lie inside a workspace folder, then the deny list is consulted for
 * both the requested and the real path.
 */
import { checkPath, displayPath, isInside, relativeTo, type DenyList, type FolderRoot } from './pathGuard';
import type { WorkspaceFs } from './workspaceFs';

/** A path that may be accessed (sensitive ones only after approval). */
export interface ResolvedPath {
  ok: true;
  folder: FolderRoot;
  relPath: string;
  absPath: string;
  /** The real path (equal to `absPath` when nothing exists there). */
  realPath: string;
  exists: boolean;
  /** How the path is shown to the model and the user. */
  display: string;
  /** The deny glob that matched, when the file is sensitive. */
  sensitive?: string;
}

/** A refused path; `error` is written for the model. */
export interface PathError {
  ok: false;
  error: string;
}

/** Real paths of the workspace folders; computed once per tool call. */
export async function realFolderRoots(fs: WorkspaceFs): Promise<FolderRoot[]> {
  const out: FolderRoot[] = [];
  for (const f of fs.folders()) out.push({ name: f.name, absPath: (await fs.realpath(f.absPath)) ?? f.absPath });
  return out;
}

/** Resolves a model-supplied path, refusing anything that is or leads outside the workspace. */
export async function resolveWorkspacePath(
  fs: WorkspaceFs,
  deny: DenyList,
  input: unknown,
): Promise<ResolvedPath | PathError> {
  const folders = fs.folders();
  const checked = checkPath(input, folders, fs.rules);
  if (!checked.ok) return checked;
  const { folder, relPath, absPath } = checked;
  const display = displayPath(folder, relPath, folders);
  const real = await fs.realpath(absPath);
  if (real === undefined) {
    return {
      ok: true,
      folder,
      relPath,
      absPath,
      realPath: absPath,
      exists: false,
      display,
      ...sensitive(deny, relPath),
    };
  }
  const realRel = realRelative(real, await realFolderRoots(fs), fs);
  if (realRel === undefined) {
    return {
      ok: false,
      error: `${display} is a symbolic link (or lies below one) that leads outside the workspace; it cannot be read.`,
    };
  }
  return {
    ok: true,
    folder,
    relPath,
    absPath,
    realPath: real,
    exists: true,
    display,
    ...sensitive(deny, relPath, realRel),
  };
}

/** The real path relative to the workspace folder containing it, or undefined when outside all. */
export function realRelative(
  real: string,
  roots: readonly FolderRoot[],
  fs: Pick<WorkspaceFs, 'rules'>,
): string | undefined {
  const root = [...roots]
    .sort((a, b) => b.absPath.length - a.absPath.length)
    .find((r) => isInside(real, r.absPath, fs.rules));
  return root ? relativeTo(real, root.absPath) : undefined;
}

function sensitive(deny: DenyList, ...relPaths: string[]): { sensitive?: string } {
  for (const p of relPaths) {
    const glob = deny.match(p);
    if (glob) return { sensitive: glob };
  }
  return {};
}
