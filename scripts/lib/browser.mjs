// Headless Debian Chromium driven by playwright-core, allowed to reach only loopback.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './prereqs.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** Aborts every request of `context` that is not to loopback (or a local scheme). */
async function loopbackOnly(context) {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url) || /^(data|blob|vscode-webview|vscode-resource):/.test(url)) return route.continue();
    return route.abort('blockedbyclient');
  });
}

/** Launches Chromium and a fresh context that reaches only loopback. */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  const context = await browser.newContext({ viewport });
  await loopbackOnly(context);
  return { browser, context };
}

/** Chromium with a profile kept in `userDataDir` (local storage survives a restart, as in a user's browser). */
export async function launchPersistentBrowser(userDataDir, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    timeout: 60_000,
  });
  await loopbackOnly(context);
  return context;
}
