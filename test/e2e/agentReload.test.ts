// Agent mode across a real reload of the window: the model edits one file and creates another, the
// user accepts both, runs Developer: Reload Window (a new workbench page and a new extension host),
// and Undo this turn on the restored answer still puts every file back byte for byte.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResponseSpec } from '../support/fakeServer';
import { answerStream, sseResponse, toolCallStream } from '../support/sse';
import { chatFrame, extensionHostPids, npmStart, RESULTS, runCommand } from './startKit';
import { pollUntil, startSuite } from './startSuite';

// CRLF line breaks and no final newline: the undo must give these exact bytes back.
const GREET = 'export function greet(name: string): string {\r\n  return `Hello, ${name}`;\r\n}';
const sse = sseResponse;

describe('Agent mode across a window reload', function () {
  this.timeout(6 * 60_000);
  const scripted: ResponseSpec[] = [];
  const env = startSuite(
    'agent-reload',
    () => scripted.shift() ?? { status: 500, body: 'no scripted answer left' },
    (workspace) => {
      mkdirSync(join(workspace, 'agent'), { recursive: true });
      writeFileSync(join(workspace, 'agent/greet.ts'), GREET);
    },
  );
  const file = (rel: string): string => join(env.workspace, rel);
  const read = (rel: string): Buffer | undefined => (existsSync(file(rel)) ? readFileSync(file(rel)) : undefined);

  it('Undo this turn restores every file after Developer: Reload Window', async () => {
    scripted.push(
      sse(answerStream(['It greets.'])),
      sse(
        toolCallStream([
          {
            id: 'e1',
            name: 'edit_file',
            args: { path: 'agent/greet.ts', edits: [{ search: 'Hello, ${name}', replace: 'Hi, ${name}!' }] },
          },
          { id: 'c1', name: 'create_file', args: { path: 'agent/shout.ts', content: 'export const loud = 1;\n' } },
        ]),
      ),
      sse(answerStream(['Greeting changed, shout.ts added.'])),
    );
    // The key from the environment, as on a remote machine: nothing to type before the first question.
    const started = await npmStart(env.profile, env.workspace, {
      port: '0',
      env: { AIO_API_KEY: 'aio_e2e_agent_key' },
    });
    const page = await env.context.newPage();
    await page.goto(started.url, { timeout: 120_000 });
    await runCommand(page, 'AIO Coder: Open Chat');
    let frame = await chatFrame(page);
    const box = frame.getByLabel('Ask AIO Coder', { exact: true });
    // A first question in Ask mode: once its answer shows, the panel has its state from the host, so
    // the mode picked next is not set back by a late restore.
    await box.fill('What does greet do?');
    await box.press('Enter');
    await frame.getByText('It greets.').first().waitFor({ timeout: 60_000 });
    await frame.locator('#optMode').selectOption('agent');
    await box.fill('Make the greeting friendlier and add a shout helper.');
    await box.press('Enter');
    await frame.getByRole('button', { name: 'Accept all', exact: true }).click({ timeout: 90_000 });
    await frame.getByText('Greeting changed, shout.ts added.').first().waitFor({ timeout: 60_000 });
    await pollUntil(() => read('agent/shout.ts') !== undefined, 'the created file');
    assert.equal(read('agent/greet.ts')?.toString('utf8'), GREET.replace('Hello, ${name}', 'Hi, ${name}!'));
    assert.equal(read('agent/shout.ts')?.toString('utf8'), 'export const loud = 1;\n');
    const tools = (n: number): string[] =>
      ((env.server.requests[n]?.json as { tools?: Array<{ function: { name: string } }> }).tools ?? []).map(
        (t) => t.function.name,
      );
    assert.ok(!tools(0).includes('edit_file') && tools(1).includes('edit_file'), 'edit tools only in Agent mode');

    const hostsBefore = extensionHostPids(env.profile);
    assert.ok(hostsBefore.length > 0, 'the extension host process is found');
    const pageBefore = await page.evaluate(() => performance.timeOrigin);
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    assert.notEqual(await page.evaluate(() => performance.timeOrigin), pageBefore, 'a new workbench page');
    await runCommand(page, 'AIO Coder: Open Chat');
    await pollUntil(
      () => extensionHostPids(env.profile).some((pid) => !hostsBefore.includes(pid)),
      'a new extension host process',
    );

    frame = await chatFrame(page);
    await frame.getByText('Greeting changed, shout.ts added.').first().waitFor({ timeout: 60_000 });
    await frame.getByRole('button', { name: 'Undo this turn', exact: true }).click({ timeout: 60_000 });
    await frame
      .locator('.undo-note', { hasText: 'Every change of this answer was undone.' })
      .waitFor({ timeout: 60_000 });
    await pollUntil(() => read('agent/shout.ts') === undefined, 'the created file removed');
    assert.equal(read('agent/greet.ts')?.toString('utf8'), GREET, 'greet.ts back byte for byte');
    await page.screenshot({ path: join(RESULTS, 'agent-undo-after-reload.png') });
    await page.close();
  });
});
