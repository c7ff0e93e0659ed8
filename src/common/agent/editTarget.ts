/**
 * Where an edit tool may write: the read tools' boundary (workspace folders, no `..`, no absolute
 * paths outside, no symlinks out), and on top of it no sensitive file (deny globs), nothing inside
 * `.git/`, no directory, no binary file and nothing over the read cap. A path that does not exist yet
 * is checked through its deepest existing folder, so a new file cannot be created through a symlink
 * that leads out.
 */
import { MAX_FILE_BYTES } from '../tools/readFile';
import { joinAbs, relativeTo } from '../tools/pathGuard';
import { BINARY_SNIFF_BYTES, formatCount, looksBinary } from '../tools/text';
import { toolError, type ToolContext, type ToolResult } from '../tools/tool';
import { realFolderRoots, realRelative, resolveWorkspacePath } from '../tools/workspacePaths';
import type { EditPath } from './editGate';

/** A path an edit tool may write. */
export interface EditTarget extends EditPath {
  exists: boolean;
}

const GIT_DIR = /(^|\/)\.git(\/|$)/i;

/** Checks a model-supplied path for writing; a refusal comes back as the tool result. */
export async function resolveEditTarget(ctx: ToolContext, input: unknown): Promise<EditTarget | ToolResult<never>> {
  const r = await resolveWorkspacePath(ctx.fs, ctx.deny, input);
  if (!r.ok) return toolError(r.error.replace('it cannot be read', 'it cannot be changed'));
  const { display } = r;
  if (!r.relPath) return toolError(`${display} is a workspace folder itself; name a file inside it.`);
  const real = r.exists
    ? { realRel: realRelative(r.realPath, await realFolderRoots(ctx.fs), ctx.fs) }
    : await newPathReal(ctx, r.folder.absPath, r.relPath);
  if ('error' in real) return toolError(`${display} ${real.error}`);
  const rels = [r.relPath, real.realRel].filter((p): p is string => p !== undefined);
  if (rels.some((p) => GIT_DIR.test(p)))
    return toolError(`${display} is inside .git/; the edit tools never change git's own files.`);
  const glob = r.sensitive ?? rels.map((p) => ctx.deny.match(p)).find(Boolean);
  if (glob)
    return toolError(
      `${display} is a sensitive file (matched by aioCoder.tools.denyGlobs: ${glob}); the edit tools never ` +
        `change sensitive files. Tell the user what to change instead.`,
    );
  if (!r.exists) return { absPath: r.absPath, display, exists: false };
  const problem = await fileProblem(ctx, r.absPath, display);
  return problem ?? { absPath: r.absPath, display, exists: true };
}

/** For a path that does not exist: the real path of its deepest existing folder must stay inside. */
async function newPathReal(
  ctx: ToolContext,
  root: string,
  relPath: string,
): Promise<{ realRel: string } | { error: string }> {
  const segments = relPath.split('/');
  for (let n = segments.length - 1; n >= 0; n--) {
    const parent = n === 0 ? root : joinAbs(root, segments.slice(0, n).join('/'));
    const real = await ctx.fs.realpath(parent);
    if (real === undefined) continue;
    const roots = await realFolderRoots(ctx.fs);
    const rel = realRelative(real, roots, ctx.fs);
    if (rel === undefined)
      return { error: 'lies below a symbolic link that leads outside the workspace; it cannot be changed.' };
    const stat = await ctx.fs.stat(parent);
    if (stat?.type !== 'directory') return { error: `cannot be created: ${relativeTo(parent, root)} is not a folder.` };
    // A dangling symlink does not resolve, but writing through it would create its target.
    const next = segments[n] ?? '';
    if ((await ctx.fs.readDir(parent)).some((e) => e.name === next && e.type === 'symlink'))
      return { error: 'is (or lies below) a symbolic link whose target does not exist; it cannot be changed.' };
    const rest = segments.slice(n).join('/');
    return { realRel: rel ? `${rel}/${rest}` : rest };
  }
  return { error: 'is not inside an existing workspace folder.' };
}

/** Why an existing path cannot be edited, or undefined when it can. */
async function fileProblem(ctx: ToolContext, absPath: string, display: string): Promise<ToolResult<never> | undefined> {
  const stat = await ctx.fs.stat(absPath);
  if (!stat) return toolError(`${display} does not exist.`);
  if (stat.type === 'directory') return toolError(`${display} is a directory; the edit tools change files only.`);
  if (stat.type !== 'file') return toolError(`${display} is not a regular file.`);
  if (stat.size > MAX_FILE_BYTES)
    return toolError(
      `${display} is ${formatCount(stat.size)} bytes, over the read limit ` +
        `(${formatCount(MAX_FILE_BYTES)}); the edit tools change only files they can read.`,
    );
  const { bytes } = await ctx.fs.readBytes(absPath, BINARY_SNIFF_BYTES);
  if (looksBinary(bytes))
    return toolError(
      `${display} is a binary file (${formatCount(stat.size)} bytes); the edit tools change text files only.`,
    );
  return undefined;
}

/** True when a value is a refusal rather than a target. */
export function isRefusal(v: EditTarget | ToolResult<never>): v is ToolResult<never> {
  return 'text' in v;
}
