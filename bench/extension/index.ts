// extensionTestsPath module for the code-server figures (run by bench/codeServer.ts in a real VS Code).
// Activation (figure 2): whether either extension was active before anything asked for it, and how
// long `activate()` takes from outside (load + activate, as VS Code does it) and inside (TestingApi),
// for AIO Coder and an empty extension. End to end (figure 8, only when AIO_BENCH_E2E is set): opens
// the chat, installs a MutationObserver in the webview that stamps when each marker token appears,
// and sends messages through the chat service; the runner's fake server stamps each write.
// Per-load settings come from the file named by AIO_BENCH_CONTROL.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/host/testingApi';
import { bridge, waitFor, webviewEval } from '../../test/integration/util';

const OURS = 'aio-coder.aio-coder';
const EMPTY = 'aio-bench.empty-activate';
/** A second copy of the empty extension, activated first and not counted: the extension host's first activation pays one-off costs. */
const WARM = 'aio-bench.warm-activate';

interface Activation {
  activeBefore: boolean;
  outsideMs: number;
  insideMs: number;
  /** Evaluating the main bundle once more (dropped from the require cache), after activation. */
  reloadMs: number;
}

/** Times require() of the extension's main file afresh: its load and top-level evaluation cost. */
function reloadMs(ext: vscode.Extension<unknown>): number {
  const req = createRequire(__filename);
  const main = req.resolve(join(ext.extensionPath, (ext.packageJSON as { main: string }).main));
  const cached = req.cache[main];
  delete req.cache[main];
  const t0 = performance.now();
  req(main);
  const ms = performance.now() - t0;
  if (cached) req.cache[main] = cached;
  return ms;
}

async function activate(id: string): Promise<{ m: Activation; api: unknown }> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext)
    throw new Error(
      `${id} is not loaded; development extensions: ${vscode.extensions.all
        .filter((e) => !e.id.startsWith('vscode.'))
        .map((e) => `${e.id} (${e.extensionUri.path})`)
        .join(', ')}`,
    );
  const activeBefore = ext.isActive;
  const t0 = performance.now();
  const api = (await ext.activate()) as { activationMs?: number } | undefined;
  const outsideMs = performance.now() - t0;
  return { m: { activeBefore, outsideMs, insideMs: api?.activationMs ?? Number.NaN, reloadMs: reloadMs(ext) }, api };
}

/**
 * Runs in the webview frame: stamps the first time each marker is in the newest answer's DOM, and
 * each floor marker in a notice (then removes the notice, so the page does not grow).
 */
const OBSERVER = `(() => {
  if (window.__benchE2E) return true;
  const seen = {};
  const re = /(?:MK\\d+N|FL)\\d+X/g;
  const scan = () => {
    const t = performance.timeOrigin + performance.now();
    const bodies = document.querySelectorAll('.answer-body');
    const last = bodies[bodies.length - 1];
    if (last) for (const m of last.textContent.matchAll(re)) if (!(m[0] in seen)) seen[m[0]] = t;
    for (const n of document.querySelectorAll('.notice')) {
      const m = /FL\\d+X/.exec(n.textContent);
      if (!m) continue;
      if (!(m[0] in seen)) seen[m[0]] = t;
      n.remove();
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__benchE2E = { seen };
  return true;
})()`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The floor of the same path without batching or a frame wait, measured while the answers stream so
 * it sees the same load: the host posts a `notice` (rendered synchronously by the webview) every
 * 23 ms until `done()`; records the host-side stamp (epoch ms) per marker in `sent`.
 */
async function ipcFloor(api: TestingApi, done: () => boolean, sent: Record<string, number>): Promise<void> {
  for (let i = 0; !done(); i++) {
    const marker = `FL${i}X`;
    sent[marker] = performance.timeOrigin + performance.now();
    api.provider.post({ type: 'notice', level: 'info', message: `bench ${marker}` });
    await sleep(23);
  }
}

interface EndToEnd {
  seen: Record<string, number>;
  floorSent: Record<string, number>;
  /** Page clock minus runner clock, measured by the runner at the end. */
  clock: { offsetMs: number; rttMs: number };
}

async function endToEnd(api: TestingApi, turns: number): Promise<EndToEnd> {
  await vscode.commands.executeCommand('aioCoder.openChat');
  await waitFor(() => api.provider.isReady, 'the chat webview to be ready', 30_000);
  await waitFor(() => webviewEval<boolean>(OBSERVER), 'the marker observer in the webview', 30_000);
  await api.chat.send('bench turn 0'); // warm-up
  const floorSent: Record<string, number> = {};
  let done = false;
  const floor = ipcFloor(api, () => done, floorSent);
  for (let t = 1; t < turns; t++) await api.chat.send(`bench turn ${t}`);
  await api.chat.idle();
  done = true;
  await floor;
  // The last flush lands in the webview a frame or two after the host is done.
  await sleep(500);
  const seen = JSON.parse(await webviewEval<string>('JSON.stringify(window.__benchE2E.seen)')) as Record<
    string,
    number
  >;
  const clock = await bridge<{ offsetMs: number; rttMs: number }>({ op: 'clockOffset' });
  return { seen, floorSent, clock };
}

/** Set per workbench load by the runner (the environment is fixed when code-server starts). */
interface Control {
  out: string;
  order: 'ours-first' | 'empty-first';
  e2eTurns: number;
}

export async function run(): Promise<void> {
  const controlFile = process.env.AIO_BENCH_CONTROL;
  if (!controlFile) throw new Error('AIO_BENCH_CONTROL is not set');
  const control = JSON.parse(readFileSync(controlFile, 'utf8')) as Control;
  // Alternate which extension activates first, so neither always pays for warming shared code paths.
  const order = control.order === 'empty-first' ? [EMPTY, OURS] : [OURS, EMPTY];
  const results: Record<string, Activation> = {};
  let api: TestingApi | undefined;
  await activate(WARM);
  for (const id of order) {
    const r = await activate(id);
    results[id] = r.m;
    if (id === OURS) api = r.api as TestingApi;
  }
  const result: Record<string, unknown> = {
    ours: results[OURS],
    empty: results[EMPTY],
    order,
    remote: vscode.env.remoteName ?? null,
    uiKind: vscode.env.uiKind,
  };
  if (control.e2eTurns > 0 && api) {
    try {
      result.e2e = await endToEnd(api, control.e2eTurns);
    } catch (e: unknown) {
      result.e2eError = e instanceof Error ? e.message : String(e);
      await bridge({ op: 'screenshot', name: 'bench-e2e-failure' }).catch(() => undefined);
    }
  }
  writeFileSync(control.out, JSON.stringify(result));
}
