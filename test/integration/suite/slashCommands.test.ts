// Slash commands end to end: completion in the real chat view (with a prompt file of the workspace,
// picked up by the watcher), and what the request the fake server receives says for /review (a prompt
// file), /explain and /fix (the active editor's selection and its problems), and /clear (no request).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { INPUT, lastUserMessage, sendMessage } from '../chatInput';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import {
  extension,
  fillLabel,
  hasBridge,
  pressLabel,
  screenshot,
  waitFor,
  waitForWebviewText,
  webviewEval,
} from '../util';

const REVIEW = '---\ndescription: Review for bugs\n---\nReview {{file}} for bugs. The code:\n{{selection}}\n';

suite('Slash commands', function () {
  let api: TestingApi;
  let server: FakeServer | undefined;
  let root: vscode.Uri;
  let prompts: vscode.Uri;
  let math: vscode.Uri;
  const responses: ResponseSpec[] = [];
  const problems = vscode.languages.createDiagnosticCollection('aio-slash-test');
  const options = `[...document.querySelectorAll('[role="listbox"][aria-label="Commands"] [role="option"]')].map((o) => o.getAttribute('aria-label'))`;

  const send = (text: string): Promise<string> => sendMessage(server!, responses, text);

  /** Opens math.ts with lines 5-8 (divide) selected; the chat view keeps it as the active editor. */
  async function selectDivide(): Promise<void> {
    const editor = await vscode.window.showTextDocument(math, { preview: false });
    editor.selection = new vscode.Selection(4, 0, 8, 0);
  }

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    api = (await extension().activate()) as TestingApi;
    root = vscode.workspace.workspaceFolders![0]!.uri;
    prompts = vscode.Uri.joinPath(root, '.aio', 'prompts');
    math = vscode.Uri.joinPath(root, 'src', 'math.ts');
    server = await connectScriptedModel(responses, 'aio_slash_suite_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    await waitForWebviewText(/Ask|AIO Coder/i, 'the chat view');
  });

  suiteTeardown(async () => {
    problems.dispose();
    await disconnectScriptedModel(server);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, '.aio'), { recursive: true }).then(undefined, () => {});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('/ completes the built-ins and a prompt file added while the chat is open; /review fills it in', async () => {
    await fillLabel(INPUT, '/');
    await waitFor(async () => (await webviewEval<string[]>(options)).length === 5, 'the five built-in commands');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(prompts, 'review.md'), new TextEncoder().encode(REVIEW));
    await fillLabel(INPUT, '/rev');
    await waitFor(
      async () =>
        (await webviewEval<string[]>(options)).includes(
          'Prompt file /review, Review for bugs · .aio/prompts/review.md',
        ),
      'the new prompt file in the list',
    );
    await screenshot('slash-commands');
    await pressLabel(INPUT, 'Enter');
    await waitFor(
      async () => (await webviewEval<string>('document.getElementById("input").value')) === '/review ',
      'the completed command',
    );
    await selectDivide();
    const sent = await send('/review look at the zero case');
    assert.match(
      sent,
      /^The user ran \/review, their prompt from \.aio\/prompts\/review\.md:\n\nReview src\/math\.ts for bugs\. The code:\nexport function divide/,
    );
    assert.match(sent, /\n\/review look at the zero case$/);
    assert.doesNotMatch(sent, /\{\{/, 'every placeholder filled');
  });

  test('/explain with nothing attached takes the selection as a chip; /fix adds its problems', async () => {
    await selectDivide();
    const explained = await send('/explain');
    assert.match(explained, /^The user ran \/explain: explain the code/);
    assert.match(explained, /Context: src\/math\.ts \(lines 5-8\)\n```typescript\nexport function divide/);
    assert.match(explained, /\n\/explain$/);
    const turn = [...(await api.chat.current()).turns].reverse().find((t) => t.role === 'user');
    assert.deepEqual(
      turn?.chips?.map((c) => c.label),
      ['math.ts:5-8'],
      'the selection is shown as the turn chip',
    );
    assert.equal(turn?.text, '/explain', 'the turn shows what was typed');

    problems.set(math, [
      Object.assign(new vscode.Diagnostic(new vscode.Range(5, 2, 5, 8), 'Zero is not handled well'), {
        source: 'aio-test',
      }),
      new vscode.Diagnostic(new vscode.Range(0, 0, 0, 5), 'Outside the selection'),
    ]);
    await selectDivide();
    const fixed = await send('/fix');
    assert.match(
      fixed,
      /^The user ran \/fix:[^\n]*\n\nProblems the editor reports:\n- src\/math\.ts:6:3 error \[aio-test\]: Zero is not handled well\n\nContext: src\/math\.ts \(lines 5-8\)/,
    );
    assert.doesNotMatch(fixed, /Outside the selection/);

    // Editing the message to another command sends that command's instructions; the chips stay.
    const fixTurn = [...(await api.chat.current()).turns].reverse().find((t) => t.role === 'user')!;
    const before = server!.requests.length;
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['Edited answer']) });
    await api.chat.handle({ type: 'editResend', turnId: fixTurn.id, text: '/tests with vitest' });
    await waitFor(() => server!.requests.length > before, 'the edited request');
    const edited = lastUserMessage(server!, before);
    assert.match(edited, /^The user ran \/tests: write unit tests[^\n]*\n\nContext: src\/math\.ts \(lines 5-8\)/);
    assert.match(edited, /\n\/tests with vitest$/);
    assert.doesNotMatch(edited, /Problems the editor reports/);
    await api.chat.idle();
  });

  test('/clear starts a new chat without asking the model; the old chat stays in the list', async () => {
    const before = await api.chat.current();
    assert.ok(before.turns.length > 0);
    const requests = server!.requests.length;
    await fillLabel(INPUT, '/clear');
    await pressLabel(INPUT, 'Enter');
    await waitFor(async () => (await api.chat.current()).id !== before.id, 'a new chat');
    assert.equal((await api.chat.current()).turns.length, 0);
    assert.equal(server!.requests.length, requests, 'no request for /clear');
    await waitForWebviewText(/Ask about your code/, 'the empty chat');
    // Nothing is lost: the chat that was cleared opens again from the list with every turn.
    await api.chat.switchTo(before.id);
    assert.equal((await api.chat.current()).turns.length, before.turns.length);
    await waitForWebviewText(/\/tests with vitest/, 'the earlier chat in the view');
  });
});
