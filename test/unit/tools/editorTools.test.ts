import assert from 'node:assert/strict';
import { join } from 'node:path';
import { activeEditorTool } from '../../../src/common/tools/activeEditor';
import { diagnosticsTool, MAX_DIAGNOSTICS } from '../../../src/common/tools/diagnostics';
import type { DiagnosticEntry, EditorState } from '../../../src/common/tools/workspaceFs';
import { singleFolderFs, type NodeWorkspaceFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';
import { runTool } from './toolTestKit';

const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character: character + 1 } });

describe('get_diagnostics', () => {
  let root: string;
  let fs: NodeWorkspaceFs;
  const diag = (
    rel: string,
    line: number,
    severity: DiagnosticEntry['severity'],
    message: string,
    extra: Partial<DiagnosticEntry> = {},
  ): DiagnosticEntry => ({
    absPath: rel.startsWith('/') ? rel : join(root, rel),
    range: at(line, 4),
    severity,
    message,
    ...extra,
  });
  before(() => {
    root = makeTree({ 'src/a.ts': '', 'src/b.ts': '', 'lib/c.ts': '', '.env': '' });
    fs = singleFolderFs(root);
  });
  after(() => removeTree(root));

  it('lists problems errors first, with 1-based positions, source and code', async () => {
    fs.diagnosticList = [
      diag('src/b.ts', 9, 'warning', 'unused variable', { source: 'eslint', code: 'no-unused-vars' }),
      diag('src/a.ts', 2, 'error', "Type 'string' is not\nassignable", { source: 'ts', code: '2322' }),
      diag('lib/c.ts', 0, 'info', 'consider const'),
      diag('/elsewhere/x.ts', 1, 'error', 'outside the workspace'),
      diag('.env', 0, 'error', 'SECRET=hunter2 is not valid'),
    ];
    const r = await runTool(diagnosticsTool, fs, {});
    assert.deepEqual(r.text.split('\n').slice(0, 4), [
      '3 problems in the workspace (path:line:column: severity: message):',
      "src/a.ts:3:5: error: Type 'string' is not assignable [ts 2322]",
      'src/b.ts:10:5: warning: unused variable [eslint no-unused-vars]',
      'lib/c.ts:1:5: info: consider const',
    ]);
    assert.doesNotMatch(r.text, /outside the workspace|hunter2/);
    assert.match(r.text, /\[1 problem is in sensitive files and not shown\.\]/);
    assert.equal(r.summary, 'Read diagnostics: 3 problems');
  });

  it('narrows to a file or a folder, and refuses paths outside', async () => {
    const file = await runTool(diagnosticsTool, fs, { path: 'src/a.ts' });
    assert.equal(file.details?.count, 1);
    assert.equal(file.summary, 'Read diagnostics for src/a.ts: 1 problem');
    assert.equal((await runTool(diagnosticsTool, fs, { path: 'src' })).details?.count, 2);
    assert.match((await runTool(diagnosticsTool, fs, { path: '../x' })).text, /^Error: .*'\.\.'/);
  });

  it(`caps the list at ${MAX_DIAGNOSTICS}`, async () => {
    fs.diagnosticList = Array.from({ length: 250 }, (_, i) => diag('src/a.ts', i, 'warning', `w${i}`));
    const r = await runTool(diagnosticsTool, fs, {});
    assert.equal(r.truncated, true);
    assert.equal(r.text.split('\n').filter((l) => l.startsWith('src/a.ts:')).length, MAX_DIAGNOSTICS);
    assert.match(r.text, /\[Truncated: showing 200 of 250 problems/);
  });
});

describe('get_active_editor', () => {
  let root: string;
  let fs: NodeWorkspaceFs;
  before(() => {
    root = makeTree({ 'src/app.ts': '' });
    fs = singleFolderFs(root);
  });
  after(() => removeTree(root));
  const editor = (over: Partial<EditorState>): EditorState => ({
    absPath: join(root, 'src/app.ts'),
    scheme: 'file',
    languageId: 'typescript',
    lineCount: 120,
    isDirty: false,
    selection: { start: { line: 9, character: 2 }, end: { line: 11, character: 5 } },
    visibleRanges: [{ start: { line: 0, character: 0 }, end: { line: 44, character: 0 } }],
    selectedText: 'selected code',
    ...over,
  });

  it('reports path, language, selection with its text, and visible range', async () => {
    fs.editor = editor({ isDirty: true });
    const r = await runTool(activeEditorTool, fs, {});
    assert.deepEqual(r.text.split('\n'), [
      'Active editor: src/app.ts (typescript, 120 lines, unsaved changes)',
      'Selection: lines 10-12 (from column 3 to column 6)',
      'Visible: lines 1-45',
      'Selected text:',
      'selected code',
    ]);
    assert.equal(r.summary, 'Read the active editor: src/app.ts');
  });

  it('reports a cursor, no editor, untitled documents, and hides files outside the workspace', async () => {
    fs.editor = editor({ selection: at(4, 0), selectedText: '' });
    fs.editor.selection.end = fs.editor.selection.start;
    assert.match((await runTool(activeEditorTool, fs, {})).text, /Cursor: line 5, column 1 \(no selection\)/);
    fs.editor = undefined;
    assert.equal((await runTool(activeEditorTool, fs, {})).text, 'No text editor is active.');
    const { absPath: _omit, ...untitled } = editor({ scheme: 'untitled' });
    fs.editor = untitled;
    assert.match((await runTool(activeEditorTool, fs, {})).text, /^Active editor: an unsaved untitled document/);
    fs.editor = editor({ absPath: '/etc/passwd' });
    const out = await runTool(activeEditorTool, fs, {});
    assert.match(out.text, /a file outside the workspace/);
    assert.doesNotMatch(out.text, /passwd|selected code/);
  });
});
