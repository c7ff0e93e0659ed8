/** delete_file and rename_file: always reviewed (never applied automatically). */
import { ArgReader } from '../tools/args';
import { toolError, type ParseResult, type Tool, type ToolContext, type ToolResult } from '../tools/tool';
import { ToolNames } from '../tools/toolNames';
import { changeResult, changeSummary, staleResult, type ChangeDetails } from './changeResult';
import type { EditGate, ProposedChange } from './editGate';
import { isRefusal, resolveEditTarget, type EditTarget } from './editTarget';
import { countChanges } from './lineDiff';

/** Arguments of delete_file. */
export interface DeleteFileInput {
  path: string;
}

/** Arguments of rename_file. */
export interface RenameFileInput {
  path: string;
  newPath: string;
}

/** An existing file that may be removed from its place, with its current text; or a refusal. */
async function movableSource(
  ctx: ToolContext,
  gate: EditGate,
  path: string,
): Promise<{ target: EditTarget; text: string } | ToolResult<never>> {
  const target = await resolveEditTarget(ctx, path);
  if (isRefusal(target)) return target;
  if (!target.exists) return toolError(`${target.display} does not exist.`);
  if (gate.isDirty(target.absPath))
    return toolError(
      `${target.display} has unsaved changes in an editor; ask the user to save or close it first. Nothing was changed.`,
    );
  const text = await gate.currentText(target.absPath);
  if (text === undefined) return toolError(`${target.display} could not be read.`);
  if (ctx.reads?.isStale(target.absPath, text)) return staleResult(target.display);
  return { target, text };
}

async function invokeDelete(input: DeleteFileInput, ctx: ToolContext): Promise<ToolResult<ChangeDetails>> {
  const gate = ctx.edits;
  if (!gate) return toolError(`${ToolNames.deleteFile} is available only in Agent mode.`);
  const probe = await resolveEditTarget(ctx, input.path);
  if (isRefusal(probe)) return probe;
  return gate.exclusive([probe.absPath], async () => {
    const src = await movableSource(ctx, gate, input.path);
    if (!('target' in src)) return src;
    const change: ProposedChange = {
      kind: 'delete',
      target: src.target,
      before: src.text,
      seq: ctx.seq ?? 0,
      ...countChanges(src.text, undefined),
    };
    const outcome = await gate.propose(change, ctx.signal, ctx.awaitingReview);
    if (outcome.status === 'applied') ctx.reads?.forget(src.target.absPath);
    return changeResult(change, outcome);
  });
}

async function invokeRename(input: RenameFileInput, ctx: ToolContext): Promise<ToolResult<ChangeDetails>> {
  const gate = ctx.edits;
  if (!gate) return toolError(`${ToolNames.renameFile} is available only in Agent mode.`);
  const from = await resolveEditTarget(ctx, input.path);
  if (isRefusal(from)) return from;
  const to = await resolveEditTarget(ctx, input.newPath);
  if (isRefusal(to)) return to;
  if (to.absPath === from.absPath) return toolError('the new path is the same as the old one.');
  if (to.exists) return toolError(`${to.display} already exists; rename_file never replaces a file.`);
  return gate.exclusive([from.absPath, to.absPath], async () => {
    const src = await movableSource(ctx, gate, input.path);
    if (!('target' in src)) return src;
    const change: ProposedChange = {
      kind: 'rename',
      target: src.target,
      to,
      before: src.text,
      added: 0,
      removed: 0,
      seq: ctx.seq ?? 0,
    };
    const outcome = await gate.propose(change, ctx.signal, ctx.awaitingReview);
    if (outcome.status === 'applied') {
      ctx.reads?.forget(src.target.absPath);
      ctx.reads?.record(to.absPath, src.text);
    }
    return changeResult(change, outcome);
  });
}

const pathParam = { type: 'string', description: 'File path relative to the workspace, e.g. src/old.ts' };

/** delete_file: deletes a file after the user's approval. */
export const deleteFileTool: Tool<DeleteFileInput, ChangeDetails> = {
  name: ToolNames.deleteFile,
  description:
    'Delete a file of the workspace. Always asks the user first; the result says whether they accepted. ' +
    'Folders cannot be deleted.',
  parameters: { type: 'object', properties: { path: pathParam }, required: ['path'] },
  parse: (args: unknown): ParseResult<DeleteFileInput> => {
    const a = new ArgReader(args);
    return a.result({ path: a.string('path', true) });
  },
  summary: (input, result) => changeSummary(`Delete ${input.path}`, result),
  invoke: invokeDelete,
};

/** rename_file: moves a file to a new path after the user's approval. */
export const renameFileTool: Tool<RenameFileInput, ChangeDetails> = {
  name: ToolNames.renameFile,
  description:
    'Rename or move a file within the workspace (folders are created as needed). Never replaces an existing ' +
    'file. Always asks the user first; the result says whether they accepted.',
  parameters: {
    type: 'object',
    properties: { path: pathParam, newPath: { type: 'string', description: 'The new path, e.g. src/new.ts' } },
    required: ['path', 'newPath'],
  },
  parse: (args: unknown): ParseResult<RenameFileInput> => {
    const a = new ArgReader(args);
    const path = a.string('path', true);
    return a.result({ path, newPath: a.string('newPath', true) });
  },
  summary: (input, result) => changeSummary(`Rename ${input.path} to ${input.newPath}`, result),
  invoke: invokeRename,
};
