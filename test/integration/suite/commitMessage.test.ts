// Generate Commit Message against a real git repository made here, through VS Code's git extension.
// The harness starts VS Code with git.enabled off (scripts/lib/codeServer.mjs): this suite turns it on
// for itself (the git extension then creates its model) and off again at the end, so the other suites
// run as before.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommitOutcome } from '../../../src/host/scm/generateCommitMessage';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { extension, waitFor } from '../util';

interface TestRepository {
  rootUri: vscode.Uri;
  inputBox: { value: string };
}
interface TestGitApi {
  openRepository(root: vscode.Uri): Promise<TestRepository | null>;
  readonly repositories: readonly TestRepository[];
  getRepository(uri: vscode.Uri): TestRepository | null;
}
interface TestGitExtension {
  enabled: boolean;
  getAPI(version: 1): TestGitApi;
}

suite('Generate Commit Message', function () {
  let server: FakeServer | undefined;
  let dir = '';
  let repo: TestRepository;
  let gitApi: TestGitApi | undefined;
  const responses: ResponseSpec[] = [];
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  const userMessage = (n: number): string =>
    (server?.requests[n]?.json as { messages: Array<{ role: string; content: string }> }).messages.at(-1)?.content ??
    '';
  const generate = (): Thenable<CommitOutcome> =>
    vscode.commands.executeCommand<CommitOutcome>('aioCoder.generateCommitMessage', repo.rootUri);

  suiteSetup(async () => {
    execFileSync('git', ['--version']);
    await extension().activate();
    server = await connectScriptedModel(responses, 'aio_commit_suite_key');
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'aio-commit-')));
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README.md'), '# Demo\n');
    git('add', 'README.md');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'chore: start');
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<TestGitExtension>('vscode.git');
    assert.ok(ext, "VS Code's git extension is installed");
    const exports = ext.isActive ? ext.exports : await ext.activate();
    await waitFor(() => exports.enabled, 'the git extension to start once git.enabled is on');
    gitApi = exports.getAPI(1);
    const opened = await gitApi.openRepository(vscode.Uri.file(dir));
    assert.ok(opened, 'the test repository opens');
    repo = opened;
  });

  suiteTeardown(async () => {
    await disconnectScriptedModel(server);
    await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Global);
    // The git extension closes the repository once git is off; its folder can go only after that.
    if (gitApi) await waitFor(() => gitApi?.repositories.length === 0, 'the test repository to close');
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('contextWindowTokens', undefined, vscode.ConfigurationTarget.Global);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the staged diff becomes a Conventional Commits message in the commit box', async () => {
    writeFileSync(join(dir, 'math.ts'), 'export const add = (a: number, b: number) => a + b;\n');
    writeFileSync(join(dir, 'README.md'), '# Demo\n\nAdds numbers.\n');
    git('add', 'math.ts');
    const before = server!.requests.length;
    const message = 'feat(math): add an add function\n\nNumbers can now be added.';
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['```\n', message, '\n```']) });
    const out = await generate();
    assert.equal(out.status, 'written');
    assert.equal(repo.inputBox.value, message, 'the fences are gone');
    assert.equal(out.message, message);
    assert.deepEqual(out.omitted, []);
    assert.equal(server!.requests.length - before, 1, 'one request');
    const sent = userMessage(before);
    assert.match(sent, /^The staged changes \(git diff --cached\)/);
    assert.match(sent, /\+export const add = \(a: number, b: number\) => a \+ b;/);
    assert.ok(!sent.includes('Adds numbers.'), 'the unstaged change is not part of the staged diff');
    const system = (server!.requests[before]?.json as { messages: Array<{ content: string }> }).messages[0]?.content;
    assert.match(system ?? '', /Conventional Commits/);
  });

  test('with nothing staged the working tree is described, and the draft in the box is used', async () => {
    git('reset', '-q');
    repo.inputBox.value = 'readme tweak';
    const before = server!.requests.length;
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['docs: describe what the demo does']) });
    const out = await generate();
    assert.equal(out.status, 'written');
    assert.equal(repo.inputBox.value, 'docs: describe what the demo does');
    const sent = userMessage(before);
    assert.match(sent, /^Nothing is staged, so the commit will take the working-tree changes/);
    assert.match(sent, /\+Adds numbers\./);
    assert.match(sent, /New files not yet tracked by git \(contents not shown\):\n- math\.ts/);
    assert.match(sent, /draft message, to improve on:\nreadme tweak/);
  });

  test('a diff too large for the context window names what was left out', async () => {
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('contextWindowTokens', 4000, vscode.ConfigurationTarget.Global);
    const big = Array.from({ length: 3000 }, (_, i) => `  "dependency-${i}": "1.0.${i}",`).join('\n');
    writeFileSync(join(dir, 'lock.json'), `{\n${big}\n}\n`);
    git('add', 'lock.json', 'math.ts');
    const before = server!.requests.length;
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['build: add a lock file and math']) });
    const out = await generate();
    assert.equal(out.status, 'written');
    assert.deepEqual(out.omitted, ['the diff of lock.json (+3002 −0)']);
    const sent = userMessage(before);
    assert.match(sent, /- lock\.json \(\+3002 −0\)/, 'the file is still named');
    assert.ok(!sent.includes('dependency-2999'), 'its diff is not sent');
    assert.match(sent, /\+export const add/, 'the small file still is');
    assert.match(sent, /Left out to fit the context window: the diff of lock\.json/);
    assert.ok(
      (server!.requests[before]?.body.length ?? 0) < 4000 * 3.5,
      'the request fits the configured context window',
    );
  });

  test('a failed request puts the commit box back as it was', async () => {
    repo.inputBox.value = 'my own words';
    responses.push({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error":{"message":"no"}}',
    });
    const out = await generate();
    assert.equal(out.status, 'failed');
    await waitFor(() => repo.inputBox.value === 'my own words', 'the original message');
  });
});
