// The context of an @aio request: the files and selections attached to it (or, for a command with
// nothing attached, the active editor's selection or file), and the problems the editor reports there.
import * as vscode from 'vscode';
import { isContextReference, type ContextSource } from '../../common/prompts/participantPrompt';
import type { DiagnosticInfo } from '../../common/prompts/sourceContext';
import { diagnosticInfo } from '../diagnostics';
import { diagnosticsIn, displayPath } from '../editor/editorContext';
import { log } from '../log';

/** Context read for one request. */
export interface GatheredContext {
  sources: ContextSource[];
  diagnostics: Array<DiagnosticInfo & { path: string }>;
  /** The documents read, to list as references under the answer. */
  uris: vscode.Uri[];
}

/** A document, or the whole lines of a range of it. */
interface Target {
  uri: vscode.Uri;
  range?: vscode.Range;
}

function targetOf(value: unknown): Target | undefined {
  if (value instanceof vscode.Location) return { uri: value.uri, range: value.range };
  if (value instanceof vscode.Uri) return { uri: value };
  return undefined;
}

/** Whole lines covered by a range; a range ending at column 0 of a later line stops at the line before. */
function wholeLines(doc: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const start = range.start.line;
  const end = range.end.character === 0 && range.end.line > start ? range.end.line - 1 : range.end.line;
  const last = Math.min(end, doc.lineCount - 1);
  return new vscode.Range(start, 0, last, doc.lineAt(last).text.length);
}

async function read(target: Target, out: GatheredContext): Promise<void> {
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(target.uri);
  } catch {
    return; // a folder or a binary file: the model can still list or search it with the tools
  }
  const path = displayPath(doc);
  const range = target.range && !target.range.isEmpty ? wholeLines(doc, target.range) : undefined;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  out.sources.push({
    label: range ? `${path}:${range.start.line + 1}-${range.end.line + 1}` : path,
    path,
    languageId: doc.languageId,
    ...(range ? { startLine: range.start.line + 1 } : {}),
    content: doc.getText(range),
  });
  out.diagnostics.push(...diagnosticsIn(doc, range ?? whole).map((d) => ({ ...diagnosticInfo(d), path })));
  out.uris.push(doc.uri);
}

/** The active editor's selection (or its file when nothing is selected), for a command with nothing attached. */
function activeTarget(): Target | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return editor.selection.isEmpty
    ? { uri: editor.document.uri }
    : { uri: editor.document.uri, range: editor.selection };
}

/**
 * Reads the references (files, selections, and values such as a terminal selection); with none and a
 * command, the active editor stands in.
 */
export async function gatherContext(
  references: readonly vscode.ChatPromptReference[],
  useActiveEditor: boolean,
): Promise<GatheredContext> {
  const out: GatheredContext = { sources: [], diagnostics: [], uris: [] };
  // VS Code lists references last-in-prompt first; read them in the order the user wrote them.
  for (const ref of [...references].reverse()) {
    const target = targetOf(ref.value);
    const kind = target ? 'location' : typeof ref.value === 'string' ? 'string' : 'other';
    if (!isContextReference({ id: ref.id, kind, inPrompt: ref.range !== undefined })) continue;
    if (target) await read(target, out).catch((e: unknown) => log.warn(`@aio: skipped a reference: ${String(e)}`));
    else if (typeof ref.value === 'string' && ref.value.trim() !== '')
      out.sources.push({ label: ref.id, path: ref.id, languageId: '', content: ref.value });
  }
  const active = references.length === 0 && useActiveEditor ? activeTarget() : undefined;
  if (active) await read(active, out);
  return out;
}
