import * as vscode from 'vscode';
import { collectAnswer } from '../../common/editor/collectAnswer';
import { stripFences } from '../../common/editor/fences';
import { relativeImport } from '../../common/editor/testPath';
import { splitLines } from '../../common/splitLines';
import { buildGenerateTestsPrompt, type GenerateTestsInput } from '../../common/prompts/generatePrompts';
import type { EditorPrompt } from '../../common/prompts/editorPrompts';
import { promptWithInstructions } from '../../common/prompts/instructionsPrompt';
import { toAbortSignal } from '../cancellation';
import { proposeEdit } from './diffPreview';
import { documentProblem, selectionLines, sourceInput, wholeLines, type Target } from './editorContext';
import { editorUi, openEditorSession, reportOmitted, reportRequestError } from './editorUi';
import type { ModelSession } from '../modelSession';
import type { EditorDeps } from './editorDeps';
import { streamCodeInto } from './streamCodeInto';
import { chooseTestFile, exampleTest, type TestFile } from './testFile';

/** Collects the whole answer under progress (for appending, which is shown as a diff). */
async function collectCode(
  session: ModelSession,
  prompt: EditorPrompt,
): Promise<{ status: 'done' | 'cancelled' | 'failed'; code: string }> {
  return editorUi().progress(`AIO Coder: ${prompt.display}`, async (p) => {
    const link = toAbortSignal(p.token);
    try {
      let chars = 0;
      const answer = await collectAnswer(session.stream({ ...session.base, messages: prompt.messages }, link.signal), {
        onText: (d) => {
          chars += d.length;
          p.report(`${chars.toLocaleString('en-US')} characters`);
        },
        onReasoning: () => p.report('Thinking…'),
      });
      if (answer.error) {
        reportRequestError(answer.error, 'Generate tests');
        return { status: answer.error.kind === 'aborted' ? 'cancelled' : 'failed', code: stripFences(answer.text) };
      }
      return { status: 'done', code: stripFences(answer.text) };
    } finally {
      link.dispose();
    }
  });
}

/** What generate-tests ended with (the command's return value, for tests). */
export type TestsOutcome = { status: string; testUri: string; code: string };

async function writeTests(
  session: ModelSession,
  prompt: EditorPrompt,
  testUri: vscode.Uri,
  existing: vscode.TextDocument | undefined,
): Promise<TestsOutcome> {
  if (existing) {
    const r = await collectCode(session, prompt);
    if (r.status !== 'done' || !r.code.trim())
      return { status: r.code.trim() ? r.status : 'empty', testUri: testUri.toString(), code: r.code };
    const end = existing.lineAt(existing.lineCount - 1).range.end;
    const text = existing.getText();
    const sep = text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    const result = await proposeEdit({
      document: existing,
      range: new vscode.Range(end, end),
      newText: `${sep}${r.code}\n`,
      title: `${vscode.workspace.asRelativePath(testUri)}: append tests`,
      decide: (q) => editorUi().decide(q),
    });
    return { status: result, testUri: testUri.toString(), code: r.code };
  }
  // An untitled document bound to the path: nothing is written to disk until the user saves.
  const doc = await vscode.workspace.openTextDocument(testUri.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const r = await streamCodeInto(editor, new vscode.Position(0, 0), session, prompt, 'Generate tests');
  return { status: r.status, testUri: doc.uri.toString(), code: r.code };
}

/** The transcript lines of a finished generation. */
function record(
  deps: EditorDeps,
  prompt: EditorPrompt,
  out: TestsOutcome,
  languageId: string,
  file: TestFile,
): Promise<void> {
  const where = file.path;
  const appended = file.existing !== undefined;
  const fence = out.code.includes('```') ? '````' : '```';
  const said: Record<string, string> = {
    inserted: `Written to \`${where}\` (new file, not saved yet).`,
    applied: `Appended to \`${where}\`.`,
    discarded: `Proposed for \`${where}\`; discarded.`,
    stale: `Not applied: \`${where}\` changed meanwhile.`,
    cancelled: 'Cancelled.',
    failed: 'The request failed.',
    interrupted: `Stopped: \`${where}\` was edited or closed meanwhile.`,
    empty: 'The model returned no code.',
  };
  const body = out.code.trim() ? `${fence}${languageId}\n${out.code}\n${fence}\n\n` : '';
  const status = out.status === 'cancelled' ? 'stopped' : out.status === 'failed' ? 'error' : 'done';
  return deps.chat.recordExchange(
    `${prompt.display}${appended ? ' (append)' : ''}`,
    `${body}${said[out.status] ?? out.status}`,
    status,
  );
}

/** What the prompt is built from: the selection (or the whole file), the test file, and its content or an example. */
async function testsInput(editor: vscode.TextEditor, file: TestFile): Promise<GenerateTestsInput> {
  const doc = editor.document;
  const target: Target = editor.selection.isEmpty
    ? { range: wholeLines(doc, 0, doc.lineCount - 1), kind: 'file' }
    : { range: selectionLines(doc, editor.selection), kind: 'selection' };
  const importPath = relativeImport(file.path, file.root.source, doc.languageId);
  return {
    source: sourceInput(doc, target),
    framework: file.framework,
    testPath: file.path,
    convention: file.convention,
    ...(importPath ? { importPath } : {}),
    ...(file.existing
      ? { existing: { startLine: 1, lines: splitLines(file.existing.getText()) } }
      : { example: await exampleTest(file, doc.languageId) }),
  };
}

/** `aioCoder.generateTests`: framework and conventions from the workspace → editable path → new file or append diff. */
export async function generateTests(deps: EditorDeps): Promise<TestsOutcome | undefined> {
  const ui = editorUi();
  const editor = vscode.window.activeTextEditor;
  if (!editor) return void ui.message('info', 'AIO Coder: open the file to write tests for.');
  const doc = editor.document;
  const problem = doc.isUntitled
    ? "save the file first: the tests are placed by the workspace's conventions, relative to it."
    : await documentProblem(doc, 'read');
  if (problem) return void ui.message('warning', `AIO Coder: ${problem}`);
  const session = await openEditorSession(deps.keys, deps.context.logUri);
  if (!session) return undefined;
  const file = await chooseTestFile(doc);
  if (!file) return undefined;
  const prompt = promptWithInstructions(
    buildGenerateTestsPrompt(await testsInput(editor, file), session.settings.contextWindowTokens),
    await deps.instructions.forUris([doc.uri, file.uri]),
  );
  if (prompt.target.lines.length === 0)
    return void ui.message(
      'error',
      'AIO Coder: the code is too large for the context window (aioCoder.contextWindowTokens). Select a part of it.',
    );
  reportOmitted(prompt.omitted);
  const out = await writeTests(session, prompt, file.uri, file.existing);
  await record(deps, prompt, out, doc.languageId, file);
  return out;
}
