import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import { answerStream, toolCallStream } from '../../support/sse';
import { ask, bytesOf, cardStatus, chooseMode, retrying, ScriptedModel } from '../agentKit';
import { clickRole, extension, hasBridge, waitFor, waitForWebviewText, webviewEval } from '../util';

const A = 'export const a = 1;\nexport const twice = 0;\nexport const twice = 0;\n';
const B = 'export const b = 1;\n';
const FILES = ['agentsafe/a.ts', 'agentsafe/b.ts', 'agentsafe/c.ts', 'agentsafe/.env', 'agentsafe/.git/config'];

suite('Agent mode safety', function () {
  this.timeout(300_000);
  let model: ScriptedModel;
  let api: TestingApi;
  let root: string;
  let outside: string;
  const snapshot = (): string => JSON.stringify(FILES.map((f) => bytesOf(root, f)?.toString('latin1') ?? null));

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the integration workspace is not open');
    root = folder.uri.fsPath;
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'aio-agent-outside-')));
    writeFileSync(join(outside, 'victim.ts'), 'outside\n');
    mkdirSync(join(root, 'agentsafe/.git'), { recursive: true });
    writeFileSync(join(root, 'agentsafe/a.ts'), A);
    writeFileSync(join(root, 'agentsafe/b.ts'), B);
    writeFileSync(join(root, 'agentsafe/c.ts'), 'export const c = 1;\n');
    writeFileSync(join(root, 'agentsafe/.env'), 'TOKEN=1\n');
    writeFileSync(join(root, 'agentsafe/.git/config'), '[core]\n');
    symlinkSync(outside, join(root, 'agentsafe/out'));
    api = (await extension().activate()) as TestingApi;
    model = await ScriptedModel.start();
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('baseUrl', model.server.url, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_agent_safety_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    await waitForWebviewText(/Show thinking/, 'the chat view', 120_000);
    await chooseMode('agent');
  });

  suiteTeardown(async () => {
    await model?.server.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (root) rmSync(join(root, 'agentsafe'), { recursive: true, force: true });
    if (outside) rmSync(outside, { recursive: true, force: true });
    const c = vscode.workspace.getConfiguration('aioCoder');
    await c.update('agent.autoApproveEdits', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await c.update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
  });

  test('paths outside, sensitive files, bad blocks and a stale file come back as tool results; nothing changes', async () => {
    const before = snapshot();
    const edit = (id: string, path: string, search = 'a = 1', replace = 'a = 2') => ({
      id,
      name: 'edit_file',
      args: { path, edits: [{ search, replace }] },
    });
    const first = model.count;
    model.steps.push(
      {
        body: toolCallStream([
          edit('dotdot', '../victim.ts'),
          edit('absolute', join(outside, 'victim.ts')),
          edit('symlink', 'agentsafe/out/victim.ts', 'outside', 'inside'),
          { id: 'symlink_new', name: 'create_file', args: { path: 'agentsafe/out/new.ts', content: 'x' } },
          edit('env', 'agentsafe/.env', 'TOKEN=1', 'TOKEN=2'),
          edit('gitconfig', 'agentsafe/.git/config', '[core]', '[alias]'),
          edit('nomatch', 'agentsafe/a.ts', 'export const z = 1;'),
          edit('ambiguous', 'agentsafe/a.ts', 'export const twice = 0;'),
        ]),
      },
      { body: toolCallStream([{ id: 'read', name: 'read_file', args: { path: 'agentsafe/a.ts' } }]) },
      {
        // The user edits the file after the model read it.
        before: () => writeFileSync(join(root, 'agentsafe/a.ts'), `${A}// the user was here\n`),
        body: toolCallStream([edit('stale', 'agentsafe/a.ts')]),
      },
      { body: answerStream(['Nothing could be changed.']) },
    );
    await ask('Try every forbidden edit.');
    await waitForWebviewText(/Nothing could be changed\./, 'the answer', 60_000);
    await api.chat.idle();
    const r = new Map([...model.results(first + 1), ...model.results(first + 3)]);
    const expected: Record<string, RegExp> = {
      dotdot: /'\.\.' segment/,
      absolute: /outside the workspace folders/,
      symlink: /symbolic link .*leads outside the workspace/,
      symlink_new: /below a symbolic link that leads outside the workspace/,
      env: /sensitive file \(matched by aioCoder\.tools\.denyGlobs/,
      gitconfig: /inside \.git\/|sensitive file/,
      nomatch: /was not found in agentsafe\/a\.ts.*closest lines/s,
      ambiguous: /matches 2 places \(lines 2, 3\)/,
      stale: /agentsafe\/a\.ts changed after you read it .*Read it again with read_file/,
    };
    for (const [id, re] of Object.entries(expected)) {
      assert.match(r.get(id) ?? '', /^Error: /, id);
      assert.match(r.get(id) ?? '', re, id);
    }
    assert.equal(await webviewEval<number>("document.querySelectorAll('.file-card').length"), 0, 'no change card');
    assert.equal(readFileSync(join(outside, 'victim.ts'), 'utf8'), 'outside\n');
    assert.equal(bytesOf(outside, 'new.ts'), undefined);
    assert.equal(
      snapshot(),
      before.replace(JSON.stringify(A).slice(1, -1), JSON.stringify(`${A}// the user was here\n`).slice(1, -1)),
    );
    writeFileSync(join(root, 'agentsafe/a.ts'), A);
  });

  test('autoApproveEdits applies an edit at once into an unsaved buffer; a delete and a rename still ask; Stop leaves them undone', async () => {
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('agent.autoApproveEdits', true, vscode.ConfigurationTarget.Global);
    // code-server (VS Code for the Web) saves after a delay by default; the desktop default is off.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const doc = await vscode.workspace.openTextDocument(join(root, 'agentsafe/b.ts'));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    // The user types without saving.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// unsaved\n')));
    assert.equal(doc.isDirty, true);
    const dirtyText = doc.getText();
    model.steps.push({
      body: toolCallStream([
        {
          id: 'auto',
          name: 'edit_file',
          args: { path: 'agentsafe/b.ts', edits: [{ search: 'b = 1', replace: 'b = 2' }] },
        },
        { id: 'del', name: 'delete_file', args: { path: 'agentsafe/c.ts' } },
        { id: 'ren', name: 'rename_file', args: { path: 'agentsafe/a.ts', newPath: 'agentsafe/a2.ts' } },
      ]),
    });
    await ask('Bump b, delete c and rename a.');
    await waitFor(
      async () =>
        (await cardStatus('agentsafe/c.ts')) === 'pending' && (await cardStatus('agentsafe/a.ts')) === 'pending',
      'the delete and the rename waiting for review',
      60_000,
    );
    await waitFor(async () => (await cardStatus('agentsafe/b.ts')) === 'applied', 'the edit applied at once');
    assert.match(
      await webviewEval<string>('document.querySelector(\'.file-card[data-path="agentsafe/b.ts"]\').textContent'),
      /Applied automatically/,
    );
    assert.equal(doc.getText(), '// unsaved\nexport const b = 2;\n', 'the edit went into the buffer');
    assert.equal(doc.isDirty, true, 'and the buffer stays unsaved');
    assert.equal(bytesOf(root, 'agentsafe/b.ts')?.toString('utf8'), B, 'the disk is untouched');

    await retrying(() => clickRole('button', 'Stop'), 'Stop');
    await api.chat.idle();
    await waitFor(async () => (await cardStatus('agentsafe/c.ts')) === 'rejected', 'the delete rejected by Stop');
    await waitFor(async () => (await cardStatus('agentsafe/a.ts')) === 'rejected', 'the rename rejected by Stop');
    assert.ok(bytesOf(root, 'agentsafe/c.ts'), 'c.ts still exists');
    assert.equal(bytesOf(root, 'agentsafe/a.ts')?.toString('utf8'), A, 'a.ts is not renamed');
    assert.equal(bytesOf(root, 'agentsafe/a2.ts'), undefined);
    assert.equal((await api.chat.current()).turns.at(-1)?.status, 'stopped');

    await retrying(() => clickRole('button', 'Undo this turn'), 'Undo this turn');
    await waitFor(() => doc.getText() === dirtyText, 'the buffer back to what the user had typed');
    assert.equal(doc.isDirty, true);
    assert.equal(bytesOf(root, 'agentsafe/b.ts')?.toString('utf8'), B);
  });

  test('deleting the chat prunes its checkpoints', async () => {
    model.steps.push(
      { body: toolCallStream([{ name: 'create_file', args: { path: 'agentsafe/d.ts', content: 'export {};\n' } }]) },
      { body: answerStream(['Added d.ts.']) },
    );
    await ask('Add d.ts.');
    await waitForWebviewText(/Added d\.ts\./, 'the answer', 60_000);
    await api.chat.idle();
    const chat = await api.chat.current();
    const dir = join(api.storageDir, 'checkpoints');
    const mine = (): string[] => readdirSync(dir).filter((n) => n.startsWith(`${chat.id}.`));
    assert.equal(mine().length, 1, 'the applied create left a checkpoint');
    await api.chat.handle({ type: 'deleteChat', chatId: chat.id });
    assert.deepEqual(mine(), []);
  });
});
