import { strict as assert } from 'node:assert';
import { Panel, answerTurn, userTurn } from './harness';
import { panelPerTest } from './panelSuite';

describe('accessibility', () => {
  let panel: Panel;
  panelPerTest((opened) => {
    panel = opened;
  });

  it('controls have accessible names; each answer is an article', async () => {
    await panel.restore({
      chat: {
        turns: [
          userTurn('u1', 'Hi'),
          answerTurn('a1', 'Hello\n\n```js\nlet a = 1;\n```'),
          userTurn('u2', 'More'),
          answerTurn('a2', 'Sure.'),
        ],
      },
    });
    const page = panel.page;
    assert.equal(await page.getByRole('textbox', { name: 'Ask AIO Coder' }).count(), 1);
    assert.equal(await page.getByLabel('Ask AIO Coder').count(), 1);
    await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
    assert.equal(await page.getByRole('article').count(), 2);
    const first = page.getByRole('article').first();
    for (const name of ['Copy', 'Insert at cursor', 'Apply', 'New file']) {
      assert.equal(await first.locator('.code-block').getByRole('button', { name, exact: true }).count(), 1, name);
    }
    await page.getByRole('article').last().getByRole('button', { name: 'Regenerate' }).waitFor();
    await panel.send({ type: 'streamStart', requestId: 'r1', turnId: 'a3' });
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Send', exact: true }).count(),
      0,
      'Send is replaced by Stop while streaming',
    );
  });

  it('announces the completed answer, not each token, through a polite live region', async () => {
    await panel.restore();
    const live = panel.page.locator('[aria-live="polite"]');
    assert.equal(await live.count(), 1);
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'delta', requestId: 'r1', text: 'The answer ' },
      { type: 'delta', requestId: 'r1', text: 'is 42.' },
    );
    await panel.page.locator('[data-turn-id="a1"]').getByText('The answer is 42.').waitFor();
    assert.equal(await live.textContent(), '', 'tokens are not announced');
    assert.equal(await panel.page.getByRole('article').getAttribute('aria-busy'), 'true');
    await panel.send({ type: 'streamEnd', requestId: 'r1', reason: 'done' });
    await panel.page.waitForFunction(() =>
      document.querySelector('[aria-live="polite"]')?.textContent?.includes('The answer is 42.'),
    );
    assert.equal(await panel.page.getByRole('article').getAttribute('aria-busy'), 'false');
  });

  it('is keyboard reachable with a visible focus indicator', async () => {
    await panel.restore({ chat: { turns: [answerTurn('a1', '```ts\nx\n```')] } });
    const page = panel.page;
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return undefined;
        // The input shows focus on its frame, which also holds the options and Send.
        const style = getComputedStyle(el.closest('.input-box') ?? el);
        return {
          name: el.getAttribute('aria-label') ?? el.textContent ?? '',
          outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        };
      });
      if (!focused) continue;
      assert.ok(focused.outline, `${focused.name} shows a focus outline`);
      seen.add(focused.name);
    }
    for (const name of [
      'Chats',
      'New chat',
      'Copy',
      'Insert at cursor',
      'Apply',
      'New file',
      'Ask AIO Coder',
      'Send',
    ]) {
      assert.ok(seen.has(name), `Tab reaches ${name} (saw ${[...seen].join(', ')})`);
    }
  });
});
