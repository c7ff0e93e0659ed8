// Generate Commit Message against a real git repository made here, through VS Code's git extension.
// The harness starts VS Code with git.enabled off (scripts/lib/codeServer.mjs): this suite turns it on
// for itself (the git extension then creates its model) and off again at the end, so the other suites
// run as before.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommitOutcome } from '../../../src/host/scm/generateCommitMessage';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../../support/sse';
import { lastUserMessage } from '../chatInput';
import { openTestRepository, type GitFixture } from '../gitRepo';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { extension, waitFor } from '../util';

suite('Generate Commit Message', function () {
  let server: FakeServer | undefined;
  let repo: GitFixture | undefined;
  const responses: ResponseSpec[] = [];
  const git = (...args: string[]): string => repo!.git(...args);
  const file = (name: string): string => join(repo!.dir, name);
  const userMessage = (n: number): string => lastUserMessage(server!, n);
  const generate = (): Thenable<CommitOutcome> =>
    vscode.commands.executeCommand<CommitOutcome>('aioCoder.generateCommitMessage', repo!.repo.rootUri);

  suiteSetup(async () => {
    await extension().activate();
    server = await connectScriptedModel(responses, 'aio_commit_suite_key');
    repo = await openTestRepository('aio-commit-', 'README.md', '# Demo\n');
  });

  suiteTeardown(async () => {
    await disconnectScriptedModel(server);
    await repo?.close();
    await vscode.workspace
      .getConfiguration('aioCoder')
      .update('contextWindowTokens', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the staged diff becomes a Conventional Commits message in the commit box', async () => {
    writeFileSync(file('math.ts'), 'export const add = (a: number, b: number) => a + b;\n');
    writeFileSync(file('README.md'), '# Demo\n\nAdds numbers.\n');
    git('add', 'math.ts');
    const before = server!.requests.length;
    const message = 'feat(math): add an add function\n\nNumbers can now be added.';
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['```\n', message, '\n```']) });
    const out = await generate();
    assert.equal(out.status, 'written');
    assert.equal(repo!.repo.inputBox.value, message, 'the fences are gone');
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
    repo!.repo.inputBox.value = 'readme tweak';
    const before = server!.requests.length;
    responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream(['docs: describe what the demo does']) });
    const out = await generate();
    assert.equal(out.status, 'written');
    assert.equal(repo!.repo.inputBox.value, 'docs: describe what the demo does');
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
    writeFileSync(file('lock.json'), `{\n${big}\n}\n`);
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
    repo!.repo.inputBox.value = 'my own words';
    responses.push({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error":{"message":"no"}}',
    });
    const out = await generate();
    assert.equal(out.status, 'failed');
    await waitFor(() => repo!.repo.inputBox.value === 'my own words', 'the original message');
  });
});
