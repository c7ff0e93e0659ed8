import { ArgReader } from './args';
import { displayPath, isInside, relativeTo, type FolderRoot, type PathRules } from './pathGuard';
import { formatCount, previewLine } from './text';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from './tool';
import { ToolNames } from './toolNames';
import { resolveWorkspacePath } from './workspacePaths';
import type { DiagnosticEntry } from './workspaceFs';

/** Most problems returned by one call. */
export const MAX_DIAGNOSTICS = 200;

/** Arguments of get_diagnostics. */
export interface DiagnosticsInput {
  path?: string;
}

/** How many problems were reported. */
export interface DiagnosticsDetails {
  count: number;
  display?: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

interface Located {
  entry: DiagnosticEntry;
  folder: FolderRoot;
  relPath: string;
}

function parse(args: unknown): ParseResult<DiagnosticsInput> {
  const a = new ArgReader(args ?? {});
  const path = a.string('path');
  return a.result(path !== undefined && path.trim() !== '.' && path.trim() !== '' ? { path } : {});
}

function summary(input: DiagnosticsInput, result?: ToolResult<DiagnosticsDetails>): string {
  const d = result?.details;
  const where = input.path ? ` for ${d?.display ?? input.path}` : '';
  if (!d) return `Read diagnostics${where}`;
  return (
    `Read diagnostics${where}: ${formatCount(d.count)}${result.truncated ? '+' : ''} ` +
    `problem${d.count === 1 ? '' : 's'}`
  );
}

function locate(entries: readonly DiagnosticEntry[], folders: readonly FolderRoot[], rules: PathRules): Located[] {
  const byDepth = [...folders].sort((a, b) => b.absPath.length - a.absPath.length);
  const out: Located[] = [];
  for (const entry of entries) {
    const folder = byDepth.find((f) => isInside(entry.absPath, f.absPath, rules));
    if (folder) out.push({ entry, folder, relPath: relativeTo(entry.absPath, folder.absPath) });
  }
  return out;
}

function line(l: Located, folders: readonly FolderRoot[]): string {
  const e = l.entry;
  const tag = [e.source, e.code].filter(Boolean).join(' ');
  const message = previewLine(e.message.replace(/\s*\n\s*/g, ' '), 500);
  const at = `${displayPath(l.folder, l.relPath, folders)}:${e.range.start.line + 1}:${e.range.start.character + 1}`;
  return `${at}: ${e.severity}: ${message}${tag ? ` [${tag}]` : ''}`;
}

async function invoke(input: DiagnosticsInput, ctx: ToolContext): Promise<ToolResult<DiagnosticsDetails>> {
  const folders = ctx.fs.folders();
  let located = locate(await ctx.fs.diagnostics(), folders, ctx.fs.rules);
  let display: string | undefined;
  if (input.path !== undefined) {
    const r = await resolveWorkspacePath(ctx.fs, ctx.deny, input.path);
    if (!r.ok) return toolError(r.error);
    display = r.display;
    const inFolder = located.filter((l) => l.folder.name === r.folder.name);
    located = inFolder.filter(
      (l) => r.relPath === '' || l.relPath === r.relPath || l.relPath.startsWith(`${r.relPath}/`),
    );
  }
  const safe = located.filter((l) => !ctx.deny.match(l.relPath));
  const hidden = located.length - safe.length;
  safe.sort(
    (a, b) =>
      SEVERITY_ORDER[a.entry.severity] - SEVERITY_ORDER[b.entry.severity] ||
      (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0) ||
      a.entry.range.start.line - b.entry.range.start.line,
  );
  const shown = safe.slice(0, MAX_DIAGNOSTICS);
  const truncated = safe.length > shown.length;
  const where = display ? ` in ${display}` : ' in the workspace';
  const lines = [
    shown.length === 0
      ? `No problems${where}.`
      : `${formatCount(safe.length)} problem${safe.length === 1 ? '' : 's'}${where} ` +
        `(path:line:column: severity: message):`,
  ];
  lines.push(...shown.map((l) => line(l, folders)));
  if (truncated)
    lines.push(
      `[Truncated: showing ${MAX_DIAGNOSTICS} of ${formatCount(safe.length)} problems, errors first; ` +
        `pass a path to narrow.]`,
    );
  if (hidden > 0) lines.push(`[${hidden} problem${hidden === 1 ? ' is' : 's are'} in sensitive files and not shown.]`);
  lines.push(
    '(Problems come from the language services running in the editor; ' +
      'files that were never opened may not be checked.)',
  );
  return { text: lines.join('\n'), truncated, details: { count: safe.length, ...(display ? { display } : {}) } };
}

/** get_diagnostics: errors and warnings from the Problems panel, for the workspace or one path. */
export const diagnosticsTool: Tool<DiagnosticsInput, DiagnosticsDetails> = {
  name: ToolNames.getDiagnostics,
  description:
    `Get the problems (errors, warnings) VS Code reports, for the whole workspace or for one file or folder. ` +
    `At most ${MAX_DIAGNOSTICS}, errors first.`,
  parameters: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description: 'Optional file or folder relative to the workspace. Default: the whole workspace.',
      },
    },
  },
  parse,
  summary,
  invoke,
};
