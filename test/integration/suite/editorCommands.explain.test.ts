// The explain and add-to-chat commands: what the model is sent, and the chat turn or chip they leave.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { editorKit } from '../editorKit';
import { waitFor } from '../util';

suite('Editor commands: explain', function () {
  const kit = editorKit();
  const { responses, sse, bodyOf, lastUser, open } = kit;

  test('explain: streams into the chat as a new turn with the selection as a chip; the request has path, language and numbered lines', async () => {
    const before = kit.server!.requests.length;
    responses.push(sse(['`capitalize` upper-cases ', 'the first letter.']));
    await open('editor/src/strings.ts', [1, 0, 3, 1]);
    await vscode.commands.executeCommand('aioCoder.explainSelection');
    await kit.api.chat.idle();
    const body = bodyOf(before);
    assert.equal(body.messages[0]?.role, 'system');
    assert.equal(body.response_format, undefined);
    const u = lastUser(body);
    assert.match(u, /File: editor\/src\/strings\.ts\nLanguage: typescript/);
    assert.match(u, /Code in focus: the selection \(lines 2–4/);
    assert.match(u, /2 \| {3}if \(word\.length === 0\) return word;\n3 \| {3}return word\[0\]!/);
    assert.match(u, /Explain the selection \(lines 2–4/);
    const turns = (await kit.api.chat.current()).turns;
    const [question, answer] = turns.slice(-2);
    assert.equal(question?.role, 'user');
    assert.match(question?.text ?? '', /^Explain the selection \(lines 2–4/);
    assert.equal(question?.chips?.[0]?.label, 'strings.ts:2-4');
    assert.equal(answer?.role, 'assistant');
    assert.equal(answer?.text, '`capitalize` upper-cases the first letter.');
    assert.equal(answer?.status, 'done');
  });

  test('explain with no selection explains the enclosing function and says so', async () => {
    const editor = await open('editor/src/strings.ts');
    editor.selection = new vscode.Selection(6, 4, 6, 4);
    await waitFor(
      async () =>
        (
          (await vscode.commands.executeCommand<unknown[]>(
            'vscode.executeDocumentSymbolProvider',
            editor.document.uri,
          )) ?? []
        ).length > 0,
      'TypeScript document symbols',
      60_000,
    );
    const before = kit.server!.requests.length;
    responses.push(sse(['It shouts.']));
    await vscode.commands.executeCommand('aioCoder.explainSelection');
    await kit.api.chat.idle();
    const u = lastUser(bodyOf(before));
    assert.match(
      u,
      /Nothing was selected, so this is the enclosing function `shout`\. Explain the enclosing function `shout` \(lines 6–8\)\./,
    );
    assert.match(u, /6 \| export function shout/);
  });

  test('add selection to chat: the selection becomes a chip in the chat input', async () => {
    await open('editor/src/strings.ts', [5, 0, 7, 1]);
    await vscode.commands.executeCommand('aioCoder.addSelectionToChat');
    const chip = kit.api.chat.chips.list().find((c) => c.label === 'strings.ts:6-8');
    assert.ok(chip, `chips: ${JSON.stringify(kit.api.chat.chips.list())}`);
    assert.equal(chip.kind, 'selection');
    assert.ok(chip.path.endsWith('editor/src/strings.ts'), chip.path);
    kit.api.chat.chips.remove(chip.id);
    kit.api.chat.chipsChanged();
  });
});
