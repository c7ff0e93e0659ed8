// Test harness: serves the real dist/webview.js + dist/webview.css in the page built by
// buildWebviewHtml (real CSP) from a 127.0.0.1 server, in headless Chromium via playwright-core,
// with a recording acquireVsCodeApi stand-in and VS Code theme variables.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ChatSnapshot, HostToWebview, TurnView, WebviewToHost } from '../../src/common/protocol';
import { buildWebviewHtml } from '../../src/common/webviewHtml';
import { CHROMIUM_ARGS } from '../../scripts/lib/browser.mjs';
import { CHROMIUM } from '../../scripts/lib/prereqs.mjs';
import { THEMES, type ThemeName } from './themes';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Where screenshots go. */
export const RESULTS_DIR = join(ROOT, 'test-results', 'webview');

declare global {
  interface Window {
    __aio: { posted: unknown[]; state: unknown; xss: number };
  }
}

/** A running server and browser shared by a test file. */
export interface Harness {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

function serve(origin: () => string, extraScripts: Map<string, string>): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/' || path === '/index.html') {
      const html = buildWebviewHtml({
        cspSource: origin(),
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin()}/dist/webview.js`,
        styleUri: `${origin()}/dist/webview.css`,
        title: 'AIO Coder',
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const extra = extraScripts.get(path);
    const file = normalize(join(ROOT, path));
    if (extra === undefined && (!path.startsWith('/dist/') || !file.startsWith(DIST) || !existsSync(file))) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
      .end(extra ?? readFileSync(file));
  });
}

/** Starts the 127.0.0.1 server and Chromium. `extraScripts` serves test-only bundles by path. */
export async function startHarness(extraScripts = new Map<string, string>()): Promise<Harness> {
  if (!existsSync(join(DIST, 'webview.js')) || !existsSync(join(DIST, 'webview.css'))) {
    throw new Error('dist/webview.js is missing: run `node esbuild.mjs` first');
  }
  let origin = '';
  const server = serve(() => origin, extraScripts);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
  } catch (e) {
    // Nothing may keep mocha alive after a failed launch: the suite fails and the process exits.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new Error(
      `Chromium did not start (${CHROMIUM}); \`npm test\` installs it first. ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Installed before the page's own scripts: the VS Code API stand-in and the theme. */
function initScript(arg: { state: unknown; vars: Record<string, string>; bodyClass: string; kind: string }): void {
  let acquired = false;
  window.__aio = { posted: [], state: arg.state, xss: 0 };
  (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m: unknown) => window.__aio.posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__aio.state,
      setState: (s: unknown) => {
        window.__aio.state = JSON.parse(JSON.stringify(s));
      },
    };
  };
  const applyTheme = (): void => {
    for (const [name, value] of Object.entries(arg.vars))
      document.documentElement.style.setProperty(`--vscode-${name}`, value);
    document.body.classList.add(arg.bodyClass);
    document.body.dataset.vscodeThemeKind = arg.kind;
  };
  document.addEventListener('DOMContentLoaded', applyTheme);
}

/** Options for {@link Panel.open}. */
export interface PanelOptions {
  theme?: ThemeName;
  state?: unknown;
  width?: number;
  height?: number;
}

/** One webview page with recorders for posted messages, network requests, dialogs and errors. */
export class Panel {
  readonly requests: string[] = [];
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];
  readonly consoleMessages: string[] = [];

  private constructor(
    readonly page: Page,
    readonly origin: string,
  ) {}

  static async open(harness: Harness, options: PanelOptions = {}): Promise<Panel> {
    const theme = THEMES[options.theme ?? 'dark'];
    const context = await harness.browser.newContext({
      viewport: { width: options.width ?? 420, height: options.height ?? 760 },
    });
    const page = await context.newPage();
    const panel = new Panel(page, harness.origin);
    page.on('request', (r) => panel.requests.push(r.url()));
    page.on('dialog', (d) => {
      panel.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => panel.pageErrors.push(e.message));
    page.on('console', (m) => panel.consoleMessages.push(`${m.type()}: ${m.text()}`));
    // tsx compiles functions handed to the page with esbuild's keepNames helper: give the page one.
    await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    await page.addInitScript(initScript, {
      state: options.state,
      vars: theme.vars,
      bodyClass: theme.bodyClass,
      kind: theme.kind,
    });
    await page.goto(`${harness.origin}/`);
    await panel.waitForPosted({ type: 'ready' });
    return panel;
  }

  /** Posts host → webview messages in order, as the extension would. */
  async send(...messages: HostToWebview[]): Promise<void> {
    await this.page.evaluate((list) => {
      for (const m of list) window.postMessage(m, '*');
    }, messages);
  }

  /** Every message the webview posted so far. */
  async posted(): Promise<WebviewToHost[]> {
    return (await this.page.evaluate(() => window.__aio.posted)) as WebviewToHost[];
  }

  /** Waits until a posted message has all the fields of `expected` (deep-equal per field). */
  async waitForPosted(expected: Partial<WebviewToHost> & { type: WebviewToHost['type'] }): Promise<void> {
    await this.page.waitForFunction(
      (want) =>
        window.__aio.posted.some((m) =>
          Object.entries(want).every(
            ([k, v]) => JSON.stringify((m as Record<string, unknown>)[k]) === JSON.stringify(v),
          ),
        ),
      expected,
    );
  }

  /** Forgets what was posted so far. */
  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      window.__aio.posted = [];
    });
  }

  /** Sends the `restore` the host answers `ready` with. */
  async restore(
    partial: {
      hasKey?: boolean;
      chat?: Partial<ChatSnapshot>;
      chats?: Extract<HostToWebview, { type: 'restore' }>['chats'];
      chips?: Extract<HostToWebview, { type: 'chips' }>['chips'];
    } = {},
  ): Promise<void> {
    const chat: ChatSnapshot = {
      chatId: 'c1',
      title: 'Test chat',
      turns: [],
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
      totals: {},
      ...partial.chat,
    };
    await this.send({
      type: 'restore',
      hasKey: partial.hasKey ?? true,
      chat,
      chats: partial.chats ?? [],
      chips: partial.chips ?? [],
    });
  }

  /** Requests that left 127.0.0.1 (must stay empty). */
  remoteRequests(): string[] {
    return this.requests.filter((url) => !url.startsWith(`${this.origin}/`));
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

/** A finished user turn. */
export function userTurn(id: string, text: string): TurnView {
  return { id, role: 'user', text, status: 'done' };
}

/** A finished assistant turn. */
export function answerTurn(id: string, text: string, extra: Partial<TurnView> = {}): TurnView {
  return { id, role: 'assistant', text, status: 'done', ...extra };
}
