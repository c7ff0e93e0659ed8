// `npm start` as a user runs it: the printed URL opens the workbench with AIO Coder installed (not
// loaded as a development extension), notification toasts show, and the API key and the chats survive
// a restart of `npm start` with the same profile and the same browser; `--fresh` empties the profile.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { findWebviewFrame } from '../../scripts/lib/bridge.mjs';
import { launchPersistentBrowser } from '../../scripts/lib/browser.mjs';
import { USER_SETTINGS } from '../../scripts/lib/codeServer.mjs';
import { startFakeServer, type FakeServer } from '../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../support/sse';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results', 'e2e');
const KEY = 'aio_e2e_start_key';

interface Started {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/** Runs `node scripts/start.mjs` and resolves once it printed its URL. */
function npmStart(profile: string, workspace: string, extraArgs: string[] = []): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, AIO_START_PROFILE: profile };
  delete env.PORT;
  const proc = spawn(process.execPath, ['scripts/start.mjs', workspace, ...extraArgs], {
    cwd: ROOT,
    env,
    detached: true,
  });
  let text = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start printed no URL within 120 s:\n${text}`)), 120_000);
    const onData = (b: Buffer): void => {
      text += b.toString();
      const url = /Open: (http:\/\/\S+)/.exec(text)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ proc, url, output: () => text });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited (${code}):\n${text}`));
    });
  });
}

/** Stops `npm start` the way a user does (Ctrl+C) and waits until it and code-server are gone. */
async function stopStart(s: Started): Promise<void> {
  const exited = new Promise((r) => s.proc.once('exit', r));
  process.kill(-s.proc.pid!, 'SIGINT');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  try {
    process.kill(-s.proc.pid!, 'SIGKILL');
  } catch {
    /* gone, as expected */
  }
}

/** Runs a command from the palette. Retried: right after a load the palette may not list extensions yet. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  const input = page.locator('.quick-input-widget input.input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 20_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (attempt === 12) {
        await page.screenshot({ path: join(RESULTS, 'npm-start-command-missing.png') });
        throw e;
      }
    }
  }
  await input.press('Enter');
}

async function chatFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 120; i++) {
    const frame = await findWebviewFrame(page);
    if (frame && (await frame.getByLabel('Ask AIO Coder', { exact: true }).count())) return frame;
    await page.waitForTimeout(500);
  }
  throw new Error('the chat webview did not appear');
}

async function ask(frame: Frame, question: string, answer: RegExp): Promise<void> {
  const box = frame.getByLabel('Ask AIO Coder', { exact: true });
  await box.fill(question);
  await box.press('Enter');
  await frame.getByText(answer).first().waitFor({ timeout: 30_000 });
}

describe('npm start', function () {
  this.timeout(10 * 60_000);
  let base: string;
  let profile: string;
  let workspace: string;
  let server: FakeServer;
  let context: BrowserContext | undefined;
  let running: Started | undefined;
  let answers = 0;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'aio-e2e-start-'));
    profile = join(base, 'profile');
    workspace = join(base, 'workspace');
    cpSync(join(ROOT, 'test', 'integration', 'workspace'), workspace, { recursive: true });
    mkdirSync(RESULTS, { recursive: true });
    server = await startFakeServer({
      script: () => ({
        status: 200,
        headers: SSE_HEADERS,
        body: answerStream([`Answer number ${++answers} from the fake API.`]),
      }),
      lifetimeMs: 10 * 60_000,
    });
    // The user's own settings, as they would set aioCoder.baseUrl in the Settings UI.
    mkdirSync(join(profile, 'user-data', 'User'), { recursive: true });
    writeFileSync(
      join(profile, 'user-data', 'User', 'settings.json'),
      JSON.stringify({ ...USER_SETTINGS, 'aioCoder.baseUrl': server.url }),
    );
    context = await launchPersistentBrowser(join(base, 'browser'));
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    if (running) await stopStart(running);
    await server?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('shows notification toasts, and keeps the key and the chats across a restart', async () => {
    running = await npmStart(profile, workspace);
    const page = await context!.newPage();
    await page.goto(running.url);
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
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
    const firstUrl = running.url;
    await page.close();
    await stopStart(running);

    running = await npmStart(profile, workspace);
    assert.equal(new URL(running.url).port, new URL(firstUrl).port, 'the profile keeps its port');
    const again = await context!.newPage();
    await again.goto(running.url);
    await runCommand(again, 'AIO Coder: Open Chat');
    const frame = await chatFrame(again);
    await frame.getByText('Question before the restart').first().waitFor({ timeout: 30_000 });
    await ask(frame, 'Question after the restart', /Answer number 2 from the fake API/);
    assert.equal(server.requests[1]?.headers.authorization, `Bearer ${KEY}`, 'the stored key survived the restart');
    await again.screenshot({ path: join(RESULTS, 'npm-start-after-restart.png') });
    await again.close();
    await stopStart(running);
    running = undefined;
  });

  it('--fresh starts from an empty profile', async () => {
    const storage = join(profile, 'user-data', 'User', 'globalStorage');
    assert.ok(
      existsSync(storage) && readdirSync(storage).some((d) => d.startsWith('aio-coder.')),
      'the first run stored chats',
    );
    running = await npmStart(profile, workspace, ['--fresh']);
    assert.ok(
      !existsSync(storage) || !readdirSync(storage).some((d) => d.startsWith('aio-coder.')),
      'no chats after --fresh',
    );
    await stopStart(running);
    running = undefined;
  });
});
