import * as vscode from 'vscode';
import { buildExplainPrompt } from '../../common/prompts/editorPrompts';
import type { ContextChip } from '../../common/protocol';
import type { EditorDeps } from './editorDeps';
import { documentProblem, resolveTarget, sourceInput, type Target } from './editorContext';
import { editorUi, openEditorSession, reportOmitted } from './editorUi';
import { FIX_COMMAND, fixDiagnostic, registerFixProvider } from './fixCodeAction';
import { generateCode } from './generateCode';
import { generateTests } from './generateTests';
import { refactorSelection } from './refactorSelection';

/** The active editor with a usable document, or undefined after telling the user why not. */
async function readableEditor(what: string): Promise<vscode.TextEditor | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void editorUi().message('info', `AIO Coder: open a file and select the code ${what}.`);
    return undefined;
  }
  const problem = await documentProblem(editor.document, 'read');
  if (problem) {
    void editorUi().message('warning', `AIO Coder: ${problem}`);
    return undefined;
  }
  return editor;
}

/** A selection chip for the chat, built by the chip store (and not left waiting in the input). */
function chipFor(deps: EditorDeps, editor: vscode.TextEditor, target: Target): ContextChip {
  const chip = deps.chat.chips.addSelection(editor, target.range, editor.document.getText(target.range));
  deps.chat.chips.remove(chip.id);
  return chip;
}

/**
 * `aioCoder.explainSelection`: reveals the chat and streams the explanation there as a new turn,
 * with the selection as a chip. With no selection: the enclosing function, else the current line.
 */
export async function explainSelection(deps: EditorDeps): Promise<void> {
  const editor = await readableEditor('to explain');
  if (!editor) return;
  const session = await openEditorSession(deps.keys, deps.context.logUri);
  if (!session) return;
  const target = await resolveTarget(editor, 'function');
  const prompt = buildExplainPrompt(sourceInput(editor.document, target), session.settings.contextWindowTokens);
  if (prompt.target.lines.length === 0) {
    void editorUi().message(
      'error',
      'AIO Coder: the code is too large for the context window (aioCoder.contextWindowTokens). Select less.',
    );
    return;
  }
  const chip = chipFor(deps, editor, target);
  reportOmitted(prompt.omitted);
  await deps.provider.reveal();
  await deps.chat.sendPrepared(prompt.instruction, prompt.context, [chip], session);
}

/**
 * `aioCoder.addSelectionToChat`: the selection (or, with none, the enclosing function or line)
 * becomes a chip in the chat input.
 */
export async function addSelectionToChat(deps: EditorDeps): Promise<void> {
  const editor = await readableEditor('to add to the chat');
  if (!editor) return;
  const target = await resolveTarget(editor, 'function');
  deps.chat.chips.addSelection(editor, target.range, editor.document.getText(target.range));
  await deps.provider.reveal();
  deps.chat.chipsChanged();
  if (target.kind !== 'selection') {
    const what =
      target.kind === 'function' && target.symbol
        ? `the enclosing ${target.symbol.kind} \`${target.symbol.name}\``
        : 'the current line';
    vscode.window.setStatusBarMessage(`AIO Coder: nothing was selected; added ${what} to the chat.`, 4000);
  }
}

/** Registers the editor commands and the quick-fix provider; returns the disposables. */
export function registerEditorCommands(
  context: vscode.ExtensionContext,
  parts: Omit<EditorDeps, 'context'>,
): vscode.Disposable[] {
  const deps: EditorDeps = { context, ...parts };
  const command = (id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, fn);
  return [
    command('aioCoder.explainSelection', () => explainSelection(deps)),
    command('aioCoder.refactorSelection', () => refactorSelection(deps)),
    command('aioCoder.generateTests', () => generateTests(deps)),
    command('aioCoder.generateCode', () => generateCode(deps)),
    command('aioCoder.addSelectionToChat', () => addSelectionToChat(deps)),
    command(FIX_COMMAND, (arg) => fixDiagnostic(deps, arg)),
    registerFixProvider(),
  ];
}
