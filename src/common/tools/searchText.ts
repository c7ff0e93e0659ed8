import { ArgReader } from './args';
import { hitPath, insideGitDir, scopeGlob } from './findFiles';
import { formatCount, previewLine } from './text';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from './tool';
import { ToolNames } from './toolNames';
import type { TextMatch } from './workspaceFs';

/** Most matching lines returned by one call. */
export const MAX_SEARCH_RESULTS = 200;
const DEFAULT_SEARCH_RESULTS = 50;

/** Arguments of search_text. */
export interface SearchTextInput {
  query: string;
  isRegex: boolean;
  caseSensitive: boolean;
  include?: string;
  maxResults: number;
}

/** How many lines matched. */
export interface SearchTextDetails {
  count: number;
}

function parse(args: unknown): ParseResult<SearchTextInput> {
  const a = new ArgReader(args);
  const query = a.string('query', true);
  const isRegex = a.bool('isRegex') ?? false;
  const caseSensitive = a.bool('caseSensitive') ?? false;
  const include = a.string('include');
  const maxResults = a.int('maxResults', 1, MAX_SEARCH_RESULTS) ?? DEFAULT_SEARCH_RESULTS;
  if (query !== undefined && query.length > 1000) a.fail("'query' is longer than 1000 characters");
  return a.result({ query, isRegex, caseSensitive, maxResults, ...(include ? { include } : {}) });
}

function summary(input: SearchTextInput, result?: ToolResult<SearchTextDetails>): string {
  const d = result?.details;
  if (!d) return `Search '${input.query}'`;
  return (
    `Searched '${input.query}': ${formatCount(d.count)}${result.truncated ? '+' : ''} ` +
    `result${d.count === 1 ? '' : 's'}`
  );
}

function format(matches: readonly TextMatch[], ctx: ToolContext): string[] {
  const folders = ctx.fs.folders();
  return matches.map((m) => `${hitPath(m, folders)}:${m.line}: ${previewLine(m.text)}`);
}

async function invoke(input: SearchTextInput, ctx: ToolContext): Promise<ToolResult<SearchTextDetails>> {
  const folders = ctx.fs.folders();
  if (folders.length === 0) return toolError('no workspace folder is open.');
  const scoped = input.include ? scopeGlob(input.include, folders) : undefined;
  if (scoped && 'error' in scoped) return toolError(`include: ${scoped.error}.`);
  const found = await ctx.fs.searchText(
    {
      pattern: input.query,
      isRegex: input.isRegex,
      caseSensitive: input.caseSensitive,
      maxResults: input.maxResults,
      denyGlobs: ctx.deny.globs,
      ...(scoped?.glob ? { include: scoped.glob } : {}),
      ...(scoped?.folder ? { folder: scoped.folder } : {}),
    },
    ctx.signal,
  );
  // Engines exclude sensitive files themselves; this second check guards against glob dialect gaps.
  const safe = found.matches.filter((m) => !ctx.deny.match(m.relPath) && !insideGitDir(m.relPath));
  const hidden = found.matches.length - safe.length;
  const shown = safe.slice(0, input.maxResults);
  const truncated = found.truncated || safe.length > input.maxResults;
  const where = input.include ? ` in '${input.include}'` : '';
  const lines = [
    shown.length === 0
      ? `No results for '${input.query}'${where}.`
      : `${formatCount(shown.length)} result${shown.length === 1 ? '' : 's'} for '${input.query}'${where} ` +
        `(path:line: text):`,
    ...format(shown, ctx),
  ];
  if (truncated)
    lines.push(`[Truncated: stopped at ${formatCount(shown.length)} results; narrow the query or the include glob.]`);
  if (found.timedOut) lines.push('[The search timed out; results may be incomplete.]');
  if (hidden > 0)
    lines.push(`[${hidden} matching line${hidden === 1 ? ' is' : 's are'} in sensitive files and not shown.]`);
  return { text: lines.join('\n'), truncated: truncated || !!found.timedOut, details: { count: shown.length } };
}

/** search_text: matching lines across the workspace (ripgrep, or a plain JavaScript scan). */
export const searchTextTool: Tool<SearchTextInput, SearchTextDetails> = {
  name: ToolNames.searchText,
  description:
    `Search the text of workspace files; returns matching lines as path:line: text. Plain text by default, ` +
    `or a regular expression with isRegex. ` +
    `Case-insensitive unless caseSensitive. Honours files.exclude, search.exclude and .gitignore. ` +
    `maxResults 1-${MAX_SEARCH_RESULTS} (default ${DEFAULT_SEARCH_RESULTS}).`,
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'Text or regular expression to search for.' },
      isRegex: { type: 'boolean', description: 'Treat query as a regular expression. Default false.' },
      caseSensitive: { type: 'boolean', description: 'Match case exactly. Default false.' },
      include: { type: 'string', description: "Glob of files to search, e.g. 'src/**/*.ts' or '*.md'." },
      maxResults: {
        type: 'integer',
        description: `Most matching lines to return, 1-${MAX_SEARCH_RESULTS}. Default ${DEFAULT_SEARCH_RESULTS}.`,
      },
    },
    required: ['query'],
  },
  parse,
  summary,
  invoke,
};
