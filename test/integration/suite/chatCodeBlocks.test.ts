// The actions under an answer's code block (insert, apply, new file), and exporting the chat.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { clickRole, extension, fillLabel, hasBridge, pressLabel, waitFor, waitForWebviewText } from '../util';

suite('Chat panel: code blocks and export', function () {
  let server: FakeServer | undefined;
  let api: TestingApi;
  const responses: ResponseSpec[] = [];
  const CODE = 'export function add(a: number, b: number): number {\n  return a + b; // checked\n}';

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    api = (await extension().activate()) as TestingApi;
    server = await connectScriptedModel(responses, 'aio_code_blocks_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    responses.push({
      status: 200,
      headers: SSE_HEADERS,
      body: answerStream(['Use this:\n\n```ts\n', `${CODE}\n`, '```\n']),
    });
    await fillLabel('Ask AIO Coder', 'Improve add');
    await pressLabel('Ask AIO Coder', 'Enter');
    await waitForWebviewText(/Use this:/, 'the answer with a code block');
    await api.chat.idle();
  });

  suiteTeardown(async () => {
    api?.setEditorUi(undefined);
    await disconnectScriptedModel(server);
  });

  async function scratch(text: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument({ content: text, language: 'typescript' });
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  test('Insert at cursor puts the raw code at the cursor of the last editor', async () => {
    const editor = await scratch('// top\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await clickRole('button', 'Insert at cursor');
    await waitFor(() => editor.document.getText().includes('return a + b; // checked'), 'the inserted code');
    assert.equal(editor.document.getText(), `// top\n${CODE}`);
  });

  test('Apply shows a diff and applies one edit on Apply; Discard leaves the file alone', async () => {
    const questions: string[] = [];
    let answer: 'Apply' | 'Discard' = 'Discard';
    api.setEditorUi({
      decide: async (q) => {
        questions.push(q);
        await waitFor(
          () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
          'the diff editor',
        );
        return answer;
      },
    });
    const editor = await scratch('function add(a, b) { return a + b; }\n');
    await clickRole('button', 'Apply');
    await waitFor(() => questions.length === 1, 'the Apply/Discard question');
    await waitFor(
      () => !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
      'the diff to close',
    );
    assert.equal(editor.document.getText(), 'function add(a, b) { return a + b; }\n', 'Discard changes nothing');
    answer = 'Apply';
    await vscode.window.showTextDocument(editor.document);
    await clickRole('button', 'Apply');
    await waitFor(() => editor.document.getText() === CODE, 'the applied code');
    await vscode.commands.executeCommand('undo');
    await waitFor(
      () => editor.document.getText() === 'function add(a, b) { return a + b; }\n',
      'one undo to restore the file',
    );
  });

  test('New file opens the code in an untitled editor of its language', async () => {
    await clickRole('button', 'New file');
    const editor = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.isUntitled &&
        vscode.window.activeTextEditor.document.getText() === CODE
          ? vscode.window.activeTextEditor
          : undefined,
      'the new file',
    );
    assert.equal(editor.document.languageId, 'typescript');
  });

  test('a chat exports to Markdown', async () => {
    const chat = await api.chat.current();
    await api.chat.handle({ type: 'exportChat', chatId: chat.id });
    const doc = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.languageId === 'markdown'
          ? vscode.window.activeTextEditor.document
          : undefined,
      'the exported Markdown',
    );
    assert.match(doc.getText(), /Improve add/);
    assert.match(doc.getText(), /return a \+ b; \/\/ checked/);
  });
});
