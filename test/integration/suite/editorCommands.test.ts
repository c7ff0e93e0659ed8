import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import type { EditorUi } from '../../../src/host/editor/editorUi';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { extension, waitFor } from '../util';

interface WireBody {
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
  tools?: unknown[];
}

const STRINGS = [
  'export function capitalize(word: string): string {',
  '  if (word.length === 0) return word;',
  '  return word[0]!.toUpperCase() + word.slice(1);',
  '}',
  '',
  'export function shout(text: string): string {',
  "  return text.toUpperCase() + '!';",
  '}',
  '',
].join('\n');
const NUMBERS = 'export function double(n: number): number {\n  return n * 2;\n}\n';
const STRINGS_TEST =
  "import assert from 'node:assert/strict';\nimport { capitalize } from '../src/strings';\n\nsuite('strings', () => {\n  test('capitalize', () => assert.equal(capitalize('a'), 'A'));\n});\n";

suite('Editor commands', function () {
  let server: FakeServer | undefined;
  let api: TestingApi;
  let root: string;
  const responses: ResponseSpec[] = [];
  const messages: Array<{ level: string; text: string; actions: string[] }> = [];
  const sse = (text: string[], chunking: ResponseSpec['chunking'] = 'whole'): ResponseSpec => ({
    status: 200,
    headers: SSE_HEADERS,
    body: answerStream(text),
    chunking,
  });
  const bodyOf = (n: number): WireBody => server?.requests[n]?.json as WireBody;
  const lastUser = (b: WireBody): string => b.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const uri = (rel: string): vscode.Uri => vscode.Uri.file(join(root, rel));

  /** Replaces the editor commands' UI: messages are recorded and never block; the rest comes from `over`. */
  function ui(over: Partial<EditorUi> = {}): void {
    api.setEditorUi({
      message: async (level, text, ...actions) => {
        messages.push({ level, text, actions });
        return undefined;
      },
      ...over,
    });
  }

  async function open(rel: string, sel?: [number, number, number, number]): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(rel)), {
      preview: false,
    });
    editor.selection = sel ? new vscode.Selection(sel[0], sel[1], sel[2], sel[3]) : new vscode.Selection(0, 0, 0, 0);
    return editor;
  }

  /**
   * A new file for a test that changes its document. Each such test uses its own file: VS Code may
   * restore a closed, reverted document from a working-copy backup written while it was dirty.
   */
  async function fresh(
    name: string,
    content: string,
    sel?: [number, number, number, number],
  ): Promise<vscode.TextEditor> {
    writeFileSync(join(root, 'editor', 'src', name), content);
    return open(`editor/src/${name}`, sel);
  }

  /** The proposed side of the AIO Coder diff editor that is open now. */
  async function proposedText(): Promise<string> {
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'aio-coder-proposal');
    assert.ok(tab, 'the diff editor is open');
    return (await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified)).getText();
  }

  async function closeAll(): Promise<void> {
    for (let i = 0; i < 40 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (!vscode.window.tabGroups.activeTabGroup.activeTab)
        await vscode.commands.executeCommand('workbench.action.focusNextGroup');
    }
  }

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the integration workspace is not open');
    root = folder.uri.fsPath;
    mkdirSync(join(root, 'editor', 'src'), { recursive: true });
    mkdirSync(join(root, 'editor', 'test'), { recursive: true });
    writeFileSync(join(root, 'editor', 'src', 'strings.ts'), STRINGS);
    writeFileSync(join(root, 'editor', 'src', 'numbers.ts'), NUMBERS);
    writeFileSync(join(root, 'editor', 'test', 'strings.test.ts'), STRINGS_TEST);
    api = (await extension().activate()) as TestingApi;
    server = await connectScriptedModel(responses, 'aio_editor_suite_key');
    await api.chat.newChat();
  });

  setup(() => {
    messages.length = 0;
    responses.length = 0;
    ui();
  });

  teardown(async () => {
    api.setEditorUi(undefined);
    await closeAll();
  });

  suiteTeardown(async () => {
    api?.setEditorUi(undefined);
    if (root) rmSync(join(root, 'editor'), { recursive: true, force: true });
    await disconnectScriptedModel(server);
  });

  test('explain: streams into the chat as a new turn with the selection as a chip; the request has path, language and numbered lines', async () => {
    const before = server!.requests.length;
    responses.push(sse(['`capitalize` upper-cases ', 'the first letter.']));
    await open('editor/src/strings.ts', [1, 0, 3, 1]);
    await vscode.commands.executeCommand('aioCoder.explainSelection');
    await api.chat.idle();
    const body = bodyOf(before);
    assert.equal(body.messages[0]?.role, 'system');
    assert.equal(body.response_format, undefined);
    const u = lastUser(body);
    assert.match(u, /File: editor\/src\/strings\.ts\nLanguage: typescript/);
    assert.match(u, /Code in focus: the selection \(lines 2–4/);
    assert.match(u, /2 \| {3}if \(word\.length === 0\) return word;\n3 \| {3}return word\[0\]!/);
    assert.match(u, /Explain the selection \(lines 2–4/);
    const turns = (await api.chat.current()).turns;
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
    const before = server!.requests.length;
    responses.push(sse(['It shouts.']));
    await vscode.commands.executeCommand('aioCoder.explainSelection');
    await api.chat.idle();
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
    const chip = api.chat.chips.list().find((c) => c.label === 'strings.ts:6-8');
    assert.ok(chip, `chips: ${JSON.stringify(api.chat.chips.list())}`);
    assert.equal(chip.kind, 'selection');
    assert.ok(chip.path.endsWith('editor/src/strings.ts'), chip.path);
    api.chat.chips.remove(chip.id);
    api.chat.chipsChanged();
  });

  test('refactor: JSON response_format, one corrective retry, diff, Apply as one undo step', async () => {
    const before = server!.requests.length;
    const replacement =
      'export function shout(text: string): string {\n  const loud = text.toUpperCase();\n  return `${loud}!`;\n}';
    responses.push(
      sse(['Sure! Here is the refactor: not json']),
      sse([JSON.stringify({ replacement, explanation: 'Named the upper-cased text.' })], 'random:5'),
    );
    let diff = '';
    let question = '';
    ui({
      pickOrType: async () => 'Improve readability',
      decide: async (q) => {
        question = q;
        diff = await proposedText();
        return 'Apply';
      },
    });
    const editor = await fresh('refactor1.ts', STRINGS, [5, 3, 7, 1]);
    const result = await vscode.commands.executeCommand('aioCoder.refactorSelection');
    assert.equal(result, 'applied');
    const [first, second] = [bodyOf(before), bodyOf(before + 1)];
    assert.deepEqual(first.response_format, { type: 'json_object' });
    assert.deepEqual(second.response_format, { type: 'json_object' });
    assert.equal(first.tools, undefined);
    assert.match(first.messages[0]?.content ?? '', /\{"replacement": string, "explanation": string\}/);
    assert.match(lastUser(first), /Refactor lines 6–8 .*: Improve readability/);
    assert.equal(second.messages.at(-2)?.role, 'assistant');
    assert.match(lastUser(second), /could not be used: the answer is not valid JSON/);
    const expected = STRINGS.replace(
      "export function shout(text: string): string {\n  return text.toUpperCase() + '!';\n}",
      replacement,
    );
    assert.equal(diff, expected, 'the diff shows the whole file with the replacement');
    assert.match(question, /Named the upper-cased text\./);
    assert.equal(editor.document.getText(), expected);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), STRINGS, 'one undo restores the original');
  });

  test('refactor: invalid JSON twice is a clear error; Apply after an edit is refused', async () => {
    responses.push(sse(['nope']), sse(['{"still": "wrong"}']));
    ui({ pickOrType: async () => 'Add types' });
    const editor = await fresh('refactor2.ts', STRINGS, [0, 0, 3, 1]);
    assert.equal(await vscode.commands.executeCommand('aioCoder.refactorSelection'), 'failed');
    assert.ok(
      messages.some(
        (m) =>
          m.level === 'error' &&
          /could not be used \(the JSON object has no string "replacement"\), even after asking again\. Nothing was changed/.test(
            m.text,
          ),
      ),
      JSON.stringify(messages),
    );
    assert.equal(editor.document.getText(), STRINGS);
    responses.push(
      sse([JSON.stringify({ replacement: 'export const capitalize = (w: string) => w;', explanation: 'x' })]),
    );
    ui({
      pickOrType: async () => 'Modernize',
      decide: async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, new vscode.Position(8, 0), '// user edit\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        return 'Apply';
      },
    });
    assert.equal(await vscode.commands.executeCommand('aioCoder.refactorSelection'), 'stale');
    assert.equal(editor.document.getText(), `${STRINGS}// user edit\n`, "only the user's edit is in the document");
  });

  test('generate tests, new file: mocha and editor/test/ detected, path proposed, streamed into an unsaved file, recorded in the chat', async () => {
    const before = server!.requests.length;
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
    const [q, a] = (await api.chat.current()).turns.slice(-2);
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
      (await api.chat.current()).turns.at(-1)?.text ?? '',
      /Appended to `editor\/test\/strings\.test\.ts`\./,
    );
  });

  test('generate code: streams at the cursor without fences, and one undo removes it all', async () => {
    const before = server!.requests.length;
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
    const before = server!.requests.length;
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
    await waitFor(() => server!.requests[before]?.clientClosedEarly, 'the request to be aborted');
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

  test('quick fix: "Fix with AIO Coder" on a diagnostic proposes a JSON replacement of the lines around it', async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('editor-suite');
    try {
      const editor = await fresh('fix.ts', STRINGS);
      const d = new vscode.Diagnostic(
        new vscode.Range(6, 9, 6, 20),
        'Prefer a template literal.',
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'style';
      diagnostics.set(editor.document.uri, [d]);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        new vscode.Range(6, 10, 6, 10),
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Fix with AIO Coder');
      assert.ok(fix?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
      const lines = STRINGS.split('\n');
      const replacement = [...lines.slice(3, 6), '  return `${text.toUpperCase()}!`;', '}', ''].join('\n');
      const before = server!.requests.length;
      responses.push(sse([`\`\`\`json\n${JSON.stringify({ replacement, explanation: 'Template literal.' })}\n\`\`\``]));
      ui({ decide: async () => 'Apply' });
      const result = await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.equal(result, 'applied');
      const body = bodyOf(before);
      assert.deepEqual(body.response_format, { type: 'json_object' });
      assert.match(lastUser(body), /File: editor\/src\/fix\.ts\n/);
      assert.match(
        lastUser(body),
        /Fix this warning at line 7, column 10 \[style\]: Prefer a template literal\.\nChange as little as needed\. The replacement replaces lines 4–9 entirely\./,
      );
      assert.equal(editor.document.getText(), [...lines.slice(0, 3), replacement].join('\n'));
    } finally {
      diagnostics.dispose();
    }
  });

  test('no API key: a message with "Set API Key", and nothing is sent', async () => {
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
    try {
      const before = server!.requests.length;
      await open('editor/src/strings.ts', [0, 0, 1, 0]);
      await vscode.commands.executeCommand('aioCoder.refactorSelection');
      await vscode.commands.executeCommand('aioCoder.explainSelection');
      const keyMessages = messages.filter((m) => /no API key is set/.test(m.text));
      assert.equal(keyMessages.length, 2);
      assert.deepEqual(keyMessages[0]?.actions, ['Set API Key']);
      assert.equal(server!.requests.length, before);
    } finally {
      await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_editor_suite_key');
    }
  });

  test('bad input: untitled file for tests, read-only document for refactor, no editor', async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;' });
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('aioCoder.generateTests');
    assert.ok(
      messages.some((m) => /save the file first/.test(m.text)),
      JSON.stringify(messages),
    );
    const provider = vscode.workspace.registerTextDocumentContentProvider('aio-readonly-test', {
      provideTextDocumentContent: () => 'const x = 1;\n',
    });
    try {
      const ro = await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument(vscode.Uri.parse('aio-readonly-test:/ro.ts')),
      );
      ro.selection = new vscode.Selection(0, 0, 0, 5);
      await vscode.commands.executeCommand('aioCoder.refactorSelection');
      assert.ok(
        messages.some((m) => /is read-only/.test(m.text)),
        JSON.stringify(messages),
      );
    } finally {
      provider.dispose();
    }
    await closeAll();
    await vscode.commands.executeCommand('aioCoder.explainSelection');
    assert.ok(
      messages.some((m) => /open a file and select the code to explain/.test(m.text)),
      JSON.stringify(messages),
    );
  });
});
