// Project instructions and long chats, end to end: the files in the workspace, the chips in the panel,
// and the requests the fake server receives.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import { startFakeServer, type FakeServer, type ResponseSpec } from '../../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import {
  clickRole,
  countRole,
  extension,
  fillLabel,
  hasBridge,
  screenshot,
  waitFor,
  waitForWebviewText,
  webviewEval,
} from '../util';

type Messages = Array<{ role: string; content: string }>;

/** A fake server and the chat settings a suite needs; `responses` are answered in order. */
async function startChat(key: string): Promise<{ server: FakeServer; api: TestingApi; responses: ResponseSpec[] }> {
  const api = (await extension().activate()) as TestingApi;
  const responses: ResponseSpec[] = [];
  const server = await startFakeServer({
    script: () => responses.shift() ?? { status: 500, body: 'no scripted answer left' },
    lifetimeMs: 600_000,
  });
  await vscode.workspace.getConfiguration('aioCoder').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('aioCoder.setApiKey', key);
  await vscode.commands.executeCommand('aioCoder.newChat');
  return { server, api, responses };
}

async function resetSettings(...keys: string[]): Promise<void> {
  const c = vscode.workspace.getConfiguration('aioCoder');
  for (const k of ['baseUrl', ...keys]) await c.update(k, undefined, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('aioCoder.clearApiKey');
}

const sse = (text: string): ResponseSpec => ({ status: 200, headers: SSE_HEADERS, body: answerStream([text]) });

suite('Project instructions', function () {
  let server: FakeServer;
  let api: TestingApi;
  let responses: ResponseSpec[];
  let root: vscode.Uri;
  const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root, rel);
  const write = (rel: string, text: string): Thenable<void> =>
    vscode.workspace.fs.writeFile(file(rel), new TextEncoder().encode(text));
  const systemOf = (n: number): string =>
    (server.requests[n]?.json as { messages: Messages }).messages[0]?.content ?? '';
  async function ask(text: string): Promise<string> {
    const before = server.requests.length;
    responses.push(sse(`Answer to ${text}`));
    await api.chat.send(text);
    return systemOf(before);
  }
  /** Waits until the loader reads `text` in AGENTS.md (the watcher has seen the change). */
  const loaded = (text: string): Promise<unknown> =>
    waitFor(
      async () => (await api.instructions.forPaths([])).some((f) => f.path === 'AGENTS.md' && f.text.includes(text)),
      `AGENTS.md with "${text}"`,
    );

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    ({ server, api, responses } = await startChat('aio_instructions_key'));
    await write('AGENTS.md', 'ROOT RULE: call the user Captain.\n');
    await write('ctx/AGENTS.md', 'NESTED RULE: indent ctx code with tabs.\n');
    await write('ctx/deep/code.ts', 'export const answer = 42;\nexport const question = "?";\n');
    await loaded('ROOT RULE');
  });

  suiteTeardown(async () => {
    api?.setEditorUi(undefined);
    await server?.close();
    for (const rel of ['AGENTS.md', 'ctx'])
      await vscode.workspace.fs.delete(file(rel), { recursive: true, useTrash: false }).then(undefined, () => {});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings('instructions.enabled');
  });

  test('an AGENTS.md in the workspace reaches the system prompt and shows as a chip', async () => {
    await waitForWebviewText(/Instructions: AGENTS\.md/, 'the instructions chip');
    const system = await ask('Who am I?');
    assert.match(system, /<instructions file="AGENTS\.md">\nROOT RULE: call the user Captain\.\n<\/instructions>/);
    assert.ok(!system.includes('NESTED RULE'), 'no file in context: the nested file does not apply');
  });

  test('the AGENTS.md nearest to a file in context joins, after the root one', async () => {
    const editor = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(file('ctx/deep/code.ts')),
    );
    editor.selection = new vscode.Selection(0, 0, 0, 26);
    await vscode.commands.executeCommand('aioCoder.addSelectionToChat');
    await waitForWebviewText(/Instructions: ctx\/AGENTS\.md/, 'the nested instructions chip');
    const system = await ask('Explain answer');
    assert.match(system, /ROOT RULE[\s\S]*<instructions file="ctx\/AGENTS\.md" applies-to="ctx\/">\nNESTED RULE/);
    await screenshot('instructions-chips');
  });

  test('removing the chip keeps the file out of this chat only, and the chat remembers it', async () => {
    const first = (await api.chat.current()).id;
    await clickRole('button', 'Remove AGENTS.md from this chat');
    await waitFor(async () => (await api.chat.current()).instructionsOff?.includes('AGENTS.md'), 'the removal');
    await waitFor(async () => (await countRole('button', 'Use AGENTS.md in this chat again')) === 1, 'Use again');
    const without = await ask('Still there?');
    assert.ok(!without.includes('ROOT RULE'), 'removed for this chat');
    assert.match(without, /NESTED RULE/, 'the other file stays');
    await vscode.commands.executeCommand('aioCoder.newChat');
    assert.match(await ask('A new chat'), /ROOT RULE/, 'another chat still sends it');
    await api.chat.switchTo(first);
    await waitFor(async () => (await countRole('button', 'Use AGENTS.md in this chat again')) === 1, 'restored');
    assert.deepEqual((await api.chat.current()).instructionsOff, ['AGENTS.md']);
    await clickRole('button', 'Use AGENTS.md in this chat again');
    await waitFor(async () => (await api.chat.current()).instructionsOff === undefined, 'used again');
  });

  test('an edited AGENTS.md is read again', async () => {
    await write('AGENTS.md', 'ROOT RULE v2: call the user Admiral.\n');
    await loaded('ROOT RULE v2');
    assert.match(await ask('And now?'), /ROOT RULE v2: call the user Admiral\./);
  });

  test('editor commands send the instructions too', async () => {
    const before = server.requests.length;
    responses.push(sse('export const extra = 1;'));
    api.setEditorUi({ input: async () => 'one more export', message: async () => undefined });
    const editor = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(file('ctx/deep/code.ts')),
    );
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const out = await vscode.commands.executeCommand<{ status: string }>('aioCoder.generateCode');
    assert.equal(out?.status, 'inserted');
    assert.match(systemOf(before), /^You are AIO Coder, writing code[\s\S]*ROOT RULE v2[\s\S]*NESTED RULE/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('aioCoder.instructions.enabled off: no chip and nothing sent', async () => {
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('instructions.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(
      () => webviewEval<boolean>("document.querySelector('.instruction-chips')?.hidden === true"),
      'the chips to go',
    );
    const system = await ask('Plain, please');
    assert.ok(!system.includes('ROOT RULE') && !system.includes('NESTED RULE'));
  });
});

