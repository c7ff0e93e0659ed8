import { ArgReader } from './args';
import { displayPath, isInside, relativeTo } from './pathGuard';
import { cutToBytes, formatCount } from './text';
import type { ParseResult, Tool, ToolContext, ToolResult } from './tool';
import { ToolNames } from './toolNames';
import type { EditorState, Range } from './workspaceFs';

/** Most bytes of selected text included. */
export const MAX_SELECTION_BYTES = 8 * 1024;

/** get_active_editor takes no arguments. */
export type ActiveEditorInput = Record<string, never>;

/** What the editor showed. */
export interface ActiveEditorDetails {
  display?: string;
}

const lines = (r: Range): string =>
  r.start.line === r.end.line ? `line ${r.start.line + 1}` : `lines ${r.start.line + 1}-${r.end.line + 1}`;

function where(state: EditorState, ctx: ToolContext): { display?: string; sensitive: boolean; note?: string } {
  if (state.absPath === undefined) return { sensitive: false, note: `an unsaved ${state.scheme} document` };
  const folders = ctx.fs.folders();
  const folder = [...folders]
    .sort((a, b) => b.absPath.length - a.absPath.length)
    .find((f) => isInside(state.absPath ?? '', f.absPath, ctx.fs.rules));
  if (!folder) return { sensitive: true, note: 'a file outside the workspace (its path and contents are not shared)' };
  const rel = relativeTo(state.absPath, folder.absPath);
  return { display: displayPath(folder, rel, folders), sensitive: !!ctx.deny.match(rel) };
}

function describe(state: EditorState, ctx: ToolContext): string[] {
  const w = where(state, ctx);
  const out = [
    `Active editor: ${w.display ?? w.note} (${state.languageId}, ` +
      `${formatCount(state.lineCount)} lines${state.isDirty ? ', unsaved changes' : ''})`,
  ];
  const sel = state.selection;
  const empty = sel.start.line === sel.end.line && sel.start.character === sel.end.character;
  out.push(
    empty
      ? `Cursor: line ${sel.start.line + 1}, column ${sel.start.character + 1} (no selection)`
      : `Selection: ${lines(sel)} (from column ${sel.start.character + 1} to column ${sel.end.character + 1})`,
  );
  if (state.visibleRanges.length > 0) out.push(`Visible: ${state.visibleRanges.map(lines).join(', ')}`);
  if (!empty && state.selectedText) {
    if (w.sensitive) out.push('(The selected text is not shared: the file is sensitive or outside the workspace.)');
    else {
      const text = cutToBytes(state.selectedText, MAX_SELECTION_BYTES);
      out.push('Selected text:', text);
      if (text.length < state.selectedText.length)
        out.push(
          `[Truncated: the selection is longer than ${MAX_SELECTION_BYTES / 1024} KB; use read_file for the rest.]`,
        );
    }
  }
  return out;
}

function parse(args: unknown): ParseResult<ActiveEditorInput> {
  return new ArgReader(args ?? {}).result({});
}

function summary(_input: ActiveEditorInput, result?: ToolResult<ActiveEditorDetails>): string {
  if (!result) return 'Read the active editor';
  return result.details?.display ? `Read the active editor: ${result.details.display}` : 'Read the active editor';
}

async function invoke(_input: ActiveEditorInput, ctx: ToolContext): Promise<ToolResult<ActiveEditorDetails>> {
  const state = ctx.fs.activeEditor();
  if (!state) return { text: 'No text editor is active.', truncated: false, details: {} };
  const text = describe(state, ctx);
  const display = where(state, ctx).display;
  return {
    text: text.join('\n'),
    truncated: text.some((l) => l.startsWith('[Truncated')),
    details: display ? { display } : {},
  };
}

/** get_active_editor: which file the user is looking at, the selection and the visible lines. */
export const activeEditorTool: Tool<ActiveEditorInput, ActiveEditorDetails> = {
  name: ToolNames.getActiveEditor,
  description:
    'Get the editor the user is looking at: file path, language, cursor or selection ' +
    '(with the selected text), and the visible line range.',
  parameters: { type: 'object', properties: {} },
  parse,
  summary,
  invoke,
};
