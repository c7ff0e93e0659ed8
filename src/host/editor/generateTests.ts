import * as vscode from 'vscode';
import { collectAnswer } from '../../common/editor/collectAnswer';
import { stripFences } from '../../common/editor/fences';
import {
  detectTestFramework,
  isTestFile,
  languageFamily,
  type FrameworkGuess,
  type TestWorkspaceFacts,
} from '../../common/editor/testFramework';
import { proposeTestPath, relativeImport } from '../../common/editor/testPath';
import { splitLines } from '../../common/splitLines';
import { buildGenerateTestsPrompt, type GenerateTestsInput } from '../../common/prompts/generatePrompts';
import type { EditorPrompt } from '../../common/prompts/editorPrompts';
import { toAbortSignal } from '../cancellation';
import { readText } from '../readText';
import { proposeEdit } from './diffPreview';
import { documentProblem, selectionLines, sourceInput, wholeLines, type Target } from './editorContext';
import { editorUi, openEditorSession, reportOmitted, reportRequestError } from './editorUi';
import type { ModelSession } from '../modelSession';
import type { EditorDeps } from './editorDeps';
import { streamCodeInto } from './generateCode';

const FACT_GLOB =
  '{**/*.test.*,**/*.spec.*,**/__tests__/**,**/test_*.py,**/*_test.py,**/*_test.go,**/tests/*.rs,**/vitest.config.*,**/vitest.workspace.*,**/jest.config.*,**/.mocharc*,**/pytest.ini,**/conftest.py,**/Cargo.toml}';
const FACT_EXCLUDE =
  '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/target/**,**/.venv/**,**/venv/**,**/__pycache__/**}';
const EXAMPLE_LINES = 80;

/** Where paths are relative to: the file's workspace folder, or its own folder when it has none. */
interface Root {
  uri: vscode.Uri;
  /** The source file relative to the root. */
  source: string;
}

const rel = (root: vscode.Uri, uri: vscode.Uri): string => uri.path.slice(root.path.replace(/\/$/, '').length + 1);

/** The nearest `name` above the source file, up to the root. */
async function nearest(root: Root, name: string): Promise<string | undefined> {
  const parts = root.source.split('/').slice(0, -1);
  for (let i = parts.length; i >= 0; i--) {
    const text = await readText(vscode.Uri.joinPath(root.uri, ...parts.slice(0, i), name));
    if (text !== undefined) return text;
  }
  return undefined;
}

async function gatherFacts(root: Root, languageId: string, inWorkspace: boolean): Promise<TestWorkspaceFacts> {
  const files = inWorkspace
    ? (await vscode.workspace.findFiles(new vscode.RelativePattern(root.uri, FACT_GLOB), FACT_EXCLUDE, 2000)).map((u) =>
        rel(root.uri, u),
      )
    : (await vscode.workspace.fs.readDirectory(root.uri)).map(([n]) => n);
  const packageJson = await nearest(root, 'package.json');
  const pyproject = languageFamily(languageId) === 'python' ? await nearest(root, 'pyproject.toml') : undefined;
  return {
    languageId,
    files,
    ...(packageJson !== undefined ? { packageJson } : {}),
    ...(pyproject !== undefined ? { pyproject } : {}),
  };
}

function validTestPath(v: string, source: string): string | undefined {
  const p = v.trim();
  if (!p) return 'Enter the path of the test file.';
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.split(/[\\/]/).includes('..'))
    return 'Use a path inside the folder, relative to it.';
  if (p === source) return 'That is the file under test.';
  return undefined;
}

async function example(
  root: Root,
  facts: TestWorkspaceFacts,
  testPath: string,
  languageId: string,
): Promise<GenerateTestsInput['example']> {
  const other = facts.files.find((f) => f !== testPath && isTestFile(f, languageFamily(languageId)));
  const text = other ? await readText(vscode.Uri.joinPath(root.uri, other)) : undefined;
  return other && text !== undefined
    ? { path: other, span: { startLine: 1, lines: splitLines(text).slice(0, EXAMPLE_LINES) } }
    : undefined;
}

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

interface TestFile {
  root: Root;
  facts: TestWorkspaceFacts;
  framework: FrameworkGuess;
  path: string;
  uri: vscode.Uri;
  convention: string;
  /** The test file's document when it exists (on disk, or as an open untitled document). */
  existing?: vscode.TextDocument;
}

/** Detects the framework, proposes the test file and lets the user edit the path. */
async function chooseTestFile(doc: vscode.TextDocument): Promise<TestFile | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const rootUri = folder?.uri ?? vscode.Uri.joinPath(doc.uri, '..');
  const root: Root = { uri: rootUri, source: rel(rootUri, doc.uri) };
  const facts = await gatherFacts(root, doc.languageId, folder !== undefined);
  const framework = detectTestFramework(facts);
  const proposal = proposeTestPath({ sourcePath: root.source, languageId: doc.languageId, files: facts.files });
  const chosen = await editorUi().input({
    title: 'AIO Coder: Generate Tests',
    prompt: `Test file (${framework.framework}; ${proposal.convention}). An existing file gets the new tests appended, after a diff.`,
    value: proposal.path,
    validateInput: (v) => validTestPath(v, root.source),
  });
  if (!chosen || validTestPath(chosen, root.source)) return undefined;
  const path = chosen.trim().replace(/\\/g, '/');
  const uri = vscode.Uri.joinPath(rootUri, path);
  const untitled = vscode.workspace.textDocuments.find(
    (d) => d.uri.toString() === uri.with({ scheme: 'untitled' }).toString() && d.getText() !== '',
  );
  const existing =
    untitled ?? ((await readText(uri)) !== undefined ? await vscode.workspace.openTextDocument(uri) : undefined);
  return {
    root,
    facts,
    framework,
    path,
    uri,
    convention: path === proposal.path ? proposal.convention : 'chosen by the user',
    ...(existing ? { existing } : {}),
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
  const target: Target = editor.selection.isEmpty
    ? { range: wholeLines(doc, 0, doc.lineCount - 1), kind: 'file' }
    : { range: selectionLines(doc, editor.selection), kind: 'selection' };
  const importPath = relativeImport(file.path, file.root.source, doc.languageId);
  const input: GenerateTestsInput = {
    source: sourceInput(doc, target),
    framework: file.framework,
    testPath: file.path,
    convention: file.convention,
    ...(importPath ? { importPath } : {}),
    ...(file.existing
      ? { existing: { startLine: 1, lines: splitLines(file.existing.getText()) } }
      : { example: await example(file.root, file.facts, file.path, doc.languageId) }),
  };
  const prompt = buildGenerateTestsPrompt(input, session.settings.contextWindowTokens);
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
