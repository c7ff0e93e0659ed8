// The chat webview as a page for benchmarks: the production dist/webview.js and webview.css inside
// the HTML buildWebviewHtml makes (real CSP, nonce), served from 127.0.0.1 with cross-origin
// isolation (5 µs timers instead of 100 µs), plus the bench-only naive renderer. An init script
// stands in for acquireVsCodeApi and replaces requestAnimationFrame with manual frames, so a run
// decides when frames happen and times each one (style and layout included, paint excluded).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HostToWebview } from '../../src/common/protocol';
import { buildWebviewHtml } from '../../src/common/webviewHtml';
import { THEMES } from '../../test/webview/themes';
import { browserBundle, buildDir, ROOT } from '../lib/build';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

declare global {
  interface Window {
    __bench: {
      posted: unknown[];
      /** Hands a host message to the webview synchronously, as its message listener would get it. */
      dispatch(msg: unknown): void;
      /** Runs the queued animation-frame callbacks now; returns how long they took (ms). */
      frame(): number;
      queued(): number;
    };
  }
}

/** A served bench page in a running Chromium. */
export interface BenchPage {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  send(...messages: HostToWebview[]): Promise<void>;
  close(): Promise<void>;
}

function serve(dist: string, naive: string, at: { origin: string }): Server {
  return createServer((req, res) => {
    const origin = at.origin;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const isolate = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    };
    if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      const html = buildWebviewHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/dist/webview.js`,
        styleUri: `${origin}/dist/webview.css`,
        title: 'AIO Coder',
      }).replace('</body>', `<script nonce="${nonce}" src="${origin}/bench/naive.js"></script>\n</body>`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolate }).end(html);
      return;
    }
    if (path === '/bench/naive.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', ...isolate }).end(naive);
      return;
    }
    const file = normalize(join(dist, path.replace(/^\/dist\//, '')));
    if (!path.startsWith('/dist/') || !file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...isolate })
      .end(readFileSync(file));
  });
}

/** Installed before the page's scripts: VS Code API stand-in, manual frames, theme. Runs in the page. */
function initScript(arg: { vars: Record<string, string>; bodyClass: string }): void {
  let queue: FrameRequestCallback[] = [];
  window.requestAnimationFrame = (cb: FrameRequestCallback): number => queue.push(cb);
  window.cancelAnimationFrame = (): void => undefined;
  const bench: Window['__bench'] = {
    posted: [],
    dispatch: (data) => {
      window.dispatchEvent(new MessageEvent('message', { data }));
    },
    frame: () => {
      const t0 = performance.now();
      // Callbacks queued while running belong to the next frame, as with the real rAF.
      const run = queue;
      queue = [];
      for (const cb of run) cb(t0);
      return performance.now() - t0;
    },
    queued: () => queue.length,
  };
  window.__bench = bench;
  (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => bench.posted.push(m),
    getState: () => undefined,
    setState: () => undefined,
  });
  document.addEventListener('DOMContentLoaded', () => {
    for (const [name, value] of Object.entries(arg.vars))
      document.documentElement.style.setProperty(`--vscode-${name}`, value);
    document.body.classList.add(arg.bodyClass);
  });
}

/** Starts the server and Chromium and opens the webview page (sidebar-sized). */
export async function openBenchPage(): Promise<BenchPage> {
  const dist = join(buildDir(), 'dist');
  const naive = await browserBundle(join(ROOT, 'bench', 'webview', 'naiveEntry.ts'));
  const at = { origin: '' };
  const server = serve(dist, naive, at);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  at.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { launchBrowser } = (await import('../../scripts/lib/browser.mjs')) as {
    launchBrowser(o?: unknown): Promise<{ browser: Browser; context: BrowserContext }>;
  };
  const { browser, context } = await launchBrowser({ viewport: { width: 420, height: 760 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(initScript, { vars: THEMES.dark.vars, bodyClass: THEMES.dark.bodyClass });
  await page.goto(`${at.origin}/`);
  await page.waitForFunction(() => window.__bench.posted.some((m) => (m as { type?: string }).type === 'ready'));
  const isolated = await page.evaluate(() => crossOriginIsolated && typeof window.__benchNaive?.render === 'function');
  if (!isolated) throw new Error('bench page is not cross-origin isolated or the naive renderer did not load');
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return {
    page,
    context,
    browser,
    send: async (...messages) => {
      await page.evaluate((list) => {
        for (const m of list) window.__bench.dispatch(m);
        window.__bench.frame();
      }, messages);
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A restore of an empty chat with a key (the transcript visible). */
export function emptyRestore(turns: Extract<HostToWebview, { type: 'restore' }>['chat']['turns'] = []): HostToWebview {
  return {
    type: 'restore',
    hasKey: true,
    chat: {
      chatId: 'bench',
      title: 'Bench',
      turns,
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
      totals: {},
    },
    chats: [],
    chips: [],
  };
}

/** A user-timing mark as the trace saw it: wall time and the page main thread's CPU time, both in ms. */
export interface MarkTime {
  wall: number;
  cpu: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  tts?: number;
}

/**
 * Runs `body` while tracing user-timing marks, and returns each mark's wall and thread-CPU time.
 * Thread CPU time excludes the time the renderer waited for a core, which on a shared 2-core
 * machine is most of the noise; the page calls performance.mark(name) at step boundaries.
 */
export async function withMarks<T>(
  p: BenchPage,
  body: () => Promise<T>,
): Promise<{ result: T; marks: Map<string, MarkTime> }> {
  await p.browser.startTracing(p.page, { categories: ['blink.user_timing'] });
  let buf: Buffer | undefined;
  let result: T;
  try {
    result = await body();
  } finally {
    buf = await p.browser.stopTracing();
  }
  const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = new Map<string, MarkTime>();
  for (const e of events) {
    if (e.cat === 'blink.user_timing' && e.ph === 'I' && e.tts !== undefined)
      marks.set(e.name, { wall: e.ts / 1000, cpu: e.tts / 1000 });
  }
  await p.page.evaluate(() => performance.clearMarks());
  return { result, marks };
}
