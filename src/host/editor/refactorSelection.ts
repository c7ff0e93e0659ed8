import * as vscode from 'vscode';
import { buildRefactorPrompt } from '../../common/prompts/editorPrompts';
import type { EditorDeps } from './editorDeps';
import { documentProblem, resolveTarget, sourceInput } from './editorContext';
import { editorUi, openEditorSession, reportOmitted } from './editorUi';
import { proposeReplacement, requestReplacement, type ReplaceOutcome } from './replacement';

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
  const problem = await documentProblem(doc, 'edit');
  if (problem) {
    void ui.message('warning', `AIO Coder: ${problem}`);
    return undefined;
  }
  const session = await openEditorSession(deps.keys, deps.context.logUri);
  if (!session) return undefined;
  const intent = await ui.pickOrType(
    'AIO Coder: Refactor',
    'Pick a refactoring or describe your own',
    REFACTOR_INTENTS,
  );
  if (!intent) return 'cancelled';
  const version = doc.version;
  const target = await resolveTarget(editor, 'function');
  const prompt = buildRefactorPrompt(sourceInput(doc, target), intent, session.settings.contextWindowTokens);
  if (prompt.target.lines.length === 0) {
    void ui.message(
      'error',
      'AIO Coder: the code is too large for the context window (aioCoder.contextWindowTokens). Select less.',
    );
    return 'failed';
  }
  reportOmitted(prompt.omitted);
  const r = await requestReplacement(session, prompt, `AIO Coder: ${prompt.display}`, 'Refactor');
  if (typeof r === 'string') return r;
  return proposeReplacement(doc, version, prompt, r, `${prompt.display}`);
}