suite('Long chats', function () {
  let server: FakeServer;
  let api: TestingApi;
  let responses: ResponseSpec[];
  const bodyOf = (n: number): Messages => (server.requests[n]?.json as { messages: Messages }).messages;
  /** A question of about 860 tokens, marked so it can be found in a request. */
  const question = (n: number): string => `Q${n}-MARK ${'lorem ipsum '.repeat(250)}`;

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    ({ server, api, responses } = await startChat('aio_long_chat_key'));
    const c = vscode.workspace.getConfiguration('aioCoder');
    await c.update('contextWindowTokens', 4000, vscode.ConfigurationTarget.Global);
    await c.update('tools.enabled', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await server?.close();
    await resetSettings('contextWindowTokens', 'tools.enabled');
  });

  test('a long chat over a small context window leaves out its oldest turns, with a note', async () => {
    for (let n = 1; n <= 5; n++) {
      responses.push(sse(`Answer ${n}.`));
      await api.chat.send(question(n));
    }
    const sent = bodyOf(server.requests.length - 1);
    const text = sent.map((m) => m.content).join('\n');
    const missing = [1, 2, 3, 4].filter((n) => !text.includes(`Q${n}-MARK`));
    assert.ok(missing.length > 0 && missing[0] === 1, `the oldest turns go first (missing: ${missing.join(', ')})`);
    assert.deepEqual(
      missing,
      Array.from({ length: missing.length }, (_, i) => i + 1),
      'only the oldest ones',
    );
    assert.match(text, /Q5-MARK/);
    const note = `${missing.length} earlier turn${missing.length === 1 ? '' : 's'} left out to fit the context window`;
    assert.match(sent[0]?.content ?? '', /Note: to fit the context window, parts of this conversation were left out/);
    assert.equal((await api.chat.current()).turns.at(-1)?.contextNote, note);
    await waitForWebviewText(new RegExp(`${note}\\.`), 'the note in the chat');
    assert.ok((await countRole('button', 'Summarize chat')) >= 1, 'the note offers Summarize chat');
    await screenshot('long-chat-note');
  });

  test('Summarize chat makes one call, shows an editable summary, and later requests send it instead', async () => {
    const before = server.requests.length;
    responses.push(sse('SUMMARY: five long questions about lorem ipsum, each answered.'));
    const outcome = await vscode.commands.executeCommand<string>('aioCoder.summarizeChat');
    assert.equal(outcome, 'summarized');
    assert.equal(server.requests.length - before, 1, 'one model call');
    const request = bodyOf(before);
    assert.match(request[0]?.content ?? '', /^You condense a conversation/);
    assert.match(request[1]?.content ?? '', /Q5-MARK/);
    await waitForWebviewText(/Summary of 5 earlier turns, sent instead of them/, 'the summary turn');
    const summary = (await api.chat.current()).turns.at(-1);
    assert.equal(summary?.summaryOf, 5);
    await clickRole('button', 'Edit summary');
    await fillLabel('Summary text', 'EDITED SUMMARY: lorem ipsum, five times.');
    await clickRole('button', 'Save');
    await waitFor(async () => (await api.chat.current()).turns.at(-1)?.text.startsWith('EDITED SUMMARY'), 'the edit');
    responses.push(sse('Carrying on.'));
    await api.chat.send('After the summary');
    const next = bodyOf(server.requests.length - 1);
    assert.deepEqual(
      next.map((m) => m.role),
      ['system', 'user'],
    );
    assert.match(next[1]?.content ?? '', /^Summary of the earlier conversation \(5 turns[\s\S]*EDITED SUMMARY/);
    assert.match(next[1]?.content ?? '', /After the summary$/);
    assert.ok(!next.some((m) => /Q\d-MARK/.test(m.content)), 'the summarized turns are not sent');
    assert.ok(!(next[0]?.content ?? '').includes('Note: to fit'), 'everything fits again');
  });
});
