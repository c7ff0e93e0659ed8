// The "Gemini (API in One)" language model as another extension reaches it: vscode.lm in the extension
// host, requests to the fake server, VS Code's own message and part types on both sides.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { answerStream, event, sseResponse, toolCallStream } from '../../support/sse';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { extension, waitFor } from '../util';

const SIG = 'CpwBAdHtim9n3Ql2+/xk1Yw0bVq8Gf7r4mZc2pT0sLu6eJh9oRkQ1vYb5XaN3wE8iD0uF2gH4jK6lM8nP0qR2sT4uV6wX8yZ==';
const READ_FILE: vscode.LanguageModelChatTool = {
  name: 'read_file',
  description: 'Read a file of the workspace',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

interface WireBody {
  model: string;
  stream: boolean;
  include_thoughts?: boolean;
  tools?: Array<{ function: { name: string } }>;
  messages: Array<{
    role: string;
    content: string;
    tool_call_id?: string;
    tool_calls?: Array<{ id: string; function: { name: string; arguments: string }; extra_content?: unknown }>;
  }>;
}

/** Everything a response streams, by kind. */
async function collect(response: vscode.LanguageModelChatResponse) {
  const text: string[] = [];
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) text.push(part.value);
    else if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
  }
  return { text: text.join(''), calls };
}

