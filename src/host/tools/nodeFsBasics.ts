// The node:fs calls every WorkspaceFs over real folders makes, with "missing" as `undefined` rather than an error.
// Shared by the host's VscodeWorkspaceFs and the tests' and benchmarks' NodeWorkspaceFs.
import { promises as fsp, type Dirent } from 'node:fs';
import { normalizeAbsPath } from '../../common/tools/pathGuard';
import type { DirEntry, EntryType, FileStat } from '../../common/tools/workspaceFs';

const isMissing = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

async function orMissing<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e: unknown) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

function entryType(d: Dirent): EntryType {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'directory';
  return d.isFile() ? 'file' : 'other';
}

/** The real path (symlinks resolved, normalized), or undefined when the path does not exist. */
export const realpathOf = (absPath: string): Promise<string | undefined> =>
  orMissing(async () => normalizeAbsPath(await fsp.realpath(absPath)));

/** Type and size (symlinks followed), or undefined when the path does not exist. */
export const statOf = (absPath: string): Promise<FileStat | undefined> =>
  orMissing(async () => {
    const s = await fsp.stat(absPath);
    return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size };
  });

/** A folder's entries with their own type (a symlink is reported as one). */
export async function readDirEntries(absPath: string): Promise<DirEntry[]> {
  return (await fsp.readdir(absPath, { withFileTypes: true })).map((d) => ({ name: d.name, type: entryType(d) }));
}

/** The first `maxBytes` of a file and its whole size, without reading the rest. */
export async function readHead(absPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number }> {
  const handle = await fsp.open(absPath, 'r');
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}
