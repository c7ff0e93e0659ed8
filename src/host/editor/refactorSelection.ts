import * as vscode from 'vscode';
import { buildRefactorPrompt } from '../../common/prompts/editorPrompts';
import { promptWithInstructions } from '../../common/prompts/instructionsPrompt';
import type { EditorDeps } from './editorDeps';
import { resolveTarget, sourceInput } from './editorContext';
import { editorUi } from './editorUi';
import { editSession, replaceWithModel, type ReplaceOutcome } from './replacement';

/** The intents offered by the refactor quick pick; anything else can be typed. */
export const REFACTOR_INTENTS: readonly vscode.QuickPickItem[] = [
  { label: 'Improve readability', detail: 'Clearer names, simpler control flow, no behaviour change' },
  { label: 'Extract function', detail: 'Move the code into a well-named function and call it' },
  { label: 'Add types', detail: 'Add or tighten type annotations' },
  { label: 'Modernize', detail: 'Use current language features and idioms' },
];

/** `aioCoder.refactorSelection`: intent → JSON replacement → diff with Apply/Discard. */
export async function refactorSelection(deps: EditorDeps): Promise<ReplaceOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  const ui = editorUi();
  if (!editor) {
    void ui.message('info', 'AIO Coder: open a file and select the code to refactor.');
    return undefined;
  }
  const doc = editor.document;
  const session = await editSession(deps, doc);
  if (!session) return undefined;
  const intent = await ui.pickOrType(
    'AIO Coder: Refactor',
    'Pick a refactoring or describe your own',
    REFACTOR_INTENTS,
  );
  if (!intent) return 'cancelled';
  const version = doc.version;
  const target = await resolveTarget(editor, 'function');
  const prompt = promptWithInstructions(
    buildRefactorPrompt(sourceInput(doc, target), intent, session.settings.contextWindowTokens),
    await deps.instructions.forUris([doc.uri]),
  );
  return replaceWithModel(session, doc, version, prompt, {
    tooLarge: 'the code is too large for the context window (aioCoder.contextWindowTokens). Select less.',
    doing: 'Refactor',
  });
}
