// `npm start` as a user runs it: the printed URL opens the workbench with AIO Coder installed (not
// loaded as a development extension), notification toasts show, and the API key and the chats survive
// a restart of `npm start` with the same profile and the same browser; `--fresh` empties the profile.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { ResponseSpec } from '../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../support/sse';
import { chatFrame, codeServerGroups, npmStart, RESULTS, runCommand, stopStart } from './startKit';
import { pollUntil, startSuite } from './startSuite';

const KEY = 'aio_e2e_start_key';

/** True when a stored chat of the profile contains `text` (checkpoints are written there). */
function chatFilesContain(profile: string, text: string): boolean {
  const storage = join(profile, 'user-data', 'User', 'globalStorage');
  if (!existsSync(storage)) return false;
  return readdirSync(storage, { recursive: true, withFileTypes: true }).some(
    (e) => e.isFile() && e.name.endsWith('.json') && readFileSync(join(e.parentPath, e.name), 'utf8').includes(text),
  );
}

/**
 * A crash: SIGKILL to the process group of the code-server serving `profile` (the server and its
 * extension host), so nothing gets to save or clean up.
 */
function crash(profile: string): void {
  for (const pgid of codeServerGroups(profile)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function ask(frame: Frame, question: string, answer: RegExp): Promise<void> {
  const box = frame.getByLabel('Ask AIO Coder', { exact: true });
  await box.fill(question);
  await box.press('Enter');
  await frame.getByText(answer).first().waitFor({ timeout: 60_000 });
}

describe('npm start', function () {
  this.timeout(5 * 60_000);
  let answers = 0;
  /** Scripted answers for the next requests; when empty, a short numbered answer. */
  const scripted: ResponseSpec[] = [];
  const env = startSuite(
    'npm-start',
    () =>
      scripted.shift() ?? {
        status: 200,
        headers: SSE_HEADERS,
        body: answerStream([`Answer number ${++answers} from the fake API.`]),
      },
  );

  it('shows notification toasts, and keeps the key and the chats across a restart', async () => {
    const first = await npmStart(env.profile, env.workspace, { port: '0' });
    const page = await env.context.newPage();
    await page.goto(first.url, { timeout: 120_000 });
    await page.locator('.activitybar [aria-label^="AIO Coder"]').first().waitFor({ timeout: 90_000 });

    await runCommand(page, 'AIO Coder: Set API Key');
    const box = page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor({ timeout: 20_000 });
    await box.fill(KEY);
    await box.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'API key saved' });
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await page.screenshot({ path: join(RESULTS, 'npm-start-toast.png') });

    await runCommand(page, 'AIO Coder: Open Chat');
    await ask(await chatFrame(page), 'Question before the restart', /Answer number 1 from the fake API/);
    assert.equal(env.server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
    await page.close();
    await stopStart(first.proc);

    const second = await npmStart(env.profile, env.workspace);
    assert.equal(new URL(second.url).port, new URL(first.url).port, 'without $PORT the profile keeps its port');
    const again = await env.context.newPage();
    await again.goto(second.url, { timeout: 120_000 });
    await runCommand(again, 'AIO Coder: Open Chat');
    const frame = await chatFrame(again);
    await frame.getByText('Question before the restart').first().waitFor({ timeout: 30_000 });
    await ask(frame, 'Question after the restart', /Answer number 2 from the fake API/);
    assert.equal(env.server.requests[1]?.headers.authorization, `Bearer ${KEY}`, 'the stored key survived the restart');
    await again.screenshot({ path: join(RESULTS, 'npm-start-after-restart.png') });
    await again.close();
    await stopStart(second.proc);
  });

  it('an answer cut short by a crash comes back with its text up to the last checkpoint, marked Interrupted', async () => {
    const story = answerStream(['Once upon a time, ', 'a checkpoint kept this sentence. ', 'NEVER-SENT ending.']);
    scripted.push({
      status: 200,
      headers: SSE_HEADERS,
      body: story,
      fault: { type: 'stall', afterBytes: story.indexOf('NEVER-SENT') - 60 },
    });
    const first = await npmStart(env.profile, env.workspace);
    const page = await env.context.newPage();
    await page.goto(first.url, { timeout: 120_000 });
    await runCommand(page, 'AIO Coder: Open Chat');
    const frame = await chatFrame(page);
    await frame.getByLabel('Ask AIO Coder', { exact: true }).fill('Tell me a story');
    await frame.getByLabel('Ask AIO Coder', { exact: true }).press('Enter');
    await frame
      .getByText(/a checkpoint kept this sentence/)
      .first()
      .waitFor({ timeout: 60_000 });
    // The answer is still streaming (the server stalls): wait for a checkpoint on disk, then crash.
    await pollUntil(() => chatFilesContain(env.profile, 'a checkpoint kept this sentence'), 'a checkpoint on disk');
    await page.close();
    crash(env.profile);
    await stopStart(first.proc);

    const second = await npmStart(env.profile, env.workspace);
    const again = await env.context.newPage();
    await again.goto(second.url, { timeout: 120_000 });
    await runCommand(again, 'AIO Coder: Open Chat');
    const restored = await chatFrame(again);
    const answer = restored.locator('article', { hasText: 'a checkpoint kept this sentence' }).last();
    await answer.waitFor({ timeout: 60_000 });
    assert.equal((await answer.locator('.turn-status').textContent())?.trim(), 'Interrupted');
    assert.ok(!(await answer.textContent())?.includes('NEVER-SENT'));
    await again.screenshot({ path: join(RESULTS, 'npm-start-interrupted.png') });
    await again.close();
    await stopStart(second.proc);
  });

  it('--fresh starts from an empty profile', async () => {
    const storage = join(env.profile, 'user-data', 'User', 'globalStorage');
    assert.ok(
      existsSync(storage) && readdirSync(storage).some((d) => d.startsWith('aio-coder.')),
      'the first run stored chats',
    );
    const fresh = await npmStart(env.profile, env.workspace, { port: '0', args: ['--fresh'] });
    assert.ok(
      !existsSync(storage) || !readdirSync(storage).some((d) => d.startsWith('aio-coder.')),
      'no chats after --fresh',
    );
    await stopStart(fresh.proc);
  });
});
