// Figures 2 and 8: the bench module in the extension host asks the runner, through files, to act in the page.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';

/** The part of scripts/lib/bridge.mjs the runner uses. */
export interface LibBridge {
  findWebviewFrame(page: Page): Promise<Frame | undefined>;
}

/**
 * The runner side of the bench module's bridge requests (the file protocol of scripts/lib/bridge.mjs):
 * `eval` in the webview, `screenshot`, and `clockOffset`, which needs this process's clock.
 */
export function serveBenchBridge(
  page: Page,
  dir: string,
  resultsDir: string,
  find: LibBridge['findWebviewFrame'],
): () => void {
  mkdirSync(dir, { recursive: true });
  const webview = async (): Promise<Frame> => {
    const frame = await find(page);
    if (!frame) throw new Error('webview frame not found');
    return frame;
  };
  const handle = async (req: { op: string; expression?: string; name?: string }): Promise<unknown> => {
    switch (req.op) {
      case 'eval':
        return (await webview()).evaluate(req.expression ?? 'undefined');
      case 'screenshot':
        return page
          .screenshot({ path: join(resultsDir, `${(req.name ?? 'shot').replace(/[^\w.-]/g, '_')}.png`) })
          .then(() => true);
      case 'clockOffset':
        return clockOffset(await webview());
      default:
        throw new Error(`unknown bridge op ${req.op}`);
    }
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      for (const f of readdirSync(dir)
        .filter((n) => n.endsWith('.req.json'))
        .sort()) {
        const id = f.slice(0, -'.req.json'.length);
        let res: { ok: boolean; value?: unknown; error?: string };
        try {
          res = {
            ok: true,
            value: (await handle(JSON.parse(readFileSync(join(dir, f), 'utf8')) as { op: string })) ?? null,
          };
        } catch (e: unknown) {
          res = { ok: false, error: e instanceof Error ? e.message : String(e) };
        }
        renameSync(join(dir, f), join(dir, `${id}.taken`));
        writeFileSync(join(dir, `${id}.tmp`), JSON.stringify(res));
        renameSync(join(dir, `${id}.tmp`), join(dir, `${id}.res.json`));
      }
    })().finally(() => {
      busy = false;
    });
  }, 20);
  return () => clearInterval(timer);
}

/** Page-clock minus runner-clock (both epoch ms), from the round trip with the smallest delay. */
async function clockOffset(frame: Frame): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 30; i++) {
    const a = performance.timeOrigin + performance.now();
    const page = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const b = performance.timeOrigin + performance.now();
    if (b - a < best.rttMs) best = { offsetMs: page - (a + b) / 2, rttMs: b - a };
  }
  return best;
}
