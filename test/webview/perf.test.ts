import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { answerMarkdown } from './fixtures/mixedMarkdown';
import { startHarness, type Harness } from './harness';

// The incremental renderer against a naive full re-render per delta, in Chromium, on a 50 KB answer
// cut into 5,000 deltas, one synchronous flush per delta (the worst case: no frame coalescing).
// The naive cost is measured on every NAIVE_STRIDE-th prefix and scaled up, since rendering all
// 5,000 prefixes in full would take minutes. The machine is shared and small, so a single flush can
// be preempted: the worst flush is the worst over deltas of the best of RUNS runs.
const NAIVE_STRIDE = 50;
const RUNS = 3;
const DELTAS = 5000;

// A test-only bundle of the renderer (tsx is not involved, so the page runs exactly what esbuild emits).
const benchSource = `
import { StreamingMarkdown } from './src/webview/streamingMarkdown';
import { renderMarkdown } from './src/webview/markdownView';
function stream(deltas) {
  const inc = document.createElement('div');
  const sm = new StreamingMarkdown(inc, () => {});
  const times = [];
  for (const d of deltas) {
    const t0 = performance.now();
    sm.append(d);
    sm.flush();
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  sm.finish();
  times.push(performance.now() - t0);
  return { inc, times };
}
window.__bench = (text, deltas, stride, runs) => {
  const results = Array.from({ length: runs }, () => stream(deltas));
  const best = results[0].times.map((_, i) => Math.min(...results.map((r) => r.times[i])));
  const totals = results.map((r) => r.times.reduce((a, b) => a + b, 0));
  const inc = results[0].inc;
  const naive = document.createElement('div');
  let acc = '', naiveSampled = 0, samples = 0;
  deltas.forEach((d, i) => {
    acc += d;
    if (i % stride !== stride - 1) return;
    const t = performance.now();
    naive.replaceChildren(renderMarkdown(acc).fragment);
    naiveSampled += performance.now() - t;
    samples++;
  });
  const full = document.createElement('div');
  full.append(renderMarkdown(text).fragment);
  return { best, worstRaw: Math.max(...results[0].times), total: Math.min(...totals),
    naiveEstimate: naiveSampled / samples * deltas.length, samples, equal: inc.innerHTML === full.innerHTML };
};`;

async function benchBundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: benchSource, resolveDir: join(__dirname, '..', '..'), loader: 'ts', sourcefile: 'bench.ts' },
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true,
  });
  return result.outputFiles[0]?.text ?? '';
}

interface BenchResult { best: number[]; worstRaw: number; total: number; naiveEstimate: number; samples: number; equal: boolean }

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
    await page.waitForFunction(() => '__bench' in window);
    const text = answerMarkdown(11, 50_000);
    const deltas = Array.from({ length: DELTAS }, (_, i) =>
      text.slice(Math.floor((i * text.length) / DELTAS), Math.floor(((i + 1) * text.length) / DELTAS)));
    const r = await page.evaluate(([t, d, s, n]) =>
      (window as unknown as { __bench: (...a: unknown[]) => BenchResult }).__bench(t, d, s, n), [text, deltas, NAIVE_STRIDE, RUNS] as const);
    const total = r.total;
    const sorted = [...r.best].sort((a, b) => a - b);
    const worst = sorted.at(-1) ?? 0;
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    console.log(`      ${deltas.length} deltas of ${text.length} chars: incremental ${total.toFixed(0)} ms ` +
      `(p99 ${p99.toFixed(2)} ms, worst ${worst.toFixed(2)} ms, worst of one run ${r.worstRaw.toFixed(1)} ms), naive ≈ ${r.naiveEstimate.toFixed(0)} ms ` +
      `(from ${r.samples} samples) → ${(r.naiveEstimate / total).toFixed(0)}×`);
    assert.ok(r.equal, 'incremental DOM equals the full render');
    assert.ok(r.naiveEstimate / total >= 30, `speed-up ${(r.naiveEstimate / total).toFixed(1)}× < 30×`);
    assert.ok(worst <= 8, `worst flush ${worst.toFixed(2)} ms > 8 ms`);
    await page.close();
  });
});
