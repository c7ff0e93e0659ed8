import { strict as assert } from 'node:assert';
import type { HostToWebview, TurnView } from '../../src/common/protocol';
import { mixedMarkdown } from './fixtures/mixedMarkdown';
import { Panel, answerTurn, startHarness, userTurn, type Harness } from './harness';

function longChat(pairs: number): TurnView[] {
  const turns: TurnView[] = [];
  for (let i = 0; i < pairs; i++) {
    turns.push(userTurn(`u${i}`, `Question ${i}?`));
    turns.push(
      answerTurn(`a${i}`, `Answer **${i}**.\n\n${mixedMarkdown(100 + i, 1500)}`, { reasoning: `Thinking about ${i}` }),
    );
  }
  return turns;
}

const restoreMessage = (turns: TurnView[]): HostToWebview => ({
  type: 'restore',
  hasKey: true,
  chats: [],
  chips: [],
  chat: {
    chatId: 'c1',
    title: 'Long chat',
    turns,
    options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
    totals: { totalTokens: 99, creditsConsumed: 1.5 },
  },
});

describe('restoring a long chat', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('renders the newest turns at once, older answers near the viewport or when idle', async () => {
    const panel = await Panel.open(harness);
    const turns = longChat(40);
    const deferredRightAway = await panel.page.evaluate((msg) => {
      window.dispatchEvent(new MessageEvent('message', { data: msg }));
      return document.querySelectorAll('.answer-body.deferred').length;
    }, restoreMessage(turns));
    assert.ok(deferredRightAway >= 30, `older answers wait (${deferredRightAway} deferred)`);
    await panel.page.locator('[data-turn-id="a39"] .answer-body strong', { hasText: '39' }).waitFor();
    assert.equal(await panel.page.locator('.totals').textContent(), 'Chat total: 99 tokens · 1.5 credits');
    // Everything is rendered eventually, and equals what an eager render shows.
    await panel.page.waitForFunction(() => document.querySelectorAll('.answer-body.deferred').length === 0);
    await panel.send({ type: 'turnAdded', turn: { ...(turns[1] as TurnView), id: 'eager' } });
    const [lazy, eager] = await Promise.all(
      ['a0', 'eager'].map((id) =>
        panel.page.locator(`[data-turn-id="${id}"] .answer-body`).evaluate((el) => el.innerHTML),
      ),
    );
    assert.equal(lazy, eager);
    // Restored thinking is collapsed and rendered when opened.
    const thinking = panel.page.locator('[data-turn-id="a0"] details.thinking');
    await thinking.locator('summary').click();
    await thinking.getByText('Thinking about 0').waitFor();
    await panel.close();
  });

  it('puts the reader back at the saved scroll anchor', async () => {
    const turns = longChat(30);
    const panel = await Panel.open(harness, { state: { draft: '', scroll: { turnId: 'a10', offset: 0 } } });
    await panel.send(restoreMessage(turns));
    await panel.page.locator('[data-turn-id="a10"] .answer-body strong', { hasText: '10' }).waitFor();
    await panel.page.waitForFunction(() => {
      const view = document.getElementById('transcript')?.getBoundingClientRect();
      const turn = document.querySelector('[data-turn-id="a10"]')?.getBoundingClientRect();
      return !!view && !!turn && Math.abs(turn.top - view.top) < 40;
    });
    // Scrolling saves a new anchor (never the text of the chat).
    await panel.page.locator('#transcript').evaluate((el) => {
      el.scrollTop = 0;
    });
    await panel.page.waitForFunction(
      () => (window.__aio.state as { scroll?: { turnId: string } }).scroll?.turnId === 'u0',
    );
    await panel.close();
  });
});
