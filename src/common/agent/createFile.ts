/** create_file: a new text file, or with `overwrite: true` new content for an existing one (an edit). */
import { ArgReader } from '../tools/args';
import { MAX_FILE_BYTES } from '../tools/readFile';
import { formatCount, utf8Length } from '../tools/text';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from '../tools/tool';
import { ToolNames } from '../tools/toolNames';
import { changeResult, changeSummary, staleResult, type ChangeDetails } from './changeResult';
import type { ProposedChange } from './editGate';
import { isRefusal, resolveEditTarget, type EditTarget } from './editTarget';
import { countChanges } from './lineDiff';

/** Arguments of create_file. */
export interface CreateFileInput {
  path: string;
  content: string;
  overwrite: boolean;
}

function parse(args: unknown): ParseResult<CreateFileInput> {
  const a = new ArgReader(args);
  const path = a.string('path', true);
  const content = a.raw('content');
  if (typeof content !== 'string') a.fail(`'content' is required (a string, may be empty)`);
  const overwrite = a.bool('overwrite') ?? false;
  return a.result({ path, content: typeof content === 'string' ? content : '', overwrite });
}

function contentProblem(content: string): string | undefined {
  if (content.includes('\0')) return 'the content holds a NUL character; create_file writes text files only.';
  const size = utf8Length(content);
  if (size > MAX_FILE_BYTES)
    return `the content is ${formatCount(size)} bytes, over the limit of ${formatCount(MAX_FILE_BYTES)}.`;
  return undefined;
}

async function invoke(input: CreateFileInput, ctx: ToolContext): Promise<ToolResult<ChangeDetails>> {
  const gate = ctx.edits;
  if (!gate) return toolError(`${ToolNames.createFile} is available only in Agent mode.`);
  const problem = contentProblem(input.content);
  if (problem) return toolError(problem);
  const target = await resolveEditTarget(ctx, input.path);
  if (isRefusal(target)) return target;
  if (target.exists && !input.overwrite)
    return toolError(
      `${target.display} already exists. Use ${ToolNames.editFile} to change it, or call ` +
        `${ToolNames.createFile} with overwrite: true to replace all of its content.`,
    );
  return gate.exclusive([target.absPath], () => propose(target, input.content, ctx));
}

async function propose(target: EditTarget, content: string, ctx: ToolContext): Promise<ToolResult<ChangeDetails>> {
  const gate = ctx.edits;
  if (!gate) return toolError(`${ToolNames.createFile} is available only in Agent mode.`);
  let before: string | undefined;
  if (target.exists) {
    before = await gate.currentText(target.absPath);
    if (before === undefined) return toolError(`${target.display} could not be read.`);
    if (ctx.reads?.isStale(target.absPath, before)) return staleResult(target.display);
  }
  const change: ProposedChange = {
    kind: target.exists ? 'overwrite' : 'create',
    target,
    ...(before !== undefined ? { before } : {}),
    after: content,
    seq: ctx.seq ?? 0,
    ...countChanges(before, content),
  };
  const outcome = await gate.propose(change, ctx.signal, ctx.awaitingReview);
  if (outcome.status === 'applied') ctx.reads?.record(target.absPath, content);
  return changeResult(change, outcome);
}

/** create_file: writes a new file (or replaces one with overwrite: true), after the user's review. */
export const createFileTool: Tool<CreateFileInput, ChangeDetails> = {
  name: ToolNames.createFile,
  description:
    'Create a new text file in the workspace with the given content (folders are created as needed). ' +
    `Refused if the file exists, unless overwrite is true (then all of its content is replaced; prefer ` +
    `${ToolNames.editFile} for changes to part of a file). The user reviews the file before it is written.`,
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'New file path relative to the workspace, e.g. src/util.ts' },
      content: { type: 'string', description: 'The complete content of the file.' },
      overwrite: { type: 'boolean', description: 'Replace an existing file. Default false.' },
    },
    required: ['path', 'content'],
  },
  parse,
  summary: (input, result) => changeSummary(`Create ${input.path}`, result),
  invoke,
};
