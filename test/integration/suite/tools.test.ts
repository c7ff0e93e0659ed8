import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ROUND_CAP_NOTE } from '../../../src/common/chat/turnRunner';
import { DEFAULTS } from '../../../src/host/config';
import type { TestingApi } from '../../../src/host/testingApi';
import { findRipgrep } from '../../../src/host/tools/findRipgrep';
import { VscodeWorkspaceFs } from '../../../src/host/tools/vscodeWorkspaceFs';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { answerStream, sseResponse, toolCallStream } from '../../support/sse';
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
} from '../util';

interface WireMessage {
  role: string;
  content?: string;
  tool_call_id?: string;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string }; extra_content?: unknown }>;
}
interface WireBody {
  messages: WireMessage[];
  tools?: Array<{ function: { name: string } }>;
}

suite('Workspace tools', function () {
  let server: FakeServer | undefined;
  let api: TestingApi;
  let root: string;
  const responses: ResponseSpec[] = [];
  const sse = sseResponse;
  const bodyOf = (n: number): WireBody => server?.requests[n]?.json as WireBody;

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the integration workspace is not open');
    root = folder.uri.fsPath;
    writeFileSync(join(root, '.env'), 'AIO_TOOLS_SECRET=hunter2\n');
    writeFileSync(join(root, 'src', 'todo.ts'), '// TODO: tools suite marker\nexport const marker = true;\n');
    writeFileSync(join(root, '.gitignore'), 'generated/\n');
    for (const dir of ['generated', 'node_modules/pkg']) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'hidden.ts'), '// tools suite marker in an ignored place\n');
    }
    api = (await extension().activate()) as TestingApi;
    server = await connectScriptedModel(responses, 'aio_tools_suite_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    await waitForWebviewText(/Ask|AIO Coder/i, 'the chat view');
  });

  suiteTeardown(async () => {
    if (root) {
      rmSync(join(root, '.env'), { force: true });
      for (const p of ['src/todo.ts', '.gitignore', 'generated', 'node_modules'])
        rmSync(join(root, p), { force: true, recursive: true });
    }
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('tools.maxRounds', undefined, vscode.ConfigurationTarget.Global);
    await disconnectScriptedModel(server);
  });

  async function ask(text: string): Promise<void> {
    await fillLabel('Ask AIO Coder', text);
    await pressLabel('Ask AIO Coder', 'Enter');
  }

  test('aioCoder.tools.denyGlobs defaults to the sensitive-file list in the manifest and config', () => {
    assert.deepEqual(
      vscode.workspace.getConfiguration('aioCoder').inspect('tools.denyGlobs')?.defaultValue,
      DEFAULTS.toolsDenyGlobs,
    );
    assert.ok(DEFAULTS.toolsDenyGlobs.includes('**/.env*') && DEFAULTS.toolsDenyGlobs.includes('**/.git/**'));
  });

  const marker = {
    pattern: 'tools suite marker',
    isRegex: false,
    caseSensitive: false,
    maxResults: 10,
    denyGlobs: ['**/.env*'],
  };

  test('VS Code ships a ripgrep the tools find; search and find honour .gitignore and search.exclude', async () => {
    const rg = findRipgrep(vscode.env.appRoot);
    assert.ok(rg, `no ripgrep under ${vscode.env.appRoot}`);
    const fs = new VscodeWorkspaceFs(rg);
    const r = await fs.searchText(marker, new AbortController().signal);
    assert.equal(r.engine, 'ripgrep');
    assert.deepEqual(
      r.matches.map((m) => `${m.relPath}:${m.line}`),
      ['src/todo.ts:1'],
    );
    const files = await fs.findFiles('**/*.ts', { max: 50 }, new AbortController().signal);
    assert.deepEqual(files.files.map((f) => f.relPath).sort(), ['src/math.ts', 'src/todo.ts']);
  });

  test('without ripgrep, VS Code file search plus .gitignore and the JavaScript search give the same results', async () => {
    const fs = new VscodeWorkspaceFs(undefined);
    const r = await fs.searchText(marker, new AbortController().signal);
    assert.equal(r.engine, 'javascript');
    assert.deepEqual(
      r.matches.map((m) => `${m.relPath}:${m.line}`),
      ['src/todo.ts:1'],
    );
    const files = await fs.findFiles('*.ts', { max: 50 }, new AbortController().signal);
    assert.deepEqual(files.files.map((f) => f.relPath).sort(), ['src/math.ts', 'src/todo.ts']);
  });

  test('read_file and search_text run, their results and the thought signature go back, the answer shows', async () => {
    const before = server?.requests.length ?? 0;
    responses.push(
      sse(
        toolCallStream([
          { name: 'read_file', args: { path: 'src/math.ts' }, signature: 'c2lnLXRvb2xzLTE=' },
          { name: 'search_text', args: { query: 'TODO' } },
        ]),
      ),
    );
    responses.push(sse(answerStream(['math.ts has add and divide; one TODO marker.'])));
    await ask('What does math.ts export, and are there TODOs?');
    await waitForWebviewText(/math\.ts has add and divide; one TODO marker\./, 'the final answer');
    await waitForWebviewText(/Read src\/math\.ts, lines 1-8/, 'the read_file line');
    await waitForWebviewText(/Searched 'TODO': 1 result/, 'the search_text line');
    const second = bodyOf(before + 1);
    assert.deepEqual(
      bodyOf(before).tools?.map((t) => t.function.name),
      ['read_file', 'list_directory', 'find_files', 'search_text', 'get_diagnostics', 'get_active_editor'],
    );
    const assistant = second.messages.find((m) => m.tool_calls);
    const calls = assistant?.tool_calls ?? [];
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[0]?.extra_content, { google: { thought_signature: 'c2lnLXRvb2xzLTE=' } });
    const results = second.messages.filter((m) => m.role === 'tool');
    assert.deepEqual(
      results.map((m) => m.tool_call_id),
      calls.map((c) => c.id),
    );
    assert.ok(
      calls.every((c) => c.id.length > 0),
      'index-less calls without ids get synthesized ids',
    );
    assert.match(results[0]?.content ?? '', /^File: src\/math\.ts \(lines 1-8 of 8\)\nexport function add/);
    assert.match(results[1]?.content ?? '', /src\/todo\.ts:1: \/\/ TODO: tools suite marker/);
    await screenshot('tools-read-and-search');
  });

  test('a sensitive file asks Allow once / Deny; Deny keeps its content from the model', async () => {
    const before = server?.requests.length ?? 0;
    responses.push(sse(toolCallStream([{ id: 'call_env', name: 'read_file', args: { path: '.env' } }])));
    responses.push(sse(answerStream(['I could not read .env.'])));
    await ask('What is in .env?');
    await waitFor(async () => (await countRole('button', 'Allow once')) >= 1, 'the approval prompt');
    await screenshot('tools-approval-prompt');
    await clickRole('button', 'Deny');
    await waitForWebviewText(/I could not read \.env\./, 'the answer after Deny');
    const result = bodyOf(before + 1).messages.find((m) => m.role === 'tool');
    assert.equal(result?.tool_call_id, 'call_env');
    assert.match(result?.content ?? '', /^Error: the user denied access to \.env/);
    assert.ok(!JSON.stringify(server?.requests.slice(before).map((r) => r.body)).includes('hunter2'));
  });

  test('Allow once lets the model read a sensitive file', async () => {
    const before = server?.requests.length ?? 0;
    responses.push(sse(toolCallStream([{ id: 'call_env2', name: 'read_file', args: { path: '.env' } }])));
    responses.push(sse(answerStream(['The .env file sets one variable.'])));
    await ask('Read .env, I allow it.');
    await waitFor(async () => (await countRole('button', 'Allow once')) >= 1, 'the approval prompt');
    await clickRole('button', 'Allow once');
    await waitForWebviewText(/The \.env file sets one variable\./, 'the answer after Allow once');
    const result = bodyOf(before + 1).messages.find((m) => m.role === 'tool' && m.tool_call_id === 'call_env2');
    assert.match(result?.content ?? '', /AIO_TOOLS_SECRET=hunter2/);
  });

  test('the round cap ends a model that keeps calling tools', async () => {
    await vscode.workspace.getConfiguration('aioCoder').update('tools.maxRounds', 2, vscode.ConfigurationTarget.Global);
    const before = server?.requests.length ?? 0;
    responses.push(sse(toolCallStream([{ name: 'list_directory', args: { path: '.' } }])));
    responses.push(sse(toolCallStream([{ name: 'list_directory', args: { path: 'src' } }])));
    responses.push(sse(answerStream(['Stopping here with what I have.'])));
    await ask('Keep exploring forever.');
    await waitForWebviewText(/Stopping here with what I have\./, 'the capped answer');
    await api.chat.idle();
    assert.equal((server?.requests.length ?? 0) - before, 3);
    const last = bodyOf(before + 2);
    assert.equal(last.tools, undefined, 'the last request offers no tools');
    assert.equal(last.messages.at(-1)?.content, ROUND_CAP_NOTE);
    await waitForWebviewText(/Listed src\/ \(depth 1\)/, 'the second listing line');
  });
});
