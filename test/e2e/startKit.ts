// What the `npm start` suites share: starting and stopping `npm start` as a user does, running a
// command from the palette, and finding the chat webview in the browser page.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { findWebviewFrame } from '../../scripts/lib/bridge.mjs';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results', 'e2e');

/** `port` sets $PORT (absent: unset), `args` go after the workspace, `env` adds to the environment. */
export interface StartOptions {
  port?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

/** A running `npm start`: its process, the URL it printed, and everything it wrote. */
export interface Started {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Runs `node scripts/start.mjs` and resolves once it printed its URL. It stays in this process group,
 * so a guard that stops the suite stops it too (and it stops its code-server). `port` sets $PORT.
 */
export function npmStart(profile: string, workspace: string, o: StartOptions = {}): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env, AIO_START_PROFILE: profile };
  if (o.port === undefined) delete env.PORT;
  else env.PORT = o.port;
  const proc = spawn(process.execPath, ['scripts/start.mjs', workspace, ...(o.args ?? [])], { cwd: ROOT, env });
  launched.push(proc);
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

/** Every `npm start` a test launched: stopped after the suite, whatever failed, so nothing outlives it. */
export const launched: ChildProcess[] = [];

/** Stops `npm start` the way a user does (Ctrl+C) and waits until it (and so its code-server) is gone. */
export async function stopStart(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGINT');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  proc.kill('SIGKILL');
}

/** Resolves with `work`'s value, or undefined after `ms` (a frame that is navigating can leave an evaluate pending). */
export function bounded<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([work, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);
}

/** Runs a command from the palette. Retried: right after a load the palette may not list extensions yet. */
export async function runCommand(page: Page, title: string): Promise<void> {
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

/** The chat webview's frame, once its input is there. */
export async function chatFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 120; i++) {
    const frame = await bounded(findWebviewFrame(page), 5_000);
    const box = frame && (await bounded(frame.getByLabel('Ask AIO Coder', { exact: true }).count(), 5_000));
    if (frame && box) return frame;
    await page.waitForTimeout(500);
  }
  throw new Error('the chat webview did not appear');
}

/** Every process with its command line and process group (those that end meanwhile are left out). */
function processes(): Array<{ pid: number; pgid: number; cmdline: string }> {
  const out: Array<{ pid: number; pgid: number; cmdline: string }> = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const pgid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]);
      out.push({ pid: Number(pid), pgid, cmdline });
    } catch {
      continue; // gone meanwhile
    }
  }
  return out;
}

/** The process groups of the code-server serving `profile` (the server and its extension hosts). */
export function codeServerGroups(profile: string): number[] {
  const marker = join(profile, 'user-data');
  const all = processes().filter((p) => p.cmdline.includes(marker) && p.cmdline.includes('code-server'));
  return [...new Set(all.map((p) => p.pgid))];
}

/** The extension host processes of the code-server serving `profile`. */
export function extensionHostPids(profile: string): number[] {
  const groups = new Set(codeServerGroups(profile));
  return processes()
    .filter((p) => groups.has(p.pgid) && p.cmdline.includes('--type=extensionHost'))
    .map((p) => p.pid);
}
