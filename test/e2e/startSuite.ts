// The set-up every `npm start` suite shares: a temporary profile whose user settings point AIO Coder at a
// fake API, a copy of the test workspace, and one persistent browser; screenshots when a test fails.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchPersistentBrowser } from '../../scripts/lib/browser.mjs';
import { USER_SETTINGS } from '../../scripts/lib/codeServer.mjs';
import { startFakeServer, type FakeServer, type ResponseSpec } from '../support/fakeServer';
import { launched, RESULTS, ROOT, stopStart } from './startKit';

/** What a suite's hooks made; filled in by `before`. */
export interface StartEnv {
  profile: string;
  workspace: string;
  server: FakeServer;
  context: BrowserContext;
}

/**
 * Registers the suite's hooks: `before` makes the profile and the workspace (then `prepare` adds to it), starts
 * the fake API answering `script` and the browser; a failed test leaves a screenshot of every page named after
 * `label`; `after` stops every `npm start` launched and removes it all.
 */
export function startSuite(label: string, script: () => ResponseSpec, prepare?: (workspace: string) => void): StartEnv {
  const env = {} as StartEnv;
  let base = '';
  before(async () => {
    base = mkdtempSync(join(tmpdir(), `aio-e2e-${label}-`));
    env.profile = join(base, 'profile');
    env.workspace = join(base, 'workspace');
    cpSync(join(ROOT, 'test', 'integration', 'workspace'), env.workspace, { recursive: true });
    prepare?.(env.workspace);
    mkdirSync(RESULTS, { recursive: true });
    env.server = await startFakeServer({ script, lifetimeMs: 10 * 60_000 });
    // The user's own settings, as they would set aioCoder.baseUrl in the Settings UI.
    mkdirSync(join(env.profile, 'user-data', 'User'), { recursive: true });
    writeFileSync(
      join(env.profile, 'user-data', 'User', 'settings.json'),
      JSON.stringify({ ...USER_SETTINGS, 'aioCoder.baseUrl': env.server.url }),
    );
    env.context = await launchPersistentBrowser(join(base, 'browser'));
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    for (const [i, page] of (env.context?.pages() ?? []).entries())
      await page.screenshot({ path: join(RESULTS, `${label}-failure-${i}.png`) }).catch(() => undefined);
    process.stderr.write(`fake API requests: ${env.server?.requests.length ?? 0}\n`);
  });

  after(async () => {
    await env.context?.close().catch(() => undefined);
    for (const proc of launched) await stopStart(proc);
    await env.server?.close();
    if (base) rmSync(base, { recursive: true, force: true });
  });
  return env;
}

/** Polls `check` every 250 ms until it holds (at most `timeoutMs`). */
export async function pollUntil(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !check();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
