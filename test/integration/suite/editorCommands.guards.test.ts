// What the commands refuse: no API key, an untitled or read-only document, no editor.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EDITOR_SUITE_KEY, editorKit } from '../editorKit';

suite('Editor commands: guards', function () {
  const kit = editorKit();
  const { messages, open, closeAll } = kit;

  test('no API key: a message with "Set API Key", and nothing is sent', async () => {
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
    try {
      const before = kit.server!.requests.length;
      await open('editor/src/strings.ts', [0, 0, 1, 0]);
      await vscode.commands.executeCommand('aioCoder.refactorSelection');
      await vscode.commands.executeCommand('aioCoder.explainSelection');
      const keyMessages = messages.filter((m) => /no API key is set/.test(m.text));
      assert.equal(keyMessages.length, 2);
      assert.deepEqual(keyMessages[0]?.actions, ['Set API Key']);
      assert.equal(kit.server!.requests.length, before);
    } finally {
      await vscode.commands.executeCommand('aioCoder.setApiKey', EDITOR_SUITE_KEY);
    }
  });

  test('bad input: untitled file for tests, read-only document for refactor, no editor', async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;' });
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('aioCoder.generateTests');
    assert.ok(
      messages.some((m) => /save the file first/.test(m.text)),
      JSON.stringify(messages),
    );
    const provider = vscode.workspace.registerTextDocumentContentProvider('aio-readonly-test', {
      provideTextDocumentContent: () => 'const x = 1;\n',
    });
    try {
      const ro = await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument(vscode.Uri.parse('aio-readonly-test:/ro.ts')),
      );
      ro.selection = new vscode.Selection(0, 0, 0, 5);
      await vscode.commands.executeCommand('aioCoder.refactorSelection');
      assert.ok(
        messages.some((m) => /is read-only/.test(m.text)),
        JSON.stringify(messages),
      );
    } finally {
      provider.dispose();
    }
    await closeAll();
    await vscode.commands.executeCommand('aioCoder.explainSelection');
    assert.ok(
      messages.some((m) => /open a file and select the code to explain/.test(m.text)),
      JSON.stringify(messages),
    );
  });
});
