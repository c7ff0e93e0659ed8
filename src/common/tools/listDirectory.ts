import { ArgReader } from './args';
import { joinAbs } from './pathGuard';
import { formatCount, throwIfAborted } from './text';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from './tool';
import { ToolNames } from './toolNames';
import { resolveWorkspacePath } from './workspacePaths';
import type { EntryType } from './workspaceFs';

/** Deepest listing. */
export const MAX_LIST_DEPTH = 3;
/** Most entries in one listing. */
export const MAX_LIST_ENTRIES = 500;
/** Folders shown but never expanded: huge and rarely useful. */
const NOT_EXPANDED = new Set(['node_modules', '.git']);

/** Arguments of list_directory. */
export interface ListDirectoryInput {
  path: string;
  depth: number;
  /** The model asked for more than {@link MAX_LIST_DEPTH}. */
  depthCapped: boolean;
}

/** What was listed. */
export interface ListDirectoryDetails {
  display: string;
  depth: number;
  count: number;
}

interface Node {
  name: string;
  type: EntryType;
  absPath: string;
  children?: Node[];
  note?: string;
}

function parse(args: unknown): ParseResult<ListDirectoryInput> {
  const a = new ArgReader(args ?? {});
  const path = a.string('path') ?? '.';
  const depth = a.int('depth', 1, MAX_LIST_DEPTH) ?? 1;
  const raw = Number(a.raw('depth'));
  return a.result({ path, depth, depthCapped: Number.isFinite(raw) && raw > MAX_LIST_DEPTH });
}

const dirLabel = (display: string): string => (display === '.' ? './' : `${display}/`);

function summary(input: ListDirectoryInput, result?: ToolResult<ListDirectoryDetails>): string {
  const d = result?.details;
  if (!d) return `List ${dirLabel(input.path.replace(/\/+$/, '') || '.')} (depth ${input.depth})`;
  return (
    `Listed ${dirLabel(d.display)} (depth ${d.depth}): ` +
    `${formatCount(d.count)}${result.truncated ? '+' : ''} entries`
  );
}

const byKind = (a: { name: string; type: EntryType }, b: { name: string; type: EntryType }): number =>
  Number(b.type === 'directory') - Number(a.type === 'directory') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Breadth-first, so a cap cuts the deepest levels rather than the later siblings. */
async function walk(roots: Node[], depth: number, ctx: ToolContext): Promise<{ count: number; truncated: boolean }> {
  let count = 0;
  let level: Node[] = roots;
  for (let d = 1; d <= depth && level.length > 0; d++) {
    const next: Node[] = [];
    for (const dir of level) {
      throwIfAborted(ctx.signal);
      if (NOT_EXPANDED.has(dir.name) && d > 1) {
        dir.note = 'not expanded';
        continue;
      }
      const entries = await ctx.fs.readDir(dir.absPath).catch(() => undefined);
      if (!entries) {
        dir.note = 'unreadable';
        continue;
      }
      dir.children = [];
      for (const e of [...entries].sort(byKind)) {
        if (count >= MAX_LIST_ENTRIES) return { count, truncated: true };
        const child: Node = { name: e.name, type: e.type, absPath: joinAbs(dir.absPath, e.name) };
        dir.children.push(child);
        count++;
        if (e.type === 'directory') next.push(child);
      }
    }
    level = next;
  }
  return { count, truncated: false };
}

function render(nodes: readonly Node[], indent: string, out: string[]): void {
  for (const n of nodes) {
    const mark = n.type === 'directory' ? '/' : n.type === 'symlink' ? '@' : '';
    out.push(`${indent}${n.name}${mark}${n.note ? ` (${n.note})` : ''}`);
    if (n.children) render(n.children, `${indent}  `, out);
  }
}

async function roots(
  input: ListDirectoryInput,
  ctx: ToolContext,
): Promise<{ display: string; top: Node } | ToolResult<never>> {
  const folders = ctx.fs.folders();
  const p = input.path.trim();
  if (folders.length > 1 && (p === '' || p === '.' || p === './')) {
    const top: Node = {
      name: '.',
      type: 'directory',
      absPath: '',
      children: folders.map((f) => ({ name: f.name, type: 'directory', absPath: f.absPath })),
    };
    return { display: '.', top };
  }
  const r = await resolveWorkspacePath(ctx.fs, ctx.deny, input.path);
  if (!r.ok) return toolError(r.error);
  const stat = r.exists ? await ctx.fs.stat(r.absPath) : undefined;
  if (!stat) return toolError(`${r.display} does not exist. Use ${ToolNames.findFiles} to locate files.`);
  if (stat.type !== 'directory')
    return toolError(`${r.display} is not a directory; use ${ToolNames.readFile} to read a file.`);
  return { display: r.display, top: { name: r.display, type: 'directory', absPath: r.absPath } };
}

async function invoke(input: ListDirectoryInput, ctx: ToolContext): Promise<ToolResult<ListDirectoryDetails>> {
  const start = await roots(input, ctx);
  if (!('top' in start)) return start;
  const { display, top } = start;
  // The multi-root pseudo-root already holds the folders as its first level.
  const folderLevel = top.children;
  const walked = folderLevel ? await walk(folderLevel, input.depth - 1, ctx) : await walk([top], input.depth, ctx);
  const count = walked.count + (folderLevel?.length ?? 0);
  const capped = input.depthCapped ? `, capped at ${MAX_LIST_DEPTH}` : '';
  const lines: string[] = [
    `Directory: ${dirLabel(display)} (depth ${input.depth}${capped}): ${formatCount(count)} entries. ` +
      `Folders end with /, symlinks with @.`,
  ];
  render(top.children ?? [], '', lines);
  if (count === 0) lines.push('(empty)');
  if (walked.truncated)
    lines.push(
      `[Truncated: ${ToolNames.listDirectory} returns at most ${MAX_LIST_ENTRIES} entries; ` +
        `list a subfolder or use a smaller depth.]`,
    );
  return { text: lines.join('\n'), truncated: walked.truncated, details: { display, depth: input.depth, count } };
}

/** list_directory: a folder's entries as an indented tree, breadth-first within the caps. */
export const listDirectoryTool: Tool<ListDirectoryInput, ListDirectoryDetails> = {
  name: ToolNames.listDirectory,
  description:
    `List a folder of the workspace as an indented tree (folders end with /). depth 1-${MAX_LIST_DEPTH} ` +
    `(default 1); at most ${MAX_LIST_ENTRIES} entries. ` +
    `Path relative to the workspace; '.' is the workspace root ` +
    `(in a multi-root workspace, the root lists the folders).`,
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: "Folder path relative to the workspace; '.' for the root." },
      depth: { type: 'integer', description: `How many levels to show, 1-${MAX_LIST_DEPTH}. Default 1.` },
    },
  },
  parse,
  summary,
  invoke,
};
