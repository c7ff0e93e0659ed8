import * as vscode from 'vscode';
import { buildGenerateCodePrompt, type GenerateCodeInput } from '../../common/prompts/generatePrompts';
import { promptWithInstructions } from '../../common/prompts/instructionsPrompt';
import type { EditorDeps } from './editorDeps';
import { displayPath, documentProblem, span } from './editorContext';
import { editorUi, openEditorSession, reportOmitted } from './editorUi';
import { streamCodeInto, type StreamOutcome } from './streamCodeInto';

/** Lines read on each side of the cursor (the prompt budget keeps the nearest). */
const WINDOW_LINES = 80;
const COMMON_LANGUAGES = [
  'typescript',
  'javascript',
  'python',
  'go',
  'rust',
  'java',
  'csharp',
  'cpp',
  'c',
  'php',
  'ruby',
  'shellscript',
  'sql',
  'html',
  'css',
  'json',
  'yaml',
  'markdown',
];

async function pickLanguage(): Promise<string | undefined> {
  const known = new Set(await vscode.languages.getLanguages());
  const first = COMMON_LANGUAGES.filter((l) => known.has(l));
  const rest = [...known].filter((l) => !first.includes(l)).sort();
  return editorUi().pick(
    'AIO Coder: language of the new document',
    [...first, ...rest].map((label) => ({ label })),
  );
}

/** The editor to generate into: the active one, or a new untitled document in a language the user picks. */
async function targetEditor(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active) {
    const problem = await documentProblem(active.document, 'edit');
    if (!problem) return active;
    void editorUi().message('warning', `AIO Coder: ${problem}`);
    return undefined;
  }
  const language = await pickLanguage();
  if (!language) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language, content: '' });
  return vscode.window.showTextDocument(doc);
}

function codeInput(editor: vscode.TextEditor, description: string): GenerateCodeInput {
  const doc = editor.document;
  const pos = editor.selection.active;
  const empty = doc.getText().length === 0;
  return {
    description,
    languageId: doc.languageId,
    ...(empty && doc.isUntitled
      ? {}
      : {
          path: displayPath(doc),
          window: span(doc, pos.line - WINDOW_LINES, pos.line + WINDOW_LINES),
          cursor: { line: pos.line + 1, column: pos.character },
        }),
  };
}

/** `aioCoder.generateCode`: describe → stream the code in at the cursor (one undo step, Cancel restores). */
export async function generateCode(deps: EditorDeps): Promise<StreamOutcome | undefined> {
  const ui = editorUi();
  const session = await openEditorSession(deps.keys, deps.context.logUri);
  if (!session) return undefined;
  const description = await ui.input({
    title: 'AIO Coder: Generate Code',
    prompt: 'Describe the code to generate',
    placeHolder: 'e.g. a function that parses an ISO date and returns a Date',
    validateInput: (v) => (v.trim() ? undefined : 'Describe the code to generate.'),
  });
  if (!description?.trim()) return undefined;
  const editor = await targetEditor();
  if (!editor) return undefined;
  const prompt = promptWithInstructions(
    buildGenerateCodePrompt(codeInput(editor, description), session.settings.contextWindowTokens),
    await deps.instructions.forUris([editor.document.uri]),
  );
  reportOmitted(prompt.omitted);
  return streamCodeInto(editor, editor.selection.active, session, prompt, 'Generate code');
}
