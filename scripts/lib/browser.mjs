// Headless Debian Chromium driven by playwright-core, allowed to reach only loopback.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './prereqs.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** Launches Chromium and a context that aborts every request not to loopback (or a local scheme). */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url) || /^(data|blob|vscode-webview|vscode-resource):/.test(url)) return route.continue();
    return route.abort('blockedbyclient');
  });
  return { browser, context };
}
