// The runner side of the test bridge: integration tests (in the extension host) cannot reach the
// browser, so they drop request files in a folder and the runner acts on the page and answers.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Finds the frame that runs our webview bundle. */
export async function findWebviewFrame(page) {
  // Newest first: after a webview reload the old frame can linger for a moment before it detaches.
  for (const frame of [...page.frames()].reverse()) {
    if (frame.isDetached()) continue;
    try {
      if (await frame.evaluate(() => !!document.querySelector('script[src*="webview.js"]'))) return frame;
    } catch {
      /* frame detached or cross-origin while loading: try the next */
    }
  }
  return undefined;
}

async function target(page, where) {
  if (where !== 'webview') return page;
  const frame = await findWebviewFrame(page);
  if (!frame) throw new Error('webview frame not found');
  return frame;
}

async function handle(page, req, resultsDir) {
  switch (req.op) {
    case 'screenshot': {
      const file = join(resultsDir, `${req.name.replace(/[^\w.-]/g, '_')}.png`);
      await page.screenshot({ path: file });
      return file;
    }
    case 'eval':
      return (await target(page, req.where)).evaluate(req.expression);
    case 'click':
      await (await target(page, req.where)).locator(req.selector).first().click({ timeout: 10_000 });
      return true;
    case 'fill':
      await (await target(page, req.where)).locator(req.selector).first().fill(req.text, { timeout: 10_000 });
      return true;
    case 'press':
      await (await target(page, req.where)).locator(req.selector).first().press(req.key, { timeout: 10_000 });
      return true;
    case 'keyboard':
      await page.keyboard.press(req.key);
      return true;
    case 'type':
      await page.keyboard.type(req.text);
      return true;
    case 'clickRole':
      await (
        await target(page, req.where)
      )
        .getByRole(req.role, { name: req.name, exact: req.exact ?? true })
        .last()
        .click({ timeout: 10_000 });
      return true;
    case 'fillLabel':
      await (await target(page, req.where)).getByLabel(req.label, { exact: true }).fill(req.text, { timeout: 10_000 });
      return true;
    case 'pressLabel':
      await (await target(page, req.where)).getByLabel(req.label, { exact: true }).press(req.key, { timeout: 10_000 });
      return true;
    case 'countRole':
      return (await target(page, req.where))
        .getByRole(req.role, req.name ? { name: req.name, exact: req.exact ?? true } : {})
        .count();
    default:
      throw new Error(`unknown bridge op ${req.op}`);
  }
}

/** Retries an action whose frame was replaced under it (webview reloads), a bounded number of times. */
async function withRetry(fn) {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= 4 || !/detached|Execution context was destroyed|webview frame not found/i.test(String(e?.message ?? e)))
        throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Serves bridge requests until stopped. Returns stop(). */
export function serveBridge(page, dir, resultsDir) {
  mkdirSync(dir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const f of readdirSync(dir)
        .filter((n) => n.endsWith('.req.json'))
        .sort()) {
        const id = f.slice(0, -'.req.json'.length);
        const reqPath = join(dir, f);
        let res;
        try {
          const req = JSON.parse(readFileSync(reqPath, 'utf8'));
          res = { ok: true, value: (await withRetry(() => handle(page, req, resultsDir))) ?? null };
        } catch (e) {
          res = { ok: false, error: String(e?.message ?? e) };
        }
        renameSync(reqPath, join(dir, `${id}.taken`));
        writeFileSync(join(dir, `${id}.tmp`), JSON.stringify(res));
        renameSync(join(dir, `${id}.tmp`), join(dir, `${id}.res.json`));
      }
    } finally {
      busy = false;
    }
  }, 50);
  return () => clearInterval(timer);
}
