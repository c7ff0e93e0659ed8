// Generate tests (a new test file, or appended to an existing one) and generate code at the cursor.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { STRINGS, NUMBERS, STRINGS_TEST, editorKit } from '../editorKit';
import { waitFor } from '../util';

suite('Editor commands: generate', function () {
  const kit = editorKit();
  const { responses, messages, sse, bodyOf, lastUser, uri, ui, open, fresh, proposedText, closeAll } = kit;

  test('generate tests, new file: mocha and editor/test/ detected, path proposed, streamed into an unsaved file, recorded in the chat', async () => {
    const before = kit.server!.requests.length;
    const tests =
      "import assert from 'node:assert/strict';\nimport { double } from '../src/numbers';\n\nsuite('double', () => {\n  test('doubles', () => assert.equal(double(2), 4));\n});";
    responses.push(sse(['```typescript\n', ...tests.match(/[\s\S]{1,9}/g)!, '\n```\n']));
    let proposed = '';
    ui({
      input: async (o) => {
        proposed = o.value ?? '';
        return o.value;
      },
    });
    await open('editor/src/numbers.ts');
    const out = await vscode.commands.executeCommand<{ status: string; testUri: string }>('aioCoder.generateTests');
    assert.equal(proposed, 'editor/test/numbers.test.ts');
    assert.equal(out?.status, 'inserted');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === out?.testUri);
    assert.ok(doc, 'the test document is open');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.ok(doc.uri.path.endsWith('/editor/test/numbers.test.ts'));
    assert.equal(doc.getText(), tests);
    const u = lastUser(bodyOf(before));
    assert.match(
      u,
      /Test framework: mocha \(package\.json depends on mocha\)\.\nTest file: editor\/test\/numbers\.test\.ts \(tests live in editor\/test\/\)\.\nImport the code under test from '\.\.\/src\/numbers'\./,
    );
    assert.match(u, /An existing test file of this workspace, for its style \(editor\/test\/strings\.test\.ts/);
    assert.match(u, /1 \| export function double/);
    const [q, a] = (await kit.api.chat.current()).turns.slice(-2);
    assert.match(q?.text ?? '', /^Generate tests for numbers\.ts:1–4 → editor\/test\/numbers\.test\.ts \(mocha\)/);
    assert.match(
      a?.text ?? '',
      /suite\('double'[\s\S]*Written to `editor\/test\/numbers\.test\.ts` \(new file, not saved yet\)\./,
    );
  });

  test('generate tests, existing file: a diff appends to it after Apply', async () => {
    const added = "suite('shout', () => {\n  test('adds !', () => assert.equal(shout('a'), 'A!'));\n});";
    responses.push(sse(['```ts\n', added, '\n```']));
    let diff = '';
    ui({
      input: async (o) => o.value,
      decide: async () => {
        diff = await proposedText();
        return 'Apply';
      },
    });
    await open('editor/src/strings.ts', [5, 0, 8, 0]);
    const out = await vscode.commands.executeCommand<{ status: string }>('aioCoder.generateTests');
    assert.equal(out?.status, 'applied');
    const expected = `${STRINGS_TEST}\n${added}\n`;
    assert.equal(diff, expected);
    const testDoc = await vscode.workspace.openTextDocument(uri('editor/test/strings.test.ts'));
    assert.equal(testDoc.getText(), expected);
    assert.match(
      (await kit.api.chat.current()).turns.at(-1)?.text ?? '',
      /Appended to `editor\/test\/strings\.test\.ts`\./,
    );
  });

  test('generate code: streams at the cursor without fences, and one undo removes it all', async () => {
    const before = kit.server!.requests.length;
    const code = "export function reverse(s: string): string {\n  return [...s].reverse().join('');\n}";
    responses.push(sse(['```ts\n', ...code.match(/[\s\S]{1,7}/g)!, '\n```\nThis reverses a string.'], 'random:3'));
    ui({ input: async () => 'a function that reverses a string' });
    const editor = await fresh('generate1.ts', STRINGS);
    editor.selection = new vscode.Selection(8, 0, 8, 0);
    const out = await vscode.commands.executeCommand<{ status: string }>('aioCoder.generateCode');
    assert.equal(out?.status, 'inserted');
    assert.equal(editor.document.getText(), STRINGS + code);
    const u = lastUser(bodyOf(before));
    assert.match(u, /Code before the cursor, with the cursor \(lines 1–9\)/);
    assert.match(u, /9 \| ⟦CURSOR⟧/);
    assert.match(u, /Write the code to insert at ⟦CURSOR⟧: a function that reverses a string$/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), STRINGS, 'a single undo restores the original text');
  });

  test('generate code: Cancel mid-stream aborts the request and leaves the document as it was', async () => {
    const before = kit.server!.requests.length;
    const body = answerStream([
      '```ts\n',
      'export function clamp(',
      'n: number) {\n',
      '  return n;\n',
      'NEVER-SENT',
      '}\n```',
    ]);
    responses.push({
      status: 200,
      headers: SSE_HEADERS,
      body,
      fault: { type: 'stall', afterBytes: body.indexOf('NEVER-SENT') - 40 },
    });
    const sources: vscode.CancellationTokenSource[] = [];
    ui({
      input: async () => 'clamp',
      progress: (_title, task) => {
        const cts = new vscode.CancellationTokenSource();
        sources.push(cts);
        return task({ report: () => {}, token: cts.token });
      },
    });
    const editor = await fresh('generate2.ts', NUMBERS);
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    const running = vscode.commands.executeCommand<{ status: string }>('aioCoder.generateCode');
    await waitFor(
      () => editor.document.getText().includes('export function clamp(n: number) {'),
      'the partial code in the editor',
    );
    sources[0]?.cancel();
    const out = await running;
    assert.equal(out?.status, 'cancelled');
    assert.equal(editor.document.getText(), NUMBERS);
    await waitFor(() => kit.server!.requests[before]?.clientClosedEarly, 'the request to be aborted');
    assert.equal(messages.filter((m) => m.level === 'error').length, 0, 'cancelling is not an error');
  });

  test('generate code with no editor: a new untitled document in the picked language', async () => {
    await closeAll();
    responses.push(sse(['print("hi")']));
    ui({ input: async () => 'print hi', pick: async () => 'python' });
    const out = await vscode.commands.executeCommand<{ status: string }>('aioCoder.generateCode');
    assert.equal(out?.status, 'inserted');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.isUntitled, true);
    assert.equal(editor?.document.languageId, 'python');
    assert.equal(editor?.document.getText(), 'print("hi")');
  });
});
