import { ArgReader } from './args';
import { splitLines } from '../splitLines';
import { decodeUtf8, formatCount, looksBinary, utf8Length, cutToBytes } from './text';
import { deniedResult, toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from './tool';
import { ToolNames } from './toolNames';
import { resolveWorkspacePath, type ResolvedPath } from './workspacePaths';

/** Most lines returned by one call. */
export const MAX_READ_LINES = 2000;
/** Most bytes (UTF-8) of file content returned by one call. */
export const MAX_READ_BYTES = 100 * 1024;
/** Larger files are refused (the whole file is read to count its lines). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Arguments of read_file. */
export interface ReadFileInput {
  path: string;
  startLine?: number;
  endLine?: number;
}

/** Which lines were returned. */
export interface ReadFileDetails {
  display: string;
  start: number;
  end: number;
  total: number;
}

function parse(args: unknown): ParseResult<ReadFileInput> {
  const a = new ArgReader(args);
  const path = a.string('path', true);
  const startLine = a.int('startLine', 1, Number.MAX_SAFE_INTEGER);
  const endLine = a.int('endLine', 1, Number.MAX_SAFE_INTEGER);
  if (startLine !== undefined && endLine !== undefined && endLine < startLine)
    a.fail(`'endLine' (${endLine}) is before 'startLine' (${startLine})`);
  return a.result({
    path,
    ...(startLine !== undefined ? { startLine } : {}),
    ...(endLine !== undefined ? { endLine } : {}),
  });
}

function summary(input: ReadFileInput, result?: ToolResult<ReadFileDetails>): string {
  const d = result?.details;
  if (!d) {
    const range = input.startLine !== undefined ? `, from line ${input.startLine}` : '';
    return `Read ${input.path}${range}`;
  }
  if (d.total === 0) return `Read ${d.display} (empty)`;
  return `Read ${d.display}, lines ${d.start}-${d.end}${result.truncated ? ` of ${formatCount(d.total)}` : ''}`;
}

async function openText(r: ResolvedPath, ctx: ToolContext): Promise<string | ToolResult<never>> {
  const stat = await ctx.fs.stat(r.absPath);
  if (!stat) return toolError(`${r.display} does not exist.`);
  if (stat.type === 'directory')
    return toolError(`${r.display} is a directory; use ${ToolNames.listDirectory} to see what it contains.`);
  if (stat.type !== 'file') return toolError(`${r.display} is not a regular file.`);
  if (stat.size > MAX_FILE_BYTES) {
    return toolError(
      `${r.display} is ${formatCount(stat.size)} bytes, too large to read ` +
        `(limit ${formatCount(MAX_FILE_BYTES)}); use ${ToolNames.searchText} ` +
        `with an include glob to find the relevant lines.`,
    );
  }
  if (r.sensitive && !(await ctx.approve(r.display))) return deniedResult(r.display);
  const { bytes } = await ctx.fs.readBytes(r.absPath, MAX_FILE_BYTES);
  if (looksBinary(bytes))
    return toolError(
      `${r.display} is a binary file (${formatCount(stat.size)} bytes); ${ToolNames.readFile} reads text files only.`,
    );
  return decodeUtf8(bytes);
}

/** Picks lines [start, end] within the line and byte caps. */
function window(
  lines: readonly string[],
  start: number,
  endWanted: number,
): { body: string[]; end: number; lineCut: boolean } {
  const body: string[] = [];
  let bytes = 0;
  const last = Math.min(endWanted, lines.length, start + MAX_READ_LINES - 1);
  for (let n = start; n <= last; n++) {
    const line = lines[n - 1] ?? '';
    const size = utf8Length(line) + 1;
    if (bytes + size > MAX_READ_BYTES) {
      if (body.length === 0) return { body: [cutToBytes(line, MAX_READ_BYTES)], end: n, lineCut: true };
      break;
    }
    body.push(line);
    bytes += size;
  }
  return { body, end: start + body.length - 1, lineCut: false };
}

async function invoke(input: ReadFileInput, ctx: ToolContext): Promise<ToolResult<ReadFileDetails>> {
  const r = await resolveWorkspacePath(ctx.fs, ctx.deny, input.path);
  if (!r.ok) return toolError(r.error);
  if (!r.exists) return toolError(notFound(r, ctx));
  const text = await openText(r, ctx);
  if (typeof text !== 'string') return text;
  ctx.reads?.record(r.absPath, text);
  const lines = splitLines(text, { finalNewline: 'endsLine' });
  const total = lines.length;
  if (total === 0)
    return {
      text: `File: ${r.display} (empty file)`,
      truncated: false,
      details: { display: r.display, start: 0, end: 0, total },
    };
  const start = input.startLine ?? 1;
  if (start > total)
    return toolError(`startLine ${start} is past the end of ${r.display}, which has ${formatCount(total)} lines.`);
  const wanted = Math.min(input.endLine ?? total, total);
  const w = window(lines, start, wanted);
  const truncated = w.end < wanted || w.lineCut;
  const header = `File: ${r.display} (lines ${start}-${w.end} of ${formatCount(total)})`;
  const parts = [header, ...w.body];
  if (truncated) parts.push(truncationNote(start, w.end, total, w.lineCut));
  return { text: parts.join('\n'), truncated, details: { display: r.display, start, end: w.end, total } };
}

function truncationNote(start: number, end: number, total: number, lineCut: boolean): string {
  const limits =
    `read_file returns at most ${formatCount(MAX_READ_LINES)} lines ` + `or ${MAX_READ_BYTES / 1024} KB per call`;
  if (lineCut)
    return (
      `[Truncated: line ${end} alone is longer than ${MAX_READ_BYTES / 1024} KB and was cut. ` +
      `The file has ${formatCount(total)} line${total === 1 ? '' : 's'}.]`
    );
  return (
    `[Truncated: ${limits}. Showed lines ${start}-${end} of ${formatCount(total)}; ` +
    `call read_file again with startLine=${end + 1} to continue.]`
  );
}

function notFound(r: ResolvedPath, ctx: ToolContext): string {
  const folders = ctx.fs.folders();
  const first = r.relPath.split('/')[0];
  const hint =
    folders.length === 1 && first === folders[0]?.name
      ? ` Paths are relative to the workspace folder '${first}' itself; drop that prefix.`
      : ` Use ${ToolNames.findFiles} or ${ToolNames.listDirectory} to locate files.`;
  return `${r.display} does not exist.${hint}`;
}

/** read_file: a text file of the workspace, or a range of its lines, within the caps. */
export const readFileTool: Tool<ReadFileInput, ReadFileDetails> = {
  name: ToolNames.readFile,
  description:
    `Read a text file of the workspace. Path relative to the workspace ` +
    `(in a multi-root workspace, start with the folder name). ` +
    `Returns at most ${formatCount(MAX_READ_LINES)} lines or ${MAX_READ_BYTES / 1024} KB per call ` +
    `and says when it truncated and how many lines the file has; ` +
    `use startLine/endLine (1-based, inclusive) to read further.`,
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'File path relative to the workspace, e.g. src/app.ts' },
      startLine: { type: 'integer', description: 'First line to read (1-based). Default 1.' },
      endLine: { type: 'integer', description: 'Last line to read (1-based, inclusive). Default: end of file.' },
    },
    required: ['path'],
  },
  parse,
  summary,
  invoke,
};
