// Helpers for integration tests: wait on conditions (never fixed sleeps) and talk to the runner's bridge.
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'aio-coder.aio-coder';

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let seq = 0;
/** True when the runner offers the browser bridge (code-server runner; not test-electron). */
export const hasBridge = (): boolean => !!process.env.AIO_TEST_BRIDGE;

/** Sends one request to the runner and waits for its answer. */
export async function bridge<T = unknown>(req: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
  const dir = process.env.AIO_TEST_BRIDGE;
  if (!dir) throw new Error('no test bridge in this runner');
  mkdirSync(dir, { recursive: true });
  const id = `${Date.now()}-${process.pid}-${seq++}`;
  writeFileSync(join(dir, `${id}.tmp-req`), JSON.stringify(req));
  renameSync(join(dir, `${id}.tmp-req`), join(dir, `${id}.req.json`));
  const resPath = join(dir, `${id}.res.json`);
  await waitFor(() => existsSync(resPath), `bridge answer to ${String(req.op)}`, timeoutMs);
  const res = JSON.parse(readFileSync(resPath, 'utf8')) as { ok: boolean; value?: T; error?: string };
  if (!res.ok) throw new Error(`bridge ${String(req.op)} failed: ${res.error}`);
  return res.value as T;
}

/** Evaluates a JS expression inside the chat webview's frame. */
export const webviewEval = <T = unknown>(expression: string): Promise<T> =>
  bridge<T>({ op: 'eval', where: 'webview', expression });

/** Takes a screenshot of the workbench into test-results/integration/NAME.png. */
export const screenshot = (name: string): Promise<string> => bridge<string>({ op: 'screenshot', name });

/** The extension under test. */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return ext;
}

/** Clicks the webview element with this ARIA role and accessible name (the last one, e.g. the newest answer's). */
export const clickRole = (role: string, name: string): Promise<unknown> =>
  bridge({ op: 'clickRole', where: 'webview', role, name });

/** Types into the webview field with this accessible label. */
export const fillLabel = (label: string, text: string): Promise<unknown> =>
  bridge({ op: 'fillLabel', where: 'webview', label, text });

/** Presses a key in the webview field with this accessible label. */
export const pressLabel = (label: string, key: string): Promise<unknown> =>
  bridge({ op: 'pressLabel', where: 'webview', label, key });

/** Counts webview elements with this role (and name). */
export const countRole = (role: string, name?: string): Promise<number> =>
  bridge<number>({ op: 'countRole', where: 'webview', role, name });

/** Waits until the webview's visible text matches `re`; returns that text. */
export function waitForWebviewText(re: RegExp, what: string, timeoutMs = 30_000): Promise<string> {
  return waitFor(
    async () => {
      const t = await webviewEval<string>('document.body.innerText');
      return re.test(t) ? t : '';
    },
    what,
    timeoutMs,
  );
}
