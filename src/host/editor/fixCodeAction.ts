import * as vscode from 'vscode';
import { buildFixPrompt } from '../../common/prompts/editorPrompts';
import { promptWithInstructions } from '../../common/prompts/instructionsPrompt';
import { diagnosticInfo } from '../diagnostics';
import { enclosingSymbol, sourceInput, wholeLines, type Target } from './editorContext';
import { editorUi } from './editorUi';
import type { EditorDeps } from './editorDeps';
import { editSession, replaceWithModel, type ReplaceOutcome } from './replacement';
import { isObj } from '../../common/isObj';

/** The command behind the quick fix (hidden from the palette). */
export const FIX_COMMAND = 'aioCoder.fixDiagnostic';
/** Lines of code sent on each side of the diagnostic as the part to replace. */
const FIX_MARGIN = 3;
/** At most this many "Fix with AIO Coder" actions per request (one per diagnostic). */
const MAX_ACTIONS = 3;

/** The argument of {@link FIX_COMMAND}: plain data, so it survives any serialization. */
export interface FixArgs {
  uri: string;
  range: [number, number, number, number];
  message: string;
  severity: vscode.DiagnosticSeverity;
  source?: string;
  code?: string;
}

function toArgs(doc: vscode.TextDocument, d: vscode.Diagnostic): FixArgs {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    uri: doc.uri.toString(),
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    message: d.message,
    severity: d.severity,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined ? { code: String(code) } : {}),
  };
}

function fromArgs(a: FixArgs): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(...a.range), a.message, a.severity);
  if (a.source) d.source = a.source;
  if (a.code) d.code = a.code;
  return d;
}

/**
 * Offers "Fix with AIO Coder" on diagnostics, for every language. Cheap by design: it only builds
 * the actions; the request starts when the user picks one.
 */
export class FixCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const only = context.only;
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only))
      return [];
    const diags = context.diagnostics.slice(0, MAX_ACTIONS);
    return diags.map((d) => {
      const title =
        diags.length > 1 ? `Fix with AIO Coder: ${d.message.split('\n')[0]?.slice(0, 60) ?? ''}` : 'Fix with AIO Coder';
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.command = { command: FIX_COMMAND, title, arguments: [toArgs(doc, d)] };
      return action;
    });
  }
}

/** Registers the provider for files and untitled documents of any language. */
export function registerFixProvider(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    [{ scheme: 'file' }, { scheme: 'untitled' }],
    new FixCodeActionProvider(),
    {
      providedCodeActionKinds: FixCodeActionProvider.providedCodeActionKinds,
    },
  );
}

/** The diagnostic to fix: the argument, or the first one at the cursor (command run by hand). */
async function resolveDiagnostic(
  arg: unknown,
): Promise<{ doc: vscode.TextDocument; diagnostic: vscode.Diagnostic } | undefined> {
  if (isObj(arg) && typeof arg.uri === 'string') {
    const a = arg as unknown as FixArgs;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri));
    return { doc, diagnostic: fromArgs(a) };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const line = editor.selection.active.line;
  const d = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((x) => x.range.start.line <= line && x.range.end.line >= line);
  return d ? { doc: editor.document, diagnostic: d } : undefined;
}

/** The lines to replace: the diagnostic's, with {@link FIX_MARGIN} lines on each side, in their enclosing symbol. */
async function fixTarget(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<Target> {
  const range = wholeLines(
    doc,
    Math.max(0, diagnostic.range.start.line - FIX_MARGIN),
    Math.min(doc.lineCount - 1, diagnostic.range.end.line + FIX_MARGIN),
  );
  const symbol = await enclosingSymbol(doc, diagnostic.range.start);
  return { range, kind: 'diagnostic', ...(symbol ? { symbol } : {}) };
}

/** `aioCoder.fixDiagnostic`: the lines around the diagnostic → JSON replacement → diff with Apply/Discard. */
export async function fixDiagnostic(deps: EditorDeps, arg: unknown): Promise<ReplaceOutcome | undefined> {
  const ui = editorUi();
  const found = await resolveDiagnostic(arg);
  if (!found) {
    void ui.message('info', 'AIO Coder: put the cursor on a problem (a squiggle) to fix it.');
    return undefined;
  }
  const { doc, diagnostic } = found;
  const session = await editSession(deps, doc);
  if (!session) return undefined;
  const version = doc.version;
  const target = await fixTarget(doc, diagnostic);
  const prompt = promptWithInstructions(
    buildFixPrompt(
      sourceInput(doc, target, [diagnostic]),
      diagnosticInfo(diagnostic),
      session.settings.contextWindowTokens,
    ),
    await deps.instructions.forUris([doc.uri]),
  );
  return replaceWithModel(session, doc, version, prompt, {
    tooLarge: 'the code around the problem is too large for the context window (aioCoder.contextWindowTokens).',
    doing: 'Quick fix',
  });
}
