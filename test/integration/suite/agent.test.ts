import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import { answerStream, toolCallStream } from '../../support/sse';
import { ask, bytesOf, cardStatus, chooseMode, clickCard, retrying, ScriptedModel, typeReason } from '../agentKit';
import { clickRole, countRole, extension, hasBridge, screenshot, waitFor, waitForWebviewText } from '../util';

// A BOM and CRLF line breaks: the undo must give these bytes back exactly.
const GREET = '\uFEFFexport function greet(name: string): string {\r\n  return `Hello, ${name}`;\r\n}\r\n';
const CONFIG = 'export const config = {\n  retries: 2,\n  verbose: false,\n};\n';
const READ_TOOLS = ['read_file', 'list_directory', 'find_files', 'search_text', 'get_diagnostics', 'get_active_editor'];
const EDIT_TOOLS = ['edit_file', 'create_file', 'delete_file', 'rename_file'];

suite('Agent mode', function () {
  // Whole agent turns with reviews in a real workbench: slow on a loaded machine.
  this.timeout(300_000);
  let model: ScriptedModel;
  let api: TestingApi;
  let root: string;
  const original = new Map<string, Buffer | undefined>();

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the integration workspace is not open');
    root = folder.uri.fsPath;
    mkdirSync(join(root, 'agentdemo'), { recursive: true });
    writeFileSync(join(root, 'agentdemo/greet.ts'), GREET);
    writeFileSync(join(root, 'agentdemo/config.ts'), CONFIG);
    for (const f of ['agentdemo/greet.ts', 'agentdemo/config.ts', 'agentdemo/util.ts'])
      original.set(f, bytesOf(root, f));
    api = (await extension().activate()) as TestingApi;
    model = await ScriptedModel.start();
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('baseUrl', model.server.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_agent_suite_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    // The first webview load of a run can be slow on a loaded machine.
    await waitForWebviewText(/Show thinking/, 'the chat view', 120_000);
  });

  suiteTeardown(async () => {
    await model?.server.close();
    // An unsaved agentdemo buffer left open would be saved back to disk by a later suite: revert it first.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.fsPath.includes('agentdemo'))) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (root) rmSync(join(root, 'agentdemo'), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('aioCoder').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
  });

  /** Waits until the last answer is marked undone: every file of the undo has been written. */
  const undoFinished = (): Promise<unknown> =>
    waitFor(async () => (await api.chat.current()).turns.at(-1)?.undone === true, 'the undo to finish');

  function assertRestored(): void {
    for (const [f, bytes] of original) assert.deepEqual(bytesOf(root, f), bytes, `${f} is back byte for byte`);
  }

  test('reads, proposes two edits and a create; accept one, reject one, accept the create; Undo this turn restores all', async () => {
    const greetDoc = await vscode.workspace.openTextDocument(join(root, 'agentdemo/greet.ts'));
    await vscode.window.showTextDocument(greetDoc, { preview: false });
    await chooseMode('agent');
    const first = model.count;
    model.steps.push(
      { body: toolCallStream([{ id: 'c_read', name: 'read_file', args: { path: 'agentdemo/greet.ts' } }]) },
      {
        body: toolCallStream([
          {
            id: 'c_greet',
            name: 'edit_file',
            args: {
              path: 'agentdemo/greet.ts',
              edits: [{ search: 'return `Hello, ${name}`;', replace: 'return `Hello, ${name}!`;' }],
            },
          },
          {
            id: 'c_config',
            name: 'edit_file',
            args: { path: 'agentdemo/config.ts', edits: [{ search: '  retries: 2,', replace: '  retries: 5,' }] },
          },
          {
            id: 'c_util',
            name: 'create_file',
            args: {
              path: 'agentdemo/util.ts',
              content: 'export const shout = (s: string): string => s.toUpperCase();\n',
            },
          },
        ]),
      },
      { body: answerStream(['Updated the greeting and added util.ts; config.ts is unchanged.']) },
    );
    await ask('Make the greeting excited, raise retries, add a shout helper.');
    await waitFor(async () => (await cardStatus('agentdemo/util.ts')) === 'pending', 'three cards waiting', 60_000);
    assert.equal(await countRole('group', 'Edit agentdemo/greet.ts'), 1);
    assert.equal(await countRole('group', 'New file agentdemo/util.ts'), 1);
    assert.deepEqual(
      bytesOf(root, 'agentdemo/greet.ts'),
      original.get('agentdemo/greet.ts'),
      'nothing written before review',
    );

    await clickCard('agentdemo/greet.ts', 'review');
    await waitFor(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
      'the diff editor',
    );
    await waitForWebviewText(/Accept all/, 'Accept all');
    await screenshot('agent-review');

    await clickCard('agentdemo/greet.ts', 'accept');
    await typeReason('agentdemo/config.ts', 'retries stay at 2');
    await clickCard('agentdemo/config.ts', 'reject');
    await clickCard('agentdemo/util.ts', 'accept');
    await waitForWebviewText(/Updated the greeting and added util\.ts/, 'the final answer');
    await api.chat.idle();

    assert.deepEqual(
      model.body(first).tools?.map((t) => t.function.name),
      [...READ_TOOLS, ...EDIT_TOOLS],
    );
    const results = model.results(first + 2);
    assert.match(results.get('c_greet') ?? '', /^Edited agentdemo\/greet\.ts \(\+1 −1 lines\), accepted by the user\./);
    assert.match(results.get('c_config') ?? '', /^Rejected by the user: .* The user's reason: "retries stay at 2"\./);
    assert.match(results.get('c_util') ?? '', /^Created agentdemo\/util\.ts \(\+1 −0 lines\)/);

    const expected = GREET.replace('${name}`;', '${name}!`;');
    assert.equal(bytesOf(root, 'agentdemo/greet.ts')?.toString('utf8'), expected, 'BOM and CRLF kept');
    assert.equal(bytesOf(root, 'agentdemo/config.ts')?.toString('utf8'), CONFIG);
    assert.match(bytesOf(root, 'agentdemo/util.ts')?.toString('utf8') ?? '', /shout/);
    assert.equal(greetDoc.getText(), expected.replace('\uFEFF', ''), 'the open editor shows the edit');
    assert.equal(greetDoc.isDirty, false, 'and it is saved');
    const summary = await waitForWebviewText(/Changed files[\s\S]*Undo this turn/, 'the changed-files summary');
    assert.match(summary, /Changed files\s+agentdemo\/greet\.ts \+1 −1 edited\s+agentdemo\/util\.ts \+1 −0 created/);
    await retrying(() => clickRole('button', 'agentdemo/util.ts'), 'the changed file in the summary');
    await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.fsPath === join(root, 'agentdemo/util.ts'),
      'util.ts opened from the summary',
    );
    const turn = (await api.chat.current()).turns.at(-1);
    assert.equal(turn?.mode, 'agent');
    assert.deepEqual(
      turn?.edits?.map((e) => e.status),
      ['applied', 'rejected', 'applied'],
    );
    const checkpoints = readdirSync(join(api.storageDir, 'checkpoints'));
    assert.ok(
      checkpoints.some((n) => n.endsWith(`.${turn?.id}.json`)),
      'the checkpoint is in extension storage',
    );

    await retrying(() => clickRole('button', 'Undo this turn'), 'Undo this turn');
    await waitFor(() => bytesOf(root, 'agentdemo/util.ts') === undefined, 'the created file removed');
    await waitForWebviewText(/Every change of this answer was undone/, 'the undo note');
    assertRestored();
    await waitFor(() => greetDoc.getText() === GREET.replace('\uFEFF', ''), 'the open editor restored');
    assert.equal((await api.chat.current()).turns.at(-1)?.undone, true);
  });

  test('Undo this turn still restores the files after the window state is rebuilt from storage', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    model.steps.push(
      {
        body: toolCallStream([
          {
            id: 'r_edit',
            name: 'edit_file',
            args: { path: 'agentdemo/config.ts', edits: [{ search: 'verbose: false', replace: 'verbose: true' }] },
          },
          { id: 'r_new', name: 'create_file', args: { path: 'agentdemo/util.ts', content: 'export {};\n' } },
        ]),
      },
      { body: answerStream(['Verbose on, util.ts added.']) },
    );
    await ask('Turn verbose on and add util.ts.');
    await waitFor(async () => (await cardStatus('agentdemo/util.ts')) === 'pending', 'two cards waiting', 60_000);
    await retrying(() => clickRole('button', 'Accept all'), 'Accept all');
    await waitForWebviewText(/Verbose on, util\.ts added\./, 'the answer');
    await api.chat.idle();
    assert.match(bytesOf(root, 'agentdemo/config.ts')?.toString('utf8') ?? '', /verbose: true/);

    // A real workbench.action.reloadWindow would end this test run with the extension host, so the
    // extension's in-memory state is dropped instead: chat, ledgers and reviews come back from storage.
    await api.chat.restartFromStorage();
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await waitForWebviewText(/Verbose on, util\.ts added\.[\s\S]*Undo this turn/, 'the restored answer with its undo');
    await retrying(() => clickRole('button', 'Undo this turn'), 'Undo this turn');
    await waitFor(() => bytesOf(root, 'agentdemo/util.ts') === undefined, 'the created file removed after the reload');
    await undoFinished();
    assertRestored();
  });

  test('Undo this turn names a file the user changed since and keeps it; Undo anyway restores it', async () => {
    model.steps.push(
      {
        body: toolCallStream([
          {
            id: 'k_edit',
            name: 'edit_file',
            args: { path: 'agentdemo/config.ts', edits: [{ search: 'retries: 2', replace: 'retries: 3' }] },
          },
        ]),
      },
      { body: answerStream(['Retries raised to 3.']) },
    );
    await ask('Raise retries to 3.');
    await waitFor(async () => (await cardStatus('agentdemo/config.ts')) === 'pending', 'the card', 60_000);
    await clickCard('agentdemo/config.ts', 'accept');
    await waitForWebviewText(/Retries raised to 3\./, 'the answer');
    await api.chat.idle();
    // The user then edits the file and saves it.
    const doc = await vscode.workspace.openTextDocument(join(root, 'agentdemo/config.ts'));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    assert.ok(await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), '// mine\n')));
    assert.ok(await doc.save());
    const mine = CONFIG.replace('retries: 2', 'retries: 3') + '// mine\n';
    assert.equal(bytesOf(root, 'agentdemo/config.ts')?.toString('utf8'), mine);

    await retrying(() => clickRole('button', 'Undo this turn'), 'Undo this turn');
    await waitForWebviewText(/Changed since this answer: agentdemo\/config\.ts\./, 'the conflict named');
    assert.equal(bytesOf(root, 'agentdemo/config.ts')?.toString('utf8'), mine, "the user's change is kept");
    await retrying(() => clickRole('button', 'Undo anyway'), 'Undo anyway');
    await waitFor(() => bytesOf(root, 'agentdemo/config.ts')?.toString('utf8') === CONFIG, 'config.ts restored');
    // The undo may still check the bytes and write them once more: the suite must not remove the folder first.
    await undoFinished();
    assertRestored();
    assert.equal(doc.getText(), CONFIG, 'the open editor shows it');
  });
});
