import * as vscode from 'vscode';
import { splitLines } from '../../common/splitLines';
import {
  detectTestFramework,
  isTestFile,
  languageFamily,
  type FrameworkGuess,
  type TestWorkspaceFacts,
} from '../../common/editor/testFramework';
import { proposeTestPath } from '../../common/editor/testPath';
import type { GenerateTestsInput } from '../../common/prompts/generatePrompts';
import { readText } from '../readText';
import { editorUi } from './editorUi';

/** The files that tell the test framework and the test-file conventions apart. */
const FACT_GLOB = `{${[
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
  '**/test_*.py',
  '**/*_test.py',
  '**/*_test.go',
  '**/tests/*.rs',
  '**/vitest.config.*',
  '**/vitest.workspace.*',
  '**/jest.config.*',
  '**/.mocharc*',
  '**/pytest.ini',
  '**/conftest.py',
  '**/Cargo.toml',
].join(',')}}`;
const FACT_EXCLUDE =
  '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/target/**,**/.venv/**,**/venv/**,**/__pycache__/**}';
const EXAMPLE_LINES = 80;

/** Where paths are relative to: the file's workspace folder, or its own folder when it has none. */
interface Root {
  uri: vscode.Uri;
  /** The source file relative to the root. */
  source: string;
}

/** The test file chosen for a source file, with what was learned about the workspace on the way. */
export interface TestFile {
  root: Root;
  facts: TestWorkspaceFacts;
  framework: FrameworkGuess;
  path: string;
  uri: vscode.Uri;
  convention: string;
  /** The test file's document when it exists (on disk, or as an open untitled document). */
  existing?: vscode.TextDocument;
}

const rel = (root: vscode.Uri, uri: vscode.Uri): string => uri.path.slice(root.path.replace(/\/$/, '').length + 1);

/** Detects the framework, proposes the test file and lets the user edit the path. */
export async function chooseTestFile(doc: vscode.TextDocument): Promise<TestFile | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const rootUri = folder?.uri ?? vscode.Uri.joinPath(doc.uri, '..');
  const root: Root = { uri: rootUri, source: rel(rootUri, doc.uri) };
  const facts = await gatherFacts(root, doc.languageId, folder !== undefined);
  const framework = detectTestFramework(facts);
  const proposal = proposeTestPath({ sourcePath: root.source, languageId: doc.languageId, files: facts.files });
  const chosen = await editorUi().input({
    title: 'AIO Coder: Generate Tests',
    prompt:
      `Test file (${framework.framework}; ${proposal.convention}). ` +
      'An existing file gets the new tests appended, after a diff.',
    value: proposal.path,
    validateInput: (v) => validTestPath(v, root.source),
  });
  if (!chosen || validTestPath(chosen, root.source)) return undefined;
  const path = chosen.trim().replace(/\\/g, '/');
  const uri = vscode.Uri.joinPath(rootUri, path);
  const existing = await existingDocument(uri);
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

/** Another test file of the workspace, as an example of its style (its first lines). */
export async function exampleTest(file: TestFile, languageId: string): Promise<GenerateTestsInput['example']> {
  const other = file.facts.files.find((f) => f !== file.path && isTestFile(f, languageFamily(languageId)));
  const text = other ? await readText(vscode.Uri.joinPath(file.root.uri, other)) : undefined;
  return other && text !== undefined
    ? { path: other, span: { startLine: 1, lines: splitLines(text).slice(0, EXAMPLE_LINES) } }
    : undefined;
}

/** The document of the test file when it exists: an open untitled one with content, or the file on disk. */
async function existingDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const untitled = vscode.workspace.textDocuments.find(
    (d) => d.uri.toString() === uri.with({ scheme: 'untitled' }).toString() && d.getText() !== '',
  );
  if (untitled) return untitled;
  return (await readText(uri)) !== undefined ? vscode.workspace.openTextDocument(uri) : undefined;
}

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
