import { ArgReader } from './args';
import { normalizeGlob } from './glob';
import { displayPath, type FolderRoot } from './pathGuard';
import { formatCount } from './text';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from './tool';
import { ToolNames } from './toolNames';
import type { FileHit } from './workspaceFs';

/** Most files returned by one call. */
export const MAX_FIND_RESULTS = 200;

/** Arguments of find_files. */
export interface FindFilesInput {
  glob: string;
  maxResults: number;
}

/** How many files were found. */
export interface FindFilesDetails {
  count: number;
}

/** A glob scoped to the workspace: an optional folder (multi-root) and the folder-relative glob. */
export interface ScopedGlob {
  folder?: string;
  glob: string;
}

/**
 * Checks a model-supplied glob and, in a multi-root workspace, peels off a leading folder name.
 * Returns an error text for globs that try to leave the workspace.
 */
export function scopeGlob(raw: string, folders: readonly FolderRoot[]): ScopedGlob | { error: string } {
  const g = normalizeGlob(raw);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(g)) return { error: 'the glob contains a control character' };
  if (g.split('/').includes('..')) return { error: "globs are relative to the workspace and may not contain '..'" };
  if (/^[a-zA-Z]:/.test(g) || raw.trim().startsWith('~'))
    return { error: 'globs are relative to the workspace, not absolute paths' };
  if (g === '') return { error: 'the glob is empty' };
  const [first, ...rest] = g.split('/');
  const folder = folders.length > 1 ? folders.find((f) => f.name === first) : undefined;
  if (folder) return { folder: folder.name, glob: rest.join('/') || '**' };
  return { glob: g };
}

/** `folder/rel` in a multi-root workspace, `rel` otherwise. */
export function hitPath(hit: FileHit, folders: readonly FolderRoot[]): string {
  const folder = folders.find((f) => f.name === hit.folder);
  return folder ? displayPath(folder, hit.relPath, folders) : hit.relPath;
}

/** True for paths inside a `.git` folder, which no listing should bury the results under. */
export const insideGitDir = (relPath: string): boolean => relPath.split('/').slice(0, -1).includes('.git');

function parse(args: unknown): ParseResult<FindFilesInput> {
  const a = new ArgReader(args);
  const glob = a.string('glob', true);
  const maxResults = a.int('maxResults', 1, MAX_FIND_RESULTS) ?? MAX_FIND_RESULTS;
  return a.result({ glob, maxResults });
}

function summary(input: FindFilesInput, result?: ToolResult<FindFilesDetails>): string {
  const d = result?.details;
  if (!d) return `Find files matching '${input.glob}'`;
  return (
    `Found ${formatCount(d.count)}${result.truncated ? '+' : ''} ` +
    `file${d.count === 1 ? '' : 's'} matching '${input.glob}'`
  );
}

async function invoke(input: FindFilesInput, ctx: ToolContext): Promise<ToolResult<FindFilesDetails>> {
  const folders = ctx.fs.folders();
  if (folders.length === 0) return toolError('no workspace folder is open.');
  const scoped = scopeGlob(input.glob, folders);
  if ('error' in scoped) return toolError(`${scoped.error}.`);
  const found = await ctx.fs.findFiles(
    scoped.glob,
    { max: input.maxResults, ...(scoped.folder ? { folder: scoped.folder } : {}) },
    ctx.signal,
  );
  const paths = found.files
    .filter((f) => !insideGitDir(f.relPath))
    .map((f) => hitPath(f, folders))
    .sort();
  const truncated = found.truncated || paths.length > input.maxResults;
  const shown = paths.slice(0, input.maxResults);
  if (shown.length === 0) {
    return {
      text:
        `No files match '${input.glob}'. ` +
        `Files excluded by files.exclude, search.exclude or .gitignore are not listed.`,
      truncated: false,
      details: { count: 0 },
    };
  }
  const lines = [
    `Found ${formatCount(shown.length)} file${shown.length === 1 ? '' : 's'} matching '${input.glob}':`,
    ...shown,
  ];
  if (truncated)
    lines.push(`[Truncated: showing the first ${formatCount(shown.length)} files; more match. Use a narrower glob.]`);
  return { text: lines.join('\n'), truncated, details: { count: shown.length } };
}

/** find_files: workspace files matching a glob, honouring the editor's excludes and .gitignore. */
export const findFilesTool: Tool<FindFilesInput, FindFilesDetails> = {
  name: ToolNames.findFiles,
  description:
    `Find workspace files by glob, e.g. '**/*.ts' or 'src/**/test_*.py' (a glob without '/' ` +
    `matches file names at any depth). ` +
    `Honours files.exclude, search.exclude and .gitignore. At most ${MAX_FIND_RESULTS} results. ` +
    `In a multi-root workspace a glob may start with a folder name.`,
  parameters: {
    type: 'object',
    properties: {
      glob: { type: 'string', description: "Glob relative to the workspace, e.g. '**/*.ts'." },
      maxResults: {
        type: 'integer',
        description: `Most files to return, 1-${MAX_FIND_RESULTS}. Default ${MAX_FIND_RESULTS}.`,
      },
    },
    required: ['glob'],
  },
  parse,
  summary,
  invoke,
};
