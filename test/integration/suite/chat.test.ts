import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import {
  clickRole,
  countRole,
  extension,
  fillLabel,
  hasBridge,
  pressLabel,
  screenshot,
  waitFor,
  waitForWebviewText,
  webviewEval,
} from '../util';

suite('Chat panel', function () {
  let server: FakeServer | undefined;
  let api: TestingApi;
  const responses: ResponseSpec[] = [];

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    api = (await extension().activate()) as TestingApi;
    server = await connectScriptedModel(responses, 'aio_chat_suite_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    await waitForWebviewText(/Ask|AIO Coder/i, 'the chat view');
  });

  suiteTeardown(async () => {
    await disconnectScriptedModel(server);
  });

  async function ask(text: string): Promise<void> {
    await fillLabel('Ask AIO Coder', text);
    await pressLabel('Ask AIO Coder', 'Enter');
  }

  test('a message sent from the input streams its answer into the panel', async () => {
    const before = server!.requests.length;
    responses.push({
      status: 200,
      headers: SSE_HEADERS,
      chunking: 'random:7',
      body: answerStream(['Here is ', 'the **answer**.\n\n```ts\nconst x = 1;\n```\n'], {
        reasoning: ['**Planning**\n\nThinking about it.'],
        usage: { prompt_tokens: 12, completion_tokens: 30, reasoning_tokens: 8 },
        credits: 0.42,
      }),
    });
    await ask('What is x?');
    await waitForWebviewText(/Here is the answer\./, 'the streamed answer');
    await waitFor(async () => (await countRole('article')) >= 1, 'an answer article');
    const req = server!.requests[before]!;
    const body = req.json as {
      model: string;
      stream: boolean;
      include_thoughts: boolean;
      reasoning_effort: string;
      messages: Array<{ role: string; content: string }>;
    };
    assert.equal(req.headers.authorization, 'Bearer aio_chat_suite_key');
    assert.equal(body.model, 'gemini');
    assert.equal(body.stream, true);
    assert.equal(body.include_thoughts, true);
    assert.equal(body.reasoning_effort, 'high');
    assert.equal(body.messages[0]?.role, 'system');
    assert.deepEqual(body.messages.at(-1), { role: 'user', content: 'What is x?' });
    await waitForWebviewText(/0\.42/, 'credits shown with the answer');
    await screenshot('chat-streamed-answer');
  });

  test('Stop mid-stream keeps the partial answer', async () => {
    const before = server!.requests.length;
    const partial = answerStream(['Partial words that arrive ', 'before the stall. ', 'NEVER-SHOWN'], {});
    responses.push({
      status: 200,
      headers: SSE_HEADERS,
      body: partial,
      fault: { type: 'stall', afterBytes: partial.indexOf('NEVER-SHOWN') - 60 },
    });
    await ask('Tell me a long story');
    await waitForWebviewText(/Partial words that arrive/, 'the partial answer');
    await clickRole('button', 'Stop');
    await api.chat.idle();
    await waitFor(() => server!.requests[before]?.clientClosedEarly, 'the request to be aborted');
    const text = await waitForWebviewText(/Partial words that arrive/, 'the partial answer after Stop');
    assert.ok(!text.includes('NEVER-SHOWN'));
    const turns = (await api.chat.current()).turns;
    assert.equal(turns.at(-1)?.status, 'stopped');
    assert.match(turns.at(-1)?.text ?? '', /Partial words that arrive/);
  });

  test('reloading the webview restores the history', async () => {
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await waitForWebviewText(/Here is the answer\.[\s\S]*Partial words that arrive/, 'history after reload');
    const onDisk = await api.chat.current();
    assert.ok(onDisk.turns.length >= 4);
  });

  test('a 401 shows the Set API key action on the failed turn', async () => {
    responses.push({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: { code: 401, message: 'Invalid API key aio_leaked_123', type: 'authentication_error' },
      }),
    });
    await ask('Hello?');
    await waitForWebviewText(/API key rejected/, 'the auth error card');
    assert.ok((await countRole('button', 'Set API key')) >= 1);
    const text = await webviewEval<string>('document.body.innerText');
    assert.ok(!text.includes('aio_leaked_123'), 'key-like strings are redacted');
  });

  test('a 402 shows the dashboard action', async () => {
    responses.push({
      status: 402,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 402, msg: 'Insufficient credits', data: null }),
    });
    await ask('Hello again?');
    await waitForWebviewText(/Not enough API in One credits/, 'the credits error card');
    assert.ok((await countRole('button', 'Open dashboard')) >= 1);
    await screenshot('chat-error-cards');
  });

  test('a 429 with Retry-After shows the countdown, then the retried answer', async () => {
    const before = server!.requests.length;
    responses.push({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '3' },
      body: JSON.stringify({ error: { message: 'Too many requests', type: 'rate_limit' } }),
    });
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Answer after the wait.']) });
    await ask('Busy?');
    await waitForWebviewText(/Retrying in \d+ s/i, 'the retry countdown', 10_000);
    await waitForWebviewText(/Answer after the wait\./, 'the retried answer');
    assert.equal(server!.requests.length - before, 2);
  });

  test('two chats: a new chat starts empty and switching back restores the first', async () => {
    const first = (await api.chat.current()).id;
    await vscode.commands.executeCommand('aioCoder.newChat');
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Second chat answer.']) });
    await ask('Second chat question');
    await waitForWebviewText(/Second chat answer\./, 'the second chat answer');
    const text = await webviewEval<string>('document.body.innerText');
    assert.ok(!text.includes('Here is the answer.'), 'the new chat does not show the first chat');
    await api.chat.switchTo(first);
    await waitForWebviewText(/Here is the answer\./, 'the first chat after switching back');
  });
});

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
