// @aio in VS Code's own chat view, driven through the chat UI: the request goes in through the chat's
// open command (as a user's typed message does, with an attached file range and the model picked),
// the answer is read back from the rendered chat. Needs chat.disableAIFeatures off; no sign-in.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { answerStream, event, sseResponse, toolCallStream } from '../../support/sse';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { bridge, hasBridge, screenshot, waitFor } from '../util';

const SIG =
  'EpYBCpMBAdHtim8vQ2nX5rL0kP7wS3dF9gH1jK4lZ6xC8vB0nM2qW4eR6tY8uI0oP2aS4dF6gH8jK0lZ2xC4vB6nM8qW0eR2tY4uI6oP8aS0d==';

interface WireBody {
  messages: Array<{
    role: string;
    content: string;
    tool_call_id?: string;
    tool_calls?: Array<{ id: string; extra_content?: unknown }>;
  }>;
  tools?: Array<{ function: { name: string } }>;
}

/** A range as the workbench's commands take it (1-based), not a vscode.Range. */
interface EditorRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** The rendered text of the chat view. */
const chatText = (): Promise<string> =>
  bridge<string>({
    op: 'eval',
    where: 'page',
    expression:
      "Array.from(document.querySelectorAll('.interactive-session')).map((e) => e.innerText).join('\\n') || ''",
  });

/** Waits until the chat view's text matches; on timeout, says what it showed. */
async function waitForChat(re: RegExp, what: string): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      async () => {
        last = await chatText();
        return re.test(last) ? last : '';
      },
      what,
      30_000,
    );
  } catch (e) {
    throw new Error(`${String(e)}; the chat view shows: ${last.slice(-1500)}`, { cause: e });
  }
}

