// The @ picker end to end: typed in the real chat view, answered by the extension from the real
// workspace (file index, the TypeScript language server's symbols, VS Code's problems, a git
// repository made here through the git extension), and the request the fake server receives.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { pickMention, sendMessage } from '../chatInput';
import { openTestRepository, type GitFixture } from '../gitRepo';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import {
  clickRole,
  countRole,
  extension,
  hasBridge,
  screenshot,
  waitFor,
  waitForWebviewText,
  webviewEval,
} from '../util';

suite('@ mentions', function () {
  let server: FakeServer | undefined;
  let repo: GitFixture | undefined;
  let root: vscode.Uri;
  const responses: ResponseSpec[] = [];
  const problems = vscode.languages.createDiagnosticCollection('aio-mentions-test');
  let symbols: vscode.Disposable | undefined;
  const git = (...args: string[]): string => repo!.git(...args);
  const chipCount = (): Promise<number> => webviewEval<number>('document.querySelectorAll(".chips .chip").length');

  const pick = pickMention;
  const send = (text: string): Promise<string> => sendMessage(server!, responses, text);

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    await extension().activate();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    server = await connectScriptedModel(responses, 'aio_mentions_suite_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    await waitForWebviewText(/Ask|AIO Coder/i, 'the chat view');
    // A real repository outside the workspace, opened through the git extension (git is off elsewhere).
    repo = await openTestRepository('aio-mentions-', 'notes.md', '# Notes\n');
  });

  suiteTeardown(async () => {
    problems.dispose();
    symbols?.dispose();
    await disconnectScriptedModel(server);
    await repo?.close();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, '.env')).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a file, a symbol, problems and git changes reach the request with their paths and ranges', async function () {
    this.timeout(120_000); // four picks and an answer on a loaded machine
    const math = vscode.Uri.joinPath(root, 'src', 'math.ts');
    await vscode.window.showTextDocument(math, { preview: false });
    problems.set(math, [
      Object.assign(new vscode.Diagnostic(new vscode.Range(5, 2, 5, 8), 'Test problem in divide'), {
        source: 'aio-test',
      }),
    ]);
    writeFileSync(join(repo!.dir, 'notes.md'), '# Notes\n\nStaged line.\n');
    git('add', 'notes.md');
    writeFileSync(join(repo!.dir, 'todo.txt'), 'untracked\n');
    // Symbols come through vscode.executeWorkspaceSymbolProvider, which asks every provider. The
    // TypeScript server did not answer within minutes on the loaded 2-core test machine, so the test
    // registers its own provider: VS Code's aggregation and the extension's code are the real ones.
    symbols = vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols: (query) =>
        'divide'.startsWith(query.toLowerCase().slice(0, 3))
          ? [
              new vscode.SymbolInformation(
                'divide',
                vscode.SymbolKind.Function,
                '',
                new vscode.Location(math, new vscode.Range(4, 0, 7, 1)),
              ),
            ]
          : [],
    });
    await pick('math', 'File src/math.ts');
    await pick('divide', 'Symbol divide, Function in src/math.ts:5');
    await pick('workspace', 'Problems Problems in the workspace, Errors and warnings of every file');
    await pick('git', 'Git changes Git changes, Staged and working-tree diff');
    await waitFor(async () => (await chipCount()) === 4, 'four chips');
    const text = await waitForWebviewText(/divide \(math\.ts:5-8\)/, 'the symbol chip with its range');
    assert.match(text, /tokens/, 'chips show their size in tokens');
    await screenshot('mentions-chips');

    const sent = await send('Explain these');
    assert.match(sent, /Context: src\/math\.ts\n```typescript\nexport function add/, 'the whole file');
    assert.match(
      sent,
      /Context: src\/math\.ts \(lines 5-8\)\n```typescript\nexport function divide\(a: number, b: number\): number \{\n[^`]*\n\}\n```/,
      "the symbol's range",
    );
    assert.match(
      sent,
      /Context: Problems in the workspace\n```text\n(?:(?!\n```\n)[\s\S])*src\/math\.ts:6:3 error aio-test: Test problem in divide/,
      'the problems block (other diagnostics in it may quote `code`)',
    );
    assert.match(sent, /Context: Git changes\n```diff\n# Staged changes[^`]*\+Staged line\./);
    assert.match(sent, /# Untracked files[^`]*todo\.txt/);
    assert.match(sent, /Explain these$/);
    assert.equal(await chipCount(), 0, 'the chips went with the message');
  });

  test("a symbol listed by its name's range alone is widened to its document symbol's whole range", async () => {
    // Many language servers list a workspace symbol by its name only; the chip must still hold the whole
    // declaration. A file type no other extension knows keeps the providers to the test's own.
    const file = vscode.Uri.joinPath(root, 'shapes.aiosym');
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode('shape circle\n  radius 2\n  colour red\nend\n'),
    );
    const name = new vscode.Range(0, 6, 0, 12);
    const providers = [
      vscode.languages.registerWorkspaceSymbolProvider({
        provideWorkspaceSymbols: (query) =>
          'circle'.startsWith(query.toLowerCase().slice(0, 3))
            ? [new vscode.SymbolInformation('circle', vscode.SymbolKind.Class, '', new vscode.Location(file, name))]
            : [],
      }),
      vscode.languages.registerDocumentSymbolProvider(
        { pattern: '**/*.aiosym' },
        {
          provideDocumentSymbols: () => [
            new vscode.DocumentSymbol('circle', '', vscode.SymbolKind.Class, new vscode.Range(0, 0, 3, 3), name),
          ],
        },
      ),
    ];
    try {
      await pick('circle', 'Symbol circle, Class in shapes.aiosym:1');
      await waitForWebviewText(/circle \(shapes\.aiosym:1-4\)/, 'the widened symbol chip');
      const sent = await send('What is this shape?');
      assert.match(
        sent,
        /Context: shapes\.aiosym \(lines 1-4\)\n```[^\n]*\nshape circle\n {2}radius 2\n {2}colour red\nend\n```/,
      );
    } finally {
      for (const p of providers) p.dispose();
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });

  test('a sensitive file asks Allow once first; denied, it never reaches the server', async () => {
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(root, '.env'),
      new TextEncoder().encode('TOKEN=do-not-send-4711\n'),
    );
    await pick('.env', 'File .env');
    await waitFor(async () => (await countRole('group', 'Sensitive file')) > 0, 'the Allow once question');
    await clickRole('button', 'Deny');
    await waitFor(async () => (await countRole('group', 'Sensitive file')) === 0, 'the question to go');
    assert.equal(await chipCount(), 0, 'no chip for a denied file');
    const before = server!.requests.length;
    await send('Anything secret?');
    for (const r of server!.requests.slice(before)) assert.ok(!r.body.includes('do-not-send-4711'));

    await pick('.env', 'File .env');
    await waitFor(async () => (await countRole('group', 'Sensitive file')) > 0, 'the Allow once question again');
    await clickRole('button', 'Allow once');
    await waitFor(async () => (await chipCount()) === 1, 'the allowed file as a chip');
    assert.match(await send('Now with it'), /Context: \.env\n[^]*TOKEN=do-not-send-4711/);
  });
});
