import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TurnView } from '../../src/common/protocol';
import { Panel, RESULTS_DIR, startHarness, type Harness } from './harness';
import type { ThemeName } from './themes';

const answer = `Here is a **safer** version of \`parseConfig\`. It validates input and keeps defaults:

1. Read the file with \`readText\`.
2. Parse it, and report errors with a [link to the docs](https://example.com/docs).

\`\`\`ts
export function parseConfig(text: string): Config {
  const raw: unknown = JSON.parse(text); // may throw
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULTS };
  return { ...DEFAULTS, ...(raw as Partial<Config>), retries: 3 };
}
\`\`\`

| Option | Default | Notes |
|:--|:-:|--:|
| retries | 3 | per request |

> Tip: run the tests after applying.`;

const turns: TurnView[] = [
  {
    id: 'u1',
    role: 'user',
    text: 'Make parseConfig safer and explain the change.',
    status: 'done',
    chips: [
      { id: 'k1', kind: 'selection', label: 'src/config.ts:10-24', path: 'src/config.ts', languageId: 'typescript' },
    ],
  },
  {
    id: 'a1',
    role: 'assistant',
    text: answer,
    status: 'done',
    reasoning: 'The user wants validation.',
    tools: [{ id: 't1', name: 'read_file', summary: 'Read src/config.ts, lines 1-80', status: 'done', result: '…' }],
    usage: { promptTokens: 1834, completionTokens: 412, reasoningTokens: 96, creditsConsumed: 0.42 },
  },
  { id: 'u2', role: 'user', text: 'And add tests?', status: 'done' },
  {
    id: 'a2',
    role: 'assistant',
    text: 'Sure, here are the first',
    status: 'error',
    error: {
      kind: 'rate_limit',
      message: 'Rate limited by the API (HTTP 429). Try again in a moment.',
      retryable: true,
    },
  },
];

async function settle(panel: Panel): Promise<void> {
  await panel.page.waitForFunction(() => document.fonts.status === 'loaded' && document.fonts.check('16px codicon'));
  // The build ships only the codicons the webview names: every icon on the page must still have its glyph.
  const blank = await panel.page.evaluate(() =>
    Array.from(document.querySelectorAll('.codicon'))
      .filter((e) => ['none', 'normal', '""'].includes(getComputedStyle(e, '::before').content))
      .map((e) => e.className),
  );
  assert.deepEqual(blank, [], 'icons without a glyph');
}

describe('screenshots', () => {
  let harness: Harness;
  before(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  for (const theme of ['dark', 'light', 'hc'] as ThemeName[]) {
    it(`chat in the ${theme} theme`, async () => {
      const panel = await Panel.open(harness, { theme, height: 1100 });
      await panel.restore({
        chat: { title: 'Safer config parsing', turns, totals: { totalTokens: 4210, creditsConsumed: 0.87 } },
        chips: [
          { id: 'k2', kind: 'file', label: 'config.test.ts', path: 'test/config.test.ts', languageId: 'typescript' },
        ],
      });
      await panel.page.locator('.error-card').waitFor();
      await panel.send(
        { type: 'streamStart', requestId: 'r1', turnId: 'a3' },
        { type: 'delta', requestId: 'r1', reasoning: 'Checking which **test framework** the project uses…' },
      );
      await panel.page.locator('[data-turn-id="a3"] .thinking strong').waitFor();
      await panel.page.getByLabel('Ask AIO Coder').focus();
      await settle(panel);
      await panel.page.screenshot({ path: join(RESULTS_DIR, `chat-${theme}.png`), animations: 'disabled' });
      assert.deepEqual(panel.remoteRequests(), []);
      assert.deepEqual(panel.pageErrors, []);
      await panel.close();
    });
  }

  it('onboarding and the chat list (dark)', async () => {
    const panel = await Panel.open(harness, { theme: 'dark', height: 520 });
    await panel.restore({ hasKey: false });
    await panel.page.locator('#onboarding').waitFor();
    await settle(panel);
    await panel.page.screenshot({ path: join(RESULTS_DIR, 'onboarding-dark.png'), animations: 'disabled' });
    await panel.restore({
      chats: [
        { id: 'c1', title: 'Test chat', updatedAt: Date.UTC(2025, 4, 2, 14, 5), turnCount: 6 },
        {
          id: 'c2',
          title: 'Why does the SSE parser drop the last event?',
          updatedAt: Date.UTC(2025, 4, 1, 9),
          turnCount: 2,
        },
      ],
    });
    await panel.page.getByRole('button', { name: 'Chats' }).click();
    await panel.page
      .locator('.chat-row')
      .nth(1)
      .getByRole('button', { name: /^Delete/ })
      .click();
    await settle(panel);
    await panel.page.screenshot({ path: join(RESULTS_DIR, 'history-dark.png'), animations: 'disabled' });
    await panel.close();
  });
});
