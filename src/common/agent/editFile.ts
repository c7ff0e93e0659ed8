/** edit_file: exact search/replace blocks for one file, reviewed before anything is written. */
import { isObj } from '../isObj';
import { ArgReader } from '../tools/args';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from '../tools/tool';
import { ToolNames } from '../tools/toolNames';
import { changeResult, changeSummary, staleResult, type ChangeDetails } from './changeResult';
import { isRefusal, resolveEditTarget } from './editTarget';
import { countChanges } from './lineDiff';
import { applyBlocks, type EditBlock } from './searchReplace';

/** Most blocks in one call. */
export const MAX_EDIT_BLOCKS = 50;

/** Arguments of edit_file. */
export interface EditFileInput {
  path: string;
  edits: EditBlock[];
}

function parseBlocks(a: ArgReader): EditBlock[] {
  const raw = a.raw('edits');
  if (!Array.isArray(raw) || raw.length === 0) {
    a.fail(`'edits' must be a non-empty array of {search, replace} objects`);
    return [];
  }
  if (raw.length > MAX_EDIT_BLOCKS) a.fail(`'edits' has ${raw.length} blocks; at most ${MAX_EDIT_BLOCKS} per call`);
  const blocks: EditBlock[] = [];
  raw.forEach((b: unknown, i) => {
    if (isObj(b) && typeof b.search === 'string' && typeof b.replace === 'string')
      blocks.push({ search: b.search, replace: b.replace });
    else a.fail(`edits[${i}] must be an object with string fields 'search' and 'replace'`);
  });
  return blocks;
}

function parse(args: unknown): ParseResult<EditFileInput> {
  const a = new ArgReader(args);
  const path = a.string('path', true);
  const edits = parseBlocks(a);
  return a.result({ path, edits });
}

async function invoke(input: EditFileInput, ctx: ToolContext): Promise<ToolResult<ChangeDetails>> {
  const gate = ctx.edits;
  if (!gate) return toolError(`${ToolNames.editFile} is available only in Agent mode.`);
  const target = await resolveEditTarget(ctx, input.path);
  if (isRefusal(target)) return target;
  if (!target.exists)
    return toolError(`${target.display} does not exist; use ${ToolNames.createFile} to write a new file.`);
  return gate.exclusive([target.absPath], async () => {
    const before = await gate.currentText(target.absPath);
    if (before === undefined) return toolError(`${target.display} could not be read.`);
    if (ctx.reads?.isStale(target.absPath, before)) return staleResult(target.display);
    const r = applyBlocks(before, input.edits, target.display);
    if (!r.ok) return toolError(r.error);
    if (r.text === before) return toolError(`the blocks leave ${target.display} unchanged; nothing to do.`);
    const change = {
      kind: 'edit' as const,
      target,
      before,
      after: r.text,
      seq: ctx.seq ?? 0,
      ...countChanges(before, r.text),
    };
    const outcome = await gate.propose(change, ctx.signal, ctx.awaitingReview);
    if (outcome.status === 'applied') ctx.reads?.record(target.absPath, r.text);
    const loose =
      r.loose.length > 0
        ? ` Block${r.loose.length > 1 ? 's' : ''} ${r.loose.join(', ')} matched only ignoring whitespace.`
        : '';
    return changeResult(change, outcome, loose);
  });
}

/** edit_file: changes an existing text file with search/replace blocks, after the user's review. */
export const editFileTool: Tool<EditFileInput, ChangeDetails> = {
  name: ToolNames.editFile,
  description:
    'Change an existing text file of the workspace with one or more search/replace blocks. Each `search` ' +
    'must be copied exactly from the current file (read it first), indentation included, and match exactly ' +
    'one place: add neighbouring lines to make it unique. Blocks apply in order; if one fails, nothing ' +
    'changes and the result shows the closest lines. The user reviews every change; the result says ' +
    'whether it was accepted or rejected.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'File path relative to the workspace, e.g. src/app.ts' },
      edits: {
        type: 'array',
        description: 'The blocks, applied in order.',
        items: {
          type: 'object',
          properties: {
            search: { type: 'string', description: 'Exact lines of the current file to replace.' },
            replace: { type: 'string', description: 'The lines that replace them (may be empty).' },
          },
          required: ['search', 'replace'],
        },
      },
    },
    required: ['path', 'edits'],
  },
  parse,
  summary: (input, result) => changeSummary(`Edit ${input.path}`, result),
  invoke,
};
