// Regenerate and edit-resend, the per-chat options in the input, and a selection chip sent as context.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { clickRole, extension, fillLabel, hasBridge, pressLabel, waitForWebviewText, webviewEval } from '../util';

suite('Chat panel: turn actions, options and context', function () {
  let server: FakeServer | undefined;
  let api: TestingApi;
  const responses: ResponseSpec[] = [];
  const lastBody = () =>
    server!.requests.at(-1)?.json as {
      include_thoughts: boolean;
      reasoning_effort: string;
      messages: Array<{ role: string; content: string }>;
    };

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    api = (await extension().activate()) as TestingApi;
    server = await connectScriptedModel(responses, 'aio_turn_actions_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
  });

  suiteTeardown(async () => {
    await disconnectScriptedModel(server);
  });

  test('Regenerate replaces the last answer with a fresh one', async () => {
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['First try.']) });
    await fillLabel('Ask AIO Coder', 'Name a colour');
    await pressLabel('Ask AIO Coder', 'Enter');
    await waitForWebviewText(/First try\./, 'the first answer');
    await api.chat.idle();
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Second try.']) });
    await clickRole('button', 'Regenerate');
    await waitForWebviewText(/Second try\./, 'the regenerated answer');
    await api.chat.idle();
    const text = await webviewEval<string>('document.body.innerText');
    assert.ok(!text.includes('First try.'), 'the old answer is gone');
    const turns = (await api.chat.current()).turns;
    assert.deepEqual(
      turns.map((t) => t.role),
      ['user', 'assistant'],
    );
    assert.deepEqual(
      lastBody().messages.filter((m) => m.role !== 'system'),
      [{ role: 'user', content: 'Name a colour' }],
    );
  });

  test('editing a question resends it and drops what followed', async () => {
    const user = (await api.chat.current()).turns[0]!;
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Blue.']) });
    await api.chat.handle({ type: 'editResend', turnId: user.id, text: 'Name a cold colour' });
    await waitForWebviewText(/Blue\./, 'the answer to the edited question');
    const turns = (await api.chat.current()).turns;
    assert.equal(turns.length, 2);
    assert.equal(turns[0]?.text, 'Name a cold colour');
    assert.deepEqual(lastBody().messages.at(-1), { role: 'user', content: 'Name a cold colour' });
  });

  test('Regenerate carries the toggles shown in the input, and the chat keeps them', async () => {
    await webviewEval<boolean>(
      "(() => { const s = document.getElementById('optEffort'); s.value = 'low'; " +
        "s.dispatchEvent(new Event('change')); return true; })()",
    );
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Cyan.']) });
    await clickRole('button', 'Regenerate');
    await waitForWebviewText(/Cyan\./, 'the answer regenerated with low effort');
    await api.chat.idle();
    assert.equal(lastBody().reasoning_effort, 'low');
    assert.equal((await api.chat.current()).options.reasoningEffort, 'low');
  });

  test('per-chat thinking and effort toggles reach the request', async () => {
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Done quickly.']) });
    await api.chat.send('Quick one', { includeThoughts: false, reasoningEffort: 'low', mode: 'ask' });
    assert.equal(lastBody().include_thoughts, false);
    assert.equal(lastBody().reasoning_effort, 'low');
    assert.deepEqual((await api.chat.current()).options, {
      includeThoughts: false,
      reasoningEffort: 'low',
      mode: 'ask',
    });
  });

  test('a selection added as a chip is shown, sent once as context, then cleared', async () => {
    const doc = await vscode.workspace.openTextDocument({
      content: 'const alpha = 1;\nconst beta = alpha + 1;\n',
      language: 'typescript',
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 23);
    await vscode.commands.executeCommand('aioCoder.addSelectionToChat');
    await waitForWebviewText(/Untitled-\d+:2-2|:2-2/, 'the selection chip');
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['beta is 2.']) });
    await api.chat.send('What is beta?');
    const last = lastBody().messages.at(-1)!;
    assert.match(last.content, /const beta = alpha \+ 1;/);
    assert.match(last.content, /What is beta\?$/);
    assert.deepEqual(api.chat.chips.list(), [], 'chips are used once');
    await waitForWebviewText(/beta is 2\./, 'the answer');
  });
});