suite('Language model provider', function () {
  let server: FakeServer | undefined;
  let model: vscode.LanguageModelChat;
  const responses: ResponseSpec[] = [];
  const sse = sseResponse;
  const bodyOf = (n: number): WireBody => server?.requests[n]?.json as WireBody;
  const config = () => vscode.workspace.getConfiguration('aioCoder');

  suiteSetup(async () => {
    server = await connectScriptedModel(responses, 'aio_lm_suite_key');
  });

  suiteTeardown(async () => {
    await disconnectScriptedModel(server);
    await config().update('contextWindowTokens', undefined, vscode.ConfigurationTarget.Global);
  });

  test('vscode.lm.selectChatModels({ vendor: "aio" }) finds Gemini (API in One), sized by the settings', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'aio' });
    assert.equal(models.length, 1, JSON.stringify(models));
    model = models[0]!;
    assert.equal(model.name, 'Gemini (API in One)');
    assert.equal(model.id, 'gemini');
    assert.equal(model.family, 'gemini');
    assert.equal(model.maxInputTokens, 128000);
    await config().update('contextWindowTokens', 64000, vscode.ConfigurationTarget.Global);
    await waitFor(
      async () => (await vscode.lm.selectChatModels({ vendor: 'aio' }))[0]?.maxInputTokens === 64000,
      'maxInputTokens to follow aioCoder.contextWindowTokens',
    );
    assert.equal(await model.countTokens('x'.repeat(35)), 10, 'the prompts’ estimator: 3.5 characters per token');
  });

  test('sendRequest streams a recorded answer through the shared client', async () => {
    const root = extension().extensionPath;
    const fixture = (ext: string) =>
      readFileSync(join(root, 'test', 'fixtures', 'transcripts', `01-plain-text.${ext}`));
    const expected = (JSON.parse(fixture('expected.json').toString('utf8')) as { expected: { text: string } }).expected;
    const n = server!.requests.length;
    responses.push(sse('', { body: fixture('sse'), chunking: 'random:7' }));
    const response = await model.sendRequest(
      [
        vscode.LanguageModelChatMessage.User('Explain qubits in one sentence.'),
        vscode.LanguageModelChatMessage.Assistant('Sure.'),
        vscode.LanguageModelChatMessage.User('Go on.'),
      ],
      {},
    );
    const { text, calls } = await collect(response);
    assert.equal(text, expected.text);
    assert.deepEqual(calls, []);
    const req = server!.requests[n]!;
    assert.equal(req.headers.authorization, 'Bearer aio_lm_suite_key');
    const body = bodyOf(n);
    assert.equal(body.model, 'gemini');
    assert.equal(body.stream, true);
    assert.equal(body.include_thoughts, false, 'no thinking is asked for: the stable API cannot show it');
    assert.equal(body.tools, undefined);
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'Explain qubits in one sentence.' },
      { role: 'assistant', content: 'Sure.' },
      { role: 'user', content: 'Go on.' },
    ]);
  });

  test('a tool call keeps its thought signature through VS Code: the second request echoes it', async () => {
    const n = server!.requests.length;
    responses.push(
      sse(
        toolCallStream([{ id: 'function-call-1', name: 'read_file', args: { path: 'src/math.ts' }, signature: SIG }]),
      ),
      sse(answerStream(['`add` returns ', 'the sum.'])),
    );
    const question = vscode.LanguageModelChatMessage.User('What does add do?');
    const first = await collect(await model.sendRequest([question], { tools: [READ_FILE] }));
    assert.equal(first.calls.length, 1);
    const call = first.calls[0]!;
    assert.equal(call.name, 'read_file');
    assert.deepEqual(call.input, { path: 'src/math.ts' });
    assert.deepEqual(
      bodyOf(n).tools?.map((t) => t.function.name),
      ['read_file'],
    );
    const second = await collect(
      await model.sendRequest(
        [
          question,
          vscode.LanguageModelChatMessage.Assistant([
            new vscode.LanguageModelToolCallPart(call.callId, call.name, call.input),
          ]),
          vscode.LanguageModelChatMessage.User([
            new vscode.LanguageModelToolResultPart(call.callId, [
              new vscode.LanguageModelTextPart('export function add…'),
            ]),
          ]),
        ],
        { tools: [READ_FILE] },
      ),
    );
    assert.equal(second.text, '`add` returns the sum.');
    const [, assistant, tool] = bodyOf(n + 1).messages;
    assert.equal(assistant?.role, 'assistant');
    assert.equal(assistant?.content, '');
    assert.equal(assistant?.tool_calls?.[0]?.id, 'function-call-1', 'the API gets its own id back');
    assert.deepEqual(assistant?.tool_calls?.[0]?.extra_content, { google: { thought_signature: SIG } });
    assert.deepEqual(JSON.parse(assistant?.tool_calls?.[0]?.function.arguments ?? ''), { path: 'src/math.ts' });
    assert.deepEqual(tool, { role: 'tool', tool_call_id: 'function-call-1', content: 'export function add…' });
  });

  test('index-less parallel calls without ids arrive as separate calls with distinct ids', async () => {
    responses.push(
      sse(
        toolCallStream([
          { name: 'read_file', args: { path: 'a.ts' }, signature: SIG },
          { name: 'read_file', args: { path: 'b.ts' } },
        ]),
      ),
    );
    const { calls } = await collect(
      await model.sendRequest([vscode.LanguageModelChatMessage.User('Read both.')], { tools: [READ_FILE] }),
    );
    assert.deepEqual(
      calls.map((c) => c.input),
      [{ path: 'a.ts' }, { path: 'b.ts' }],
    );
    assert.notEqual(calls[0]?.callId, calls[1]?.callId);
  });

  test('cancelling the token stops the request and closes the connection', async () => {
    const n = server!.requests.length;
    const head = event({ choices: [{ index: 0, delta: { role: 'assistant', content: 'First words. ' } }] });
    const body = head + answerStream(['never sent']);
    responses.push(sse(body, { fault: { type: 'stall', afterBytes: Buffer.byteLength(head) } }));
    const cts = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Talk.')], {}, cts.token);
    const seen: string[] = [];
    try {
      for await (const t of response.text) {
        seen.push(t);
        cts.cancel();
      }
    } catch (e) {
      assert.ok(e instanceof vscode.CancellationError || e instanceof Error, String(e));
    }
    assert.ok(seen.join('').startsWith('First words.'), seen.join(''));
    await waitFor(() => server!.requests[n]?.clientClosedEarly, 'the client to close the stalled connection');
    cts.dispose();
  });

  test('with no API key the request fails with a LanguageModelError that names Set API Key', async () => {
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
    const n = server!.requests.length;
    try {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello?')], {});
      await collect(response);
      assert.fail('the request should have failed');
    } catch (e) {
      assert.ok(e instanceof vscode.LanguageModelError, `not a LanguageModelError: ${String(e)}`);
      assert.equal(e.code, 'NoPermissions');
      assert.match(e.message, /no API in One key is set\. Run "AIO Coder: Set API Key"/);
    } finally {
      await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_lm_suite_key');
    }
    assert.equal(server!.requests.length, n, 'nothing was sent');
  });

  test('a rejected key surfaces as NoPermissions with the server’s words, redacted', async () => {
    responses.push({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { message: 'Invalid key aio_lm_suite_key', type: 'invalid_request_error' } }),
    });
    await assert.rejects(
      async () => collect(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {})),
      (e: unknown) =>
        e instanceof vscode.LanguageModelError &&
        e.code === 'NoPermissions' &&
        /API key rejected.*HTTP 401/.test(e.message) &&
        !e.message.includes('aio_lm_suite_key'),
    );
  });
});
