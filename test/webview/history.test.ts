import { strict as assert } from 'node:assert';
import type { ChatSummary } from '../../src/common/protocol';
import { Panel, answerTurn, userTurn, type Harness } from './harness';
import { panelPerTest } from './panelSuite';

const chats: ChatSummary[] = [
  { id: 'c1', title: 'Refactor the parser', updatedAt: Date.UTC(2025, 0, 2, 10), turnCount: 4 },
  { id: 'c2', title: 'Explain SSE', updatedAt: Date.UTC(2025, 0, 1, 9), turnCount: 1, mode: 'agent' },
];

describe('history, chips, options and turn actions', () => {
  let panel: Panel;
  let harness: Harness;
  panelPerTest((opened, opener) => {
    panel = opened;
    harness = opener;
  });

  async function openChats(): Promise<void> {
    await panel.restore({ chats, chat: { chatId: 'c1', title: 'Refactor the parser' } });
    await panel.page.getByRole('button', { name: 'Chats' }).click();
    await panel.page.locator('#history').waitFor();
  }
  const row = (title: string) => panel.page.locator('.chat-row', { hasText: title });

  it('lists chats, marks the current one, switches on click', async () => {
    await openChats();
    assert.equal(await panel.page.locator('.chat-row').count(), 2);
    assert.match(
      await row('Explain SSE').locator('.chat-meta').innerText(),
      /· 1 turn · Agent$/,
      'an Agent chat says so',
    );
    assert.match(await row('Refactor the parser').locator('.chat-meta').innerText(), /· 4 turns$/);
    assert.equal(await row('Refactor the parser').locator('.chat-open').getAttribute('aria-current'), 'true');
    await row('Explain SSE').locator('.chat-open').click();
    await panel.waitForPosted({ type: 'switchChat', chatId: 'c2' });
    await panel.page.locator('#history').waitFor({ state: 'hidden' });
  });

  it('renames inline (Enter saves, Escape cancels)', async () => {
    await openChats();
    await row('Explain SSE').getByRole('button', { name: 'Rename Explain SSE' }).click();
    const input = panel.page.getByLabel('Chat title');
    await input.fill('SSE deep dive');
    await input.press('Enter');
    await panel.waitForPosted({ type: 'renameChat', chatId: 'c2', title: 'SSE deep dive' });
    await row('SSE deep dive').waitFor();
    await row('Refactor')
      .getByRole('button', { name: /^Rename/ })
      .click();
    await panel.page.getByLabel('Chat title').fill('ignored');
    await panel.page.getByLabel('Chat title').press('Escape');
    await row('Refactor the parser').waitFor();
    assert.equal((await panel.posted()).filter((m) => m.type === 'renameChat').length, 1);
  });

  it('deletes only after the confirm step; exports', async () => {
    await openChats();
    await row('Explain SSE').getByRole('button', { name: 'Delete Explain SSE' }).click();
    await panel.page.getByText('Delete "Explain SSE"?').waitFor();
    await panel.page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(
      (await panel.posted()).some((m) => m.type === 'deleteChat'),
      false,
    );
    await row('Explain SSE').getByRole('button', { name: 'Delete Explain SSE' }).click();
    await panel.page.locator('.confirm').getByRole('button', { name: 'Delete' }).click();
    await panel.waitForPosted({ type: 'deleteChat', chatId: 'c2' });
    await row('Explain SSE').waitFor({ state: 'detached' });
    await row('Refactor').getByRole('button', { name: 'Export Refactor the parser' }).click();
    await panel.waitForPosted({ type: 'exportChat', chatId: 'c1' });
  });

  it('New chat posts newChat; chatList updates the list', async () => {
    await openChats();
    await panel.page.getByRole('button', { name: 'New chat' }).click();
    await panel.waitForPosted({ type: 'newChat' });
    await panel.send({ type: 'chatList', chats: [...chats, { id: 'c3', title: 'Third', updatedAt: 0, turnCount: 0 }] });
    await row('Third').waitFor();
  });

  it("the header follows the open chat's title from chatList (after the first question, or a rename)", async () => {
    await panel.restore({ chats: [], chat: { chatId: 'c9', title: 'New chat' } });
    await panel.send({
      type: 'chatList',
      chats: [{ id: 'c9', title: 'Why is the sky blue?', updatedAt: 1, turnCount: 2 }, ...chats],
    });
    await panel.page.locator('.header-text').getByText('Why is the sky blue?').waitFor();
  });

  it('context chips are shown and removable', async () => {
    await panel.restore({
      chips: [
        {
          id: 'k1',
          kind: 'selection',
          label: 'src/app.ts:10-24',
          path: 'src/app.ts',
          languageId: 'ts',
          startLine: 10,
          endLine: 24,
        },
      ],
    });
    const chip = panel.page.getByRole('listitem').filter({ hasText: 'src/app.ts:10-24' });
    await chip.waitFor();
    await chip.getByRole('button', { name: 'Remove src/app.ts:10-24' }).click();
    await panel.waitForPosted({ type: 'removeChip', chipId: 'k1' });
    await panel.send({ type: 'chips', chips: [] });
    await chip.waitFor({ state: 'detached' });
  });

  it('Enter sends with the per-chat options; Shift+Enter adds a newline; toggles alone post nothing', async () => {
    await panel.restore({ chat: { options: { includeThoughts: false, reasoningEffort: 'low', mode: 'ask' } } });
    const input = panel.page.getByLabel('Ask AIO Coder');
    await panel.clearPosted();
    await panel.page.getByLabel('Show thinking').check();
    await panel.page.getByLabel('Reasoning effort').selectOption('high');
    assert.deepEqual(await panel.posted(), [], 'the options travel with the next message, not on every change');
    await input.fill('line one');
    await input.press('Shift+Enter');
    await input.pressSequentially('line two');
    await input.press('Enter');
    await panel.waitForPosted({
      type: 'send',
      text: 'line one\nline two',
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
    });
    assert.equal(await input.inputValue(), '');
  });

  it('keeps the draft in setState, never anything else, and restores it', async () => {
    await panel.restore();
    await panel.page.getByLabel('Ask AIO Coder').fill('half-written question');
    await panel.page.waitForFunction(
      () => (window.__aio.state as { draft?: string } | undefined)?.draft === 'half-written question',
    );
    const state = await panel.page.evaluate(() => window.__aio.state);
    assert.deepEqual(
      Object.keys(state as object).filter((k) => k !== 'scroll'),
      ['draft'],
      'only the draft and the scroll anchor',
    );
    const reopened = await Panel.open(harness, { state });
    assert.equal(await reopened.page.getByLabel('Ask AIO Coder').inputValue(), 'half-written question');
    await reopened.close();
  });

  it('Regenerate (last answer only), Copy answer markdown, inline edit and resend', async () => {
    await panel.restore({
      chat: {
        turns: [
          userTurn('u1', 'First?'),
          answerTurn('a1', 'One **1**'),
          userTurn('u2', 'Second?'),
          answerTurn('a2', 'Two `2`'),
        ],
      },
    });
    assert.equal(await panel.page.getByRole('button', { name: 'Regenerate' }).count(), 1);
    await panel.page.locator('[data-turn-id="a2"]').getByRole('button', { name: 'Regenerate' }).click();
    await panel.waitForPosted({
      type: 'regenerate',
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
    });
    // The host streams the replacement into a new turn: the old answer leaves.
    await panel.send(
      { type: 'streamStart', requestId: 'r2', turnId: 'a3' },
      { type: 'delta', requestId: 'r2', text: 'Two again' },
    );
    await panel.page.locator('[data-turn-id="a3"]').getByText('Two again').waitFor();
    assert.equal(await panel.page.locator('[data-turn-id="a2"]').count(), 0);
    await panel.send({ type: 'streamEnd', requestId: 'r2', reason: 'done' });
    await panel.page.locator('[data-turn-id="a1"]').getByRole('button', { name: 'Copy' }).click();
    await panel.waitForPosted({ type: 'copyText', text: 'One **1**' });
    await panel.page.locator('[data-turn-id="u1"]').getByRole('button', { name: 'Edit message' }).click();
    const editor = panel.page.getByLabel('Message text');
    await editor.fill('First, edited?');
    await panel.page.getByRole('button', { name: 'Resend', exact: true }).click();
    await panel.waitForPosted({ type: 'editResend', turnId: 'u1', text: 'First, edited?' });
    await panel.send({ type: 'turnAdded', turn: userTurn('u1', 'First, edited?') });
    await panel.page.locator('[data-turn-id="a3"]').waitFor({ state: 'detached' });
    assert.equal(await panel.page.locator('.turn').count(), 1, 'turns after the edited message are dropped');
  });

  it('tool calls: compact line, result on expand, approval buttons', async () => {
    await panel.restore();
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      {
        type: 'toolStatus',
        requestId: 'r1',
        call: {
          id: 't1',
          name: 'read_file',
          summary: 'Read src/app.ts, lines 1-80',
          status: 'done',
          result: 'export const app = 1;',
        },
      },
      {
        type: 'toolStatus',
        requestId: 'r1',
        approvalId: 'ap1',
        call: { id: 't2', name: 'run', summary: 'Run npm test', status: 'awaiting_approval' },
      },
    );
    const first = panel.page.locator('.tool-call').first();
    await first.getByText('Read src/app.ts, lines 1-80').click();
    await first.getByText('export const app = 1;').waitFor();
    await panel.page.getByRole('button', { name: 'Allow once' }).click();
    await panel.waitForPosted({ type: 'toolApproval', approvalId: 'ap1', allow: true });
    await panel.send({
      type: 'toolStatus',
      requestId: 'r1',
      call: { id: 't2', name: 'run', summary: 'Run npm test', status: 'denied' },
    });
    await panel.page.getByRole('button', { name: 'Allow once' }).waitFor({ state: 'detached' });
  });
});
