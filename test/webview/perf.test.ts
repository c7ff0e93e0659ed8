import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { answerMarkdown } from './fixtures/mixedMarkdown';
import { startHarness, type Harness } from './harness';

// The incremental renderer against a naive full re-render per delta, in Chromium, on a 50 KB answer
// cut into 5,000 deltas, one synchronous flush per delta (the worst case: no frame coalescing).
// Times are the page main thread's CPU time from the trace (so waiting for a core on a busy machine
// does not count). The naive cost is measured on every NAIVE_STRIDE-th prefix and scaled up, since
// rendering all 5,000 prefixes would take minutes. A step's own cost is the same in every run; noise
// lands on random steps, so the worst flush is the worst over steps of each step's median over RUNS.
const NAIVE_STRIDE = 50;
const RUNS = 3;
const DELTAS = 5000;

// A test-only bundle of the renderer (built by esbuild, not tsx, so the page runs what esbuild emits).
const benchSource = `
import { StreamingMarkdown } from './src/webview/streamingMarkdown';
import { renderMarkdown } from './src/webview/markdownView';
window.__stream = (deltas, prefix) => {
  const host = document.createElement('div');
  const sm = new StreamingMarkdown(host, () => {});
  deltas.forEach((d, i) => {
    performance.mark(prefix + i);
    sm.append(d);
    sm.flush();
  });
  performance.mark(prefix + deltas.length);
  sm.finish();
  performance.mark(prefix + (deltas.length + 1));
  return host.innerHTML;
};
window.__naive = (deltas, stride) => {
  const host = document.createElement('div');
  let acc = '', n = 0;
  deltas.forEach((d, i) => {
    acc += d;
    if (i % stride !== stride - 1) return;
    performance.mark('n' + n);
    host.replaceChildren(renderMarkdown(acc).fragment);
    performance.mark('e' + n++);
  });
  return n;
};
window.__full = (text) => {
  const host = document.createElement('div');
  host.append(renderMarkdown(text).fragment);
  return host.innerHTML;
};`;

async function benchBundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: benchSource, resolveDir: join(__dirname, '..', '..'), loader: 'ts', sourcefile: 'bench.ts' },
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true,
  });
  return result.outputFiles[0]?.text ?? '';
}

type BenchWindow = Window & {
  __stream(deltas: string[], prefix: string): string;
  __naive(deltas: string[], stride: number): number;
  __full(text: string): string;
};

/** Runs `body` while tracing user-timing marks; returns each mark's main-thread CPU time (ms). */
async function cpuMarks<T>(harness: Harness, page: Page, body: () => Promise<T>): Promise<{ result: T; cpu: Map<string, number> }> {
  await harness.browser.startTracing(page, { categories: ['blink.user_timing'] });
  const result = await body();
  const trace = JSON.parse((await harness.browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string; cat: string; ph: string; tts?: number }[] };
  const cpu = new Map<string, number>();
  for (const e of trace.traceEvents) if (e.cat === 'blink.user_timing' && e.tts !== undefined) cpu.set(e.name, e.tts / 1000);
  return { result, cpu };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const span = (cpu: Map<string, number>, a: string, b: string): number => (cpu.get(b) ?? NaN) - (cpu.get(a) ?? NaN);

describe('streaming render performance', () => {
  let harness: Harness;
  before(async () => {
    const page = '<!DOCTYPE html><html><body><script src="/bench.js"></script></body></html>';
    harness = await startHarness(new Map([['/bench.js', await benchBundle()], ['/bench.html', page]]));
  });
  after(async () => { await harness.close(); });

  it('50 KB as 5,000 deltas: ≥ 30× faster than naive, worst flush ≤ 8 ms, same DOM', async function () {
    this.timeout(180_000);
    const page = await harness.browser.newPage();
    await page.goto(`${harness.origin}/bench.html`);
    await page.waitForFunction(() => '__stream' in window);
    const text = answerMarkdown(11, 50_000);
    const deltas = Array.from({ length: DELTAS }, (_, i) =>
      text.slice(Math.floor((i * text.length) / DELTAS), Math.floor(((i + 1) * text.length) / DELTAS)));
    await page.evaluate((d) => (window as unknown as BenchWindow).__stream(d, 'warm'), deltas);
    const { result, cpu } = await cpuMarks(harness, page, () => page.evaluate(([d, runs, stride]) => {
      const w = window as unknown as BenchWindow;
      const html = Array.from({ length: runs }, (_, r) => w.__stream(d, `r${r}-`));
      return { html, samples: w.__naive(d, stride) };
    }, [deltas, RUNS, NAIVE_STRIDE] as const));
    const full = await page.evaluate((t) => (window as unknown as BenchWindow).__full(t), text);
    const steps = Array.from({ length: DELTAS + 1 }, (_, i) => median(Array.from({ length: RUNS }, (_, r) => span(cpu, `r${r}-${i}`, `r${r}-${i + 1}`))));
    const total = median(Array.from({ length: RUNS }, (_, r) => span(cpu, `r${r}-0`, `r${r}-${DELTAS + 1}`)));
    let naiveSampled = 0;
    for (let n = 0; n < result.samples; n++) naiveSampled += span(cpu, `n${n}`, `e${n}`);
    const naive = (naiveSampled / result.samples) * DELTAS;
    const worst = Math.max(...steps);
    const p99 = [...steps].sort((a, b) => a - b)[Math.floor(steps.length * 0.99)] ?? 0;
    console.log(`      ${DELTAS} deltas of ${text.length} chars (CPU): incremental ${total.toFixed(0)} ms, p99 flush ${p99.toFixed(2)} ms, ` +
      `worst ${worst.toFixed(2)} ms (step ${steps.indexOf(worst)}); naive ≈ ${naive.toFixed(0)} ms → ${(naive / total).toFixed(0)}×`);
    assert.ok(Number.isFinite(total) && Number.isFinite(naive), 'the trace has every mark');
    assert.ok(result.html.every((h) => h === full), 'incremental DOM equals the full render');
    assert.ok(naive / total >= 30, `speed-up ${(naive / total).toFixed(1)}× < 30×`);
    assert.ok(worst <= 8, `worst flush ${worst.toFixed(2)} ms > 8 ms`);
    await page.close();
  });
});
