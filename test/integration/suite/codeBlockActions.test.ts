import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import { extension } from '../util';

// Trojan Source's "stretched string": it reads as a comparison with "user" and compares with a longer string.
const TROJAN = 'if (accessLevel != "user\u202E \u2066// Check if admin\u2069 \u2066") {\n  grant();\n}';
const PLAIN = 'const a = 1;';

suite('Code block actions: hidden characters', () => {
  let api: TestingApi;
  const warnings: Array<{ text: string; actions: string[] }> = [];
  let answer: string | undefined;
  let dir: string;

  suiteSetup(async () => {
    api = (await extension().activate()) as TestingApi;
    dir = mkdtempSync(join(tmpdir(), 'aio-code-actions-'));
  });

  suiteTeardown(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  setup(() => {
    warnings.length = 0;
    answer = undefined;
    api.setEditorUi({
      message: async (level, text, ...actions) => {
        if (level === 'warning') warnings.push({ text, actions });
        return answer;
      },
      decide: async () => 'Apply',
    });
  });

  teardown(async () => {
    api.setEditorUi(undefined);
    // Revert first: closing a dirty editor would ask whether to save it.
    for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (!vscode.window.tabGroups.activeTabGroup.activeTab)
        await vscode.commands.executeCommand('workbench.action.focusNextGroup');
    }
  });

  /**
   * A new file per test, outside the workspace so other suites' listings do not see it (and VS Code
   * cannot restore a reverted document from a backup written while it was dirty).
   */
  async function fresh(name: string, content: string): Promise<vscode.TextEditor> {
    writeFileSync(join(dir, name), content);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, name)));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    return editor;
  }

  test('Insert warns and inserts nothing unless told "Insert Anyway"; then the code goes in byte for byte', async () => {
    const editor = await fresh('insert.ts', '// start\n');
    await api.chat.handle({ type: 'insertCode', code: TROJAN, language: 'ts' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.text ?? '', /U\+202E RIGHT-TO-LEFT OVERRIDE \(line 1\)/);
    assert.deepEqual(warnings[0]?.actions, ['Insert Anyway']);
    assert.equal(editor.document.getText(), '// start\n', 'dismissing the warning inserts nothing');
    answer = 'Insert Anyway';
    await api.chat.handle({ type: 'insertCode', code: TROJAN, language: 'ts' });
    assert.equal(editor.document.getText(), `${TROJAN}// start\n`);
  });

  test('Apply warns before the diff, and applies the code unchanged after "Apply Anyway"', async () => {
    const editor = await fresh('apply.ts', 'old();\n');
    await api.chat.handle({ type: 'applyCode', code: TROJAN, language: 'ts' });
    assert.deepEqual(warnings[0]?.actions, ['Apply Anyway']);
    assert.equal(editor.document.getText(), 'old();\n');
    answer = 'Apply Anyway';
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await api.chat.handle({ type: 'applyCode', code: TROJAN, language: 'ts' });
    assert.equal(editor.document.getText(), TROJAN);
  });

  test('code without hidden characters is inserted with no warning', async () => {
    const editor = await fresh('plain.ts', '');
    await api.chat.handle({ type: 'insertCode', code: PLAIN, language: 'ts' });
    assert.deepEqual(warnings, []);
    assert.equal(editor.document.getText(), PLAIN);
  });
});
