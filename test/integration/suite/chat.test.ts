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
