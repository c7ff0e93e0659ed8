// Runs the integration suite inside a real VS Code (code-server) driven by headless Chromium, offline.
// Exit code: 0 when every test passed. Writes test-results/integration/{summary.json,*.png,logs/}.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { serveBridge } from './lib/bridge.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { ROOT } from './lib/prereqs.mjs';

const RUN_TIMEOUT_MS = Number(process.env.AIO_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000);
const results = join(ROOT, 'test-results', 'integration');

async function main() {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  if (!process.argv.includes('--no-build')) {
    execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: ROOT, stdio: 'inherit' });
  }
  const tmp = mkdtempSync(join(tmpdir(), 'aio-it-'));
  const workspace = join(tmp, 'workspace');
  cpSync(join(ROOT, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  const summaryFile = join(results, 'summary.json');
  const bridgeDir = join(tmp, 'bridge');
  const grep = process.env.AIO_TEST_GREP ?? '';
  const server = await startCodeServer({
    label: 'it',
    dir: join(tmp, 'server'),
    extraEnv: {
      AIO_TEST_SUMMARY: summaryFile,
      AIO_TEST_BRIDGE: bridgeDir,
      AIO_TEST_RESULTS: results,
      AIO_TEST_GREP: grep,
      AIO_API_KEY: '',
    },
  });
  const { browser, context } = await launchBrowser();
  let stopBridge = () => {};
  let code = 1;
  try {
    const page = await context.newPage();
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
      });
      page.exposeFunction('codeAutomationExit', (c) => resolve(c));
    });
    stopBridge = serveBridge(page, bridgeDir, results);
    const url = workbenchUrl(server.url, server.port, {
      folder: workspace,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index'),
    });
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      process.stderr.write(`integration run timed out after ${RUN_TIMEOUT_MS} ms\n`);
      await page.screenshot({ path: join(results, 'timeout.png') }).catch(() => {});
    } else {
      code = Number(outcome);
      if (code !== 0) await page.screenshot({ path: join(results, 'failure.png') }).catch(() => {});
    }
  } finally {
    stopBridge();
    await browser.close().catch(() => {});
    server.stop();
    if (code !== 0) saveLogs(server);
  }
  if (!existsSync(summaryFile))
    writeFileSync(summaryFile, JSON.stringify({ passed: 0, failed: 1, note: 'suite did not report' }));
  const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
  process.stdout.write(`integration: ${s.passed} passed, ${s.failed} failed\n`);
  return code === 0 && s.failed === 0 && s.passed > 0 ? 0 : 1;
}

function saveLogs(server) {
  try {
    cpSync(server.logFile, join(results, 'logs', 'code-server.log'));
    cpSync(join(server.userData, 'logs'), join(results, 'logs', 'vscode'), { recursive: true });
  } catch {
    /* logs are best effort; the run result is already decided */
  }
}

main().then(
  (c) => process.exit(c),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
