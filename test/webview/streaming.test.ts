import { strict as assert } from 'node:assert';
import type { HostToWebview } from '../../src/common/protocol';
import { mixedMarkdown, randomDeltas, rng } from './fixtures/mixedMarkdown';
import { Panel } from './harness';
import { panelPerTest } from './panelSuite';

/** Streams `deltas` as the host would, letting frames render in between random groups of deltas. */
async function streamDeltas(panel: Panel, requestId: string, deltas: string[], seed: number): Promise<void> {
  const rand = rng(seed);
  const groups: HostToWebview[][] = [];
  for (let i = 0; i < deltas.length;) {
    const size = 1 + Math.floor(rand() * 6);
    groups.push(deltas.slice(i, i + size).map((text) => ({ type: 'delta', requestId, text })));
    i += size;
  }
  await panel.page.evaluate(async (list) => {
    for (const group of list) {
      for (const m of group) window.postMessage(m, '*');
      // Let the messages be handled and a frame render before the next group.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  }, groups);
}

const bodyHtml = (panel: Panel, turnId: string): Promise<string> =>
  panel.page.locator(`[data-turn-id="${turnId}"] .answer-body`).evaluate((el) => el.innerHTML);

describe('streaming markdown', () => {
  let panel: Panel;
  panelPerTest(async (opened) => {
    panel = opened;
    await panel.restore();
  });

  for (const seed of [1, 2, 3, 7, 42]) {
    it(`incremental render equals a full render (seed ${seed})`, async () => {
      const text = mixedMarkdown(seed, 5000, seed % 2 === 1);
      await panel.send({ type: 'streamStart', requestId: 'r1', turnId: 'inc' });
      await streamDeltas(panel, 'r1', randomDeltas(text, seed, seed % 3 === 0 ? 300 : 24), seed);
      await panel.send(
        { type: 'streamEnd', requestId: 'r1', reason: 'done' },
        { type: 'turnAdded', turn: { id: 'full', role: 'assistant', text, status: 'done' } },
      );
      await panel.page.locator('[data-turn-id="full"] .answer-body').waitFor();
      const [incremental, full] = await Promise.all([bodyHtml(panel, 'inc'), bodyHtml(panel, 'full')]);
      assert.ok(full.length > 1000, 'the full render has content');
      assert.equal(incremental, full);
      assert.deepEqual(panel.pageErrors, []);
    });
  }

  it('shows the open block while streaming and keeps frozen blocks', async () => {
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'delta', requestId: 'r1', text: '# Title\n\nFirst paragraph.\n\n```ts\nconst a = 1;\n' },
    );
    const body = panel.page.locator('[data-turn-id="a1"] .answer-body');
    await body.locator('h1', { hasText: 'Title' }).waitFor();
    await body.locator('pre code', { hasText: 'const a = 1;' }).waitFor();
    const heading = await body.locator('h1').elementHandle();
    await panel.send({ type: 'delta', requestId: 'r1', text: 'const b = 2;\n```\n\nDone.' });
    await body.locator('p', { hasText: 'Done.' }).waitFor();
    assert.ok(await heading?.evaluate((h) => h.isConnected), 'the frozen heading element was not re-rendered');
    await panel.send({ type: 'streamEnd', requestId: 'r1', reason: 'done' });
    await body.locator('pre code .hljs-keyword').first().waitFor();
  });

  it('a restore during a stream keeps streaming into the last turn', async () => {
    await panel.restore({
      chat: {
        activeRequestId: 'r5',
        turns: [
          { id: 'u1', role: 'user', text: 'Q', status: 'done' },
          { id: 'a1', role: 'assistant', text: 'Partial *answer*', reasoning: 'thought', status: 'streaming' },
        ],
      },
    });
    const body = panel.page.locator('[data-turn-id="a1"] .answer-body');
    await body.locator('em', { hasText: 'answer' }).waitFor();
    await panel.page.getByRole('button', { name: 'Stop' }).waitFor();
    await panel.send(
      { type: 'turnAdded', turn: { id: 'a1', role: 'assistant', text: '', status: 'streaming' } },
      { type: 'delta', requestId: 'r5', text: ' continues.' },
      { type: 'streamEnd', requestId: 'r5', reason: 'done', usage: { promptTokens: 10, completionTokens: 5 } },
    );
    await panel.page.locator('[data-turn-id="a1"] .usage').getByText('10 prompt').waitFor();
    assert.equal((await body.textContent())?.trim(), 'Partial answer continues.');
    await panel.page.getByRole('button', { name: 'Send', exact: true }).waitFor();
  });

  it('drops messages of a request that is not current', async () => {
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'delta', requestId: 'old', text: 'STALE' },
      { type: 'delta', requestId: 'r1', text: 'fresh' },
      { type: 'streamEnd', requestId: 'r1', reason: 'done' },
      { type: 'delta', requestId: 'r1', text: ' late' },
    );
    const body = panel.page.locator('[data-turn-id="a1"] .answer-body');
    await body.locator('p', { hasText: 'fresh' }).waitFor();
    assert.equal((await body.textContent())?.trim(), 'fresh');
  });

  it('streams thinking in an open section that collapses when the answer starts', async () => {
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'delta', requestId: 'r1', reasoning: 'Let me **think** about ' },
    );
    const thinking = panel.page.locator('[data-turn-id="a1"] details.thinking');
    await thinking.locator('strong', { hasText: 'think' }).waitFor();
    assert.equal(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), true);
    assert.equal(await thinking.locator('summary').textContent(), 'Thinking');
    await panel.send({ type: 'delta', requestId: 'r1', reasoning: 'the question.' });
    await thinking.getByText('about the question.').waitFor();
    await panel.send({ type: 'delta', requestId: 'r1', text: 'The answer.' });
    await panel.page.waitForFunction(
      () => document.querySelector<HTMLDetailsElement>('[data-turn-id="a1"] details.thinking')?.open === false,
    );
    await panel.page.locator('[data-turn-id="a1"] .answer-body').getByText('The answer.').waitFor();
    await thinking.locator('summary').click();
    assert.equal(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), true, 'the user can reopen it');
  });

  it('Stop button and Escape post stop with the current requestId', async () => {
    await panel.send(
      { type: 'streamStart', requestId: 'req-7', turnId: 'a1' },
      { type: 'delta', requestId: 'req-7', text: 'Working' },
    );
    const stop = panel.page.getByRole('button', { name: 'Stop' });
    await stop.click();
    await panel.waitForPosted({ type: 'stop', requestId: 'req-7' });
    await panel.clearPosted();
    await panel.page.getByLabel('Ask AIO Coder').focus();
    await panel.page.keyboard.press('Escape');
    await panel.waitForPosted({ type: 'stop', requestId: 'req-7' });
    await panel.send({ type: 'streamEnd', requestId: 'req-7', reason: 'stopped' });
    await panel.page.getByRole('button', { name: 'Send' }).waitFor();
    await panel.clearPosted();
    await panel.page.keyboard.press('Escape');
    await panel.page.getByLabel('Ask AIO Coder').fill('x');
    assert.deepEqual(
      (await panel.posted()).filter((m) => m.type === 'stop'),
      [],
      'no stop without a running request',
    );
    assert.equal(await panel.page.locator('[data-turn-id="a1"] .turn-status').textContent(), 'Stopped');
  });
});