suite('Native chat participant', function () {
  let server: FakeServer | undefined;
  const responses: ResponseSpec[] = [];
  const sse = sseResponse;
  const bodyOf = (n: number): WireBody => server?.requests[n]?.json as WireBody;
  const chatConfig = () => vscode.workspace.getConfiguration('chat');
  /** Sends a message to the chat view as a user would, with Gemini (API in One) picked in the model picker. */
  const send = (query: string, attachFiles: Array<{ uri: vscode.Uri; range?: EditorRange }> = []) =>
    vscode.commands.executeCommand('workbench.action.chat.open', {
      query,
      modelSelector: { vendor: 'aio' },
      attachFiles,
    });

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    server = await connectScriptedModel(responses, 'aio_native_chat_key');
    // The harness turns VS Code's AI features off for the other suites; the chat view needs them on.
    await chatConfig().update('disableAIFeatures', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await disconnectScriptedModel(server);
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await chatConfig().update('disableAIFeatures', true, vscode.ConfigurationTarget.Global);
  });

  // A test that failed leaves its scripted answer behind; the next test must not receive it.
  setup(() => {
    responses.length = 0;
  });

  test('a fresh chat view needs no sign-in: Gemini (API in One) is the model, and a typed @aio question is answered', async () => {
    const n = server!.requests.length;
    responses.push(sse(answerStream(['Hello from ', 'the fake API, through @aio.'])));
    await vscode.commands.executeCommand('workbench.action.chat.open');
    const welcome = await waitForChat(/Gemini \(API in One\)/, 'the chat view with our model in the model picker');
    assert.ok(!/sign in/i.test(welcome), `the chat view asks to sign in: ${welcome}`);
    // As a user does: click into the chat input, type, press Enter.
    await bridge({ op: 'click', where: 'page', selector: '.interactive-input-part .monaco-editor' });
    await bridge({ op: 'type', text: '@aio say hello' });
    // A suggestion list still open on a slow machine would take Enter (and put @agent in the input): close it.
    await waitForChat(/@aio\s+say\s+hello/, 'the typed question in the input');
    await bridge({ op: 'keyboard', key: 'Escape' });
    await bridge({ op: 'keyboard', key: 'Enter' });
    const text = await waitForChat(/Hello from the fake API, through @aio\./, 'the answer to the typed question');
    assert.match(text, /AIO Coder/);
    const body = bodyOf(n);
    assert.match(body.messages[0]?.content ?? '', /AIO Coder/, 'our system prompt, not the built-in agent');
    assert.match(body.messages.at(-1)?.content ?? '', /say hello$/);
    await screenshot('native-chat-typed');
  });

  test('@aio /explain with a file range: context, a tool call, thinking, Markdown and follow-ups', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const math = vscode.Uri.joinPath(folder, 'src', 'math.ts');
    const n = server!.requests.length;
    responses.push(
      sse(toolCallStream([{ id: 'fc-1', name: 'read_file', args: { path: 'src/math.ts' }, signature: SIG }])),
      sse(
        answerStream(['The `add` function ', 'returns **the sum** of its two arguments.'], {
          reasoning: ['**Reading the code**\n\nadd is one line.\n'],
        }),
      ),
    );
    // Project instructions reach @aio as they reach the sidebar chat.
    const agents = vscode.Uri.joinPath(folder, 'AGENTS.md');
    await vscode.workspace.fs.writeFile(agents, Buffer.from('Name every function you explain in CAPITALS.\n'));
    const lines1to3 = { startLineNumber: 1, startColumn: 1, endLineNumber: 3, endColumn: 2 };
    try {
      await send('@aio /explain what does add return?', [{ uri: math, range: lines1to3 }]);
      await waitFor(() => server!.requests.length > n, 'the first request');
    } finally {
      await vscode.workspace.fs.delete(agents);
    }
    const text = await waitForChat(/returns the sum of its two arguments/, 'the streamed answer in the chat view');
    assert.match(text, /AIO Coder/);
    const done = await waitForChat(/Find and fix problems in this code/, 'the follow-ups under the answer');
    // The progress lines (thinking, the tool call) fold into "Completed N steps" once the answer is done;
    // their text is covered by the unit tests of ParticipantStream (the disclosure would not open here).
    assert.match(done, /Completed \d+ steps/, 'progress lines were reported');

    const first = bodyOf(n);
    assert.match(first.messages[0]?.content ?? '', /The user ran \/explain/);
    assert.match(first.messages[0]?.content ?? '', /<instructions file="AGENTS\.md">\nName every function you explain/);
    const question = first.messages.at(-1)?.content ?? '';
    assert.match(question, /^Context: src\/math\.ts \(from line 1\)\n```typescript\nexport function add/);
    assert.ok(!question.includes('divide'), 'only the attached range is sent');
    assert.ok(question.endsWith('what does add return?'), question);
    assert.ok(
      first.tools?.some((t) => t.function.name === 'read_file'),
      'the workspace tools are offered',
    );

    const second = bodyOf(n + 1).messages;
    const call = second.find((m) => m.role === 'assistant' && m.tool_calls)?.tool_calls?.[0];
    assert.deepEqual(call?.extra_content, { google: { thought_signature: SIG } });
    const result = second.find((m) => m.role === 'tool');
    assert.equal(result?.tool_call_id, 'fc-1');
    assert.match(result?.content ?? '', /export function divide/, 'our read_file tool read the workspace file');
    await screenshot('native-chat-participant');
  });

  test('Stop in the chat view stops the request and closes the connection', async () => {
    const n = server!.requests.length;
    const head = event({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Starting to answer. ' } }] });
    responses.push(
      sse(head + answerStream(['never sent']), { fault: { type: 'stall', afterBytes: Buffer.byteLength(head) } }),
    );
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    await send('@aio take your time');
    await waitForChat(/Starting to answer\./, 'the first words');
    await vscode.commands.executeCommand('workbench.action.chat.cancel');
    await waitFor(() => server!.requests[n]?.clientClosedEarly, 'the connection to close after Stop');
  });

  test('with no API key, @aio says which command sets one and offers a button', async () => {
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
    const n = server!.requests.length;
    try {
      await vscode.commands.executeCommand('workbench.action.chat.newChat');
      await send('@aio hello');
      const text = await waitForChat(/no API in One key is set/, 'the missing-key message');
      assert.match(text, /Run "AIO Coder: Set API Key" from the Command Palette/);
      assert.match(text, /Set API Key/);
      assert.equal(server!.requests.length, n, 'nothing was sent');
      assert.ok(!/Explain in more detail/.test(text), 'no follow-ups after a failure');
      await screenshot('native-chat-no-key');
    } finally {
      await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_native_chat_key');
    }
  });
});
