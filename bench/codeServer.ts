// Figures 2 (activation) and 8 (end to end), inside a real VS Code: code-server + headless Chromium,
// offline. One code-server serves several workbench loads; each load starts a fresh extension host
// that loads AIO Coder (the production build) and an empty baseline extension side by side and runs
// bench/extension/index.ts. The last load also streams answers from a paced fake server on 127.0.0.1
// and the webview stamps when each marker token reaches its DOM.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildDir, hostBundlePackages, ROOT } from './lib/build';
import { activationFigure } from './lib/codeServer/activationFigure';
import { serveBenchBridge, type LibBridge } from './lib/codeServer/benchBridge';
import { e2eFigure, E2E_TURNS } from './lib/codeServer/e2eFigure';
import { pacedServer } from './lib/codeServer/pacedServer';
import type { RunOutput } from './lib/codeServer/runOutput';
import { benchUrl, bundleBenchModule, installEmpty } from './lib/codeServer/workbench';
import { runFigures, type FigureResult } from './lib/result';

const ACTIVATION_RUNS = Number(process.env.AIO_BENCH_ACTIVATION_RUNS ?? 5);
const RUN_TIMEOUT_MS = 180_000;

interface LibCodeServer {
  startCodeServer(
    o: Record<string, unknown>,
  ): Promise<{ url: string; port: number; dir: string; logFile: string; stop(): void }>;
}
interface LibBrowser {
  launchBrowser(o?: unknown): Promise<{ browser: Browser; context: BrowserContext }>;
}

runFigures(['2', '8'], async (): Promise<FigureResult[]> => {
  const build = buildDir();
  const tmp = mkdtempSync(join(tmpdir(), 'aio-bench-cs-'));
  const results = join(ROOT, 'bench-results', 'code-server');
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const libs = {
    cs: (await import('../scripts/lib/codeServer.mjs')) as LibCodeServer,
    br: (await import('../scripts/lib/browser.mjs')) as LibBrowser,
    bridge: (await import('../scripts/lib/bridge.mjs')) as LibBridge,
  };
  const tests = await bundleBenchModule(join(tmp, 'bench-module'));
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'README.md'), '# bench workspace\n');
  // Only the last extensionDevelopmentPath of a web payload is loaded, so the baselines are installed
  // instead: the empty extension, and a copy of it that absorbs the extension host's first activation.
  installEmpty(join(tmp, 'server', 'extensions'), 'empty-activate');
  installEmpty(join(tmp, 'server', 'extensions'), 'warm-activate');
  const control = join(tmp, 'control.json');
  const fake = await pacedServer();
  const bridgeDir = join(tmp, 'bridge');
  const server = await libs.cs.startCodeServer({
    label: 'bench',
    dir: join(tmp, 'server'),
    settings: {
      'aioCoder.baseUrl': fake.url,
      'aioCoder.tools.enabled': false,
      'aioCoder.maxRetries': 0,
      'aioCoder.includeThoughts': false,
    },
    extraEnv: { AIO_API_KEY: 'aio_bench_key', AIO_TEST_BRIDGE: bridgeDir, AIO_BENCH_CONTROL: control },
  });
  const { browser, context } = await libs.br.launchBrowser();
  const runs: RunOutput[] = [];
  try {
    // Load 0 warms code-server up (its first workbench load is cold) and is not counted.
    for (let i = 0; i <= ACTIVATION_RUNS; i++) {
      const last = i === ACTIVATION_RUNS;
      const out = join(tmp, `run-${i}.json`);
      writeFileSync(
        control,
        JSON.stringify({ out, order: i % 2 === 0 ? 'ours-first' : 'empty-first', e2eTurns: last ? E2E_TURNS : 0 }),
      );
      const page = await context.newPage();
      const stopBridge = serveBenchBridge(page, bridgeDir, results, libs.bridge.findWebviewFrame);
      try {
        const log: string[] = [];
        const exited = new Promise<number>((resolve) => {
          void page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
            log.push(`${type}: ${format(...(Array.isArray(args) ? args : [args]))}`);
          });
          void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
        });
        await page.goto(benchUrl(server.url, server.port, workspace, [build], tests));
        let timer: NodeJS.Timeout | undefined;
        const code = await Promise.race([
          exited,
          new Promise<string>((r) => {
            timer = setTimeout(() => r('timeout'), RUN_TIMEOUT_MS);
          }),
        ]);
        clearTimeout(timer);
        if (code !== 0) {
          await page.screenshot({ path: join(results, `run-${i}-failure.png`) }).catch(() => undefined);
          writeFileSync(join(results, `run-${i}-log.txt`), log.join('\n'));
          throw new Error(
            `workbench run ${i} ended with ${code}: ${log
              .filter((l) => l.startsWith('error'))
              .slice(-3)
              .join(' | ')
              .slice(0, 800)}`,
          );
        }
      } finally {
        stopBridge();
        await page.close().catch(() => undefined);
      }
      if (!existsSync(out)) throw new Error(`run ${i} wrote no result`);
      if (i > 0) runs.push(JSON.parse(readFileSync(out, 'utf8')) as RunOutput);
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    fake.server.close();
    fake.server.closeAllConnections();
    rmSync(tmp, { recursive: true, force: true });
  }
  return [activationFigure(runs, build, await hostBundlePackages()), e2eFigure(runs.at(-1), fake.writes)];
});
