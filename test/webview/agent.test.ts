import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FileEditView } from '../../src/common/protocol';
import { Panel, RESULTS_DIR, userTurn } from './harness';
import { panelPerTest } from './panelSuite';

const EDITS: FileEditView[] = [
  { id: 'e1', kind: 'edit', path: 'src/math.ts', added: 3, removed: 1, status: 'pending' },
  { id: 'e2', kind: 'edit', path: 'src/todo.ts', added: 1, removed: 1, status: 'pending' },
  { id: 'e3', kind: 'create', path: 'src/util.ts', added: 4, removed: 0, status: 'pending' },
];

describe('Agent mode', () => {
  let panel: Panel;
  panelPerTest((opened) => {
    panel = opened;
  });

  async function proposeThree(): Promise<void> {
    await panel.restore({ chat: { options: { includeThoughts: true, reasoningEffort: 'high', mode: 'agent' } } });
    await panel.send(
      { type: 'turnAdded', turn: userTurn('u1', 'Change math and todo, add util') },
      {
        type: 'turnAdded',
        turn: { id: 'a1', role: 'assistant', text: '', status: 'streaming', mode: 'agent' },
      },
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'turnEdits', turnId: 'a1', edits: EDITS },
    );
    await panel.page.getByRole('group', { name: 'New file src/util.ts' }).waitFor();
  }

  it('the mode switch is per chat and travels with the message that starts an answer', async () => {
    await panel.restore({ chat: { options: { includeThoughts: true, reasoningEffort: 'high', mode: 'agent' } } });
    const mode = panel.page.getByRole('combobox', { name: 'Mode' });
    assert.equal(await mode.inputValue(), 'agent');
    await panel.page.getByLabel('Ask AIO Coder').fill('Rename the option');
    await panel.page.getByLabel('Ask AIO Coder').press('Enter');
    await panel.waitForPosted({
      type: 'send',
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'agent' },
    });
    await mode.selectOption('ask');
    await panel.page.getByLabel('Ask AIO Coder').fill('Just explain');
    await panel.page.getByLabel('Ask AIO Coder').press('Enter');
    await panel.waitForPosted({
      type: 'send',
      text: 'Just explain',
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
    });
  });

  it('Agent picked while the panel loads stays picked when the first state arrives, and goes with the message', async () => {
    const mode = panel.page.getByRole('combobox', { name: 'Mode' });
    await mode.selectOption('agent');
    await panel.restore({ chat: { options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' } } });
    assert.equal(await mode.inputValue(), 'agent');
    await panel.page.getByLabel('Ask AIO Coder').fill('Rename the option');
    await panel.page.getByLabel('Ask AIO Coder').press('Enter');
    await panel.waitForPosted({
      type: 'send',
      options: { includeThoughts: true, reasoningEffort: 'high', mode: 'agent' },
    });
    // A later state (another chat) shows that chat's options again.
    await panel.restore({
      chat: { chatId: 'c2', options: { includeThoughts: false, reasoningEffort: 'low', mode: 'ask' } },
    });
    assert.equal(await mode.inputValue(), 'ask');
  });

  it('file cards: a named group per file with Review, Accept and Reject, and +/− counts', async () => {
    await proposeThree();
    const page = panel.page;
    assert.equal(await page.getByRole('article').locator('.mode-badge').textContent(), 'Agent');
    for (const [name, counts] of [
      ['Edit src/math.ts', '+3 −1'],
      ['Edit src/todo.ts', '+1 −1'],
      ['New file src/util.ts', '+4 −0'],
    ]) {
      const card = page.getByRole('group', { name });
      for (const button of ['Review', 'Accept', 'Reject'])
        assert.equal(await card.getByRole('button', { name: button, exact: true }).count(), 1, `${name}: ${button}`);
      assert.equal((await card.locator('.file-card-counts').textContent())?.trim(), counts);
      assert.equal(await card.getByRole('textbox', { name: /Reason for rejecting/ }).count(), 1);
    }
    assert.equal(await page.getByRole('button', { name: 'Accept all', exact: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Reject all', exact: true }).count(), 1);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'agent-cards-dark.png'), animations: 'disabled' });
  });

  it('the cards work from the keyboard alone: Tab order, Enter, Space, a typed reason', async () => {
    await proposeThree();
    const page = panel.page;
    const math = page.getByRole('group', { name: 'Edit src/math.ts' });
    await math.getByRole('button', { name: 'Review' }).focus();
    const focusedName = () =>
      page.evaluate(
        () => document.activeElement?.textContent?.trim() || document.activeElement?.getAttribute('aria-label'),
      );
    await page.keyboard.press('Enter');
    await panel.waitForPosted({ type: 'reviewEdit', editId: 'e1' });
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(), 'Accept');
    await page.keyboard.press('Enter');
    await panel.waitForPosted({ type: 'decideEdit', editId: 'e1', accept: true });
    const todo = page.getByRole('group', { name: 'Edit src/todo.ts' });
    await todo.getByRole('textbox').focus();
    await page.keyboard.type('keep the TODO');
    await page.keyboard.press('Enter');
    await panel.waitForPosted({ type: 'decideEdit', editId: 'e2', accept: false, reason: 'keep the TODO' });
    await page.getByRole('group', { name: 'New file src/util.ts' }).getByRole('button', { name: 'Reject' }).focus();
    await page.keyboard.press('Space');
    await panel.waitForPosted({ type: 'decideEdit', editId: 'e3', accept: false });
    await page.getByRole('button', { name: 'Accept all' }).focus();
    await page.keyboard.press('Enter');
    await panel.waitForPosted({ type: 'decideAllEdits', turnId: 'a1', accept: true });
  });

  it('decided cards drop their buttons; the ended answer lists the changed files and offers Undo this turn', async () => {
    await proposeThree();
    const page = panel.page;
    await page.getByRole('group', { name: 'Edit src/math.ts' }).getByRole('button', { name: 'Accept' }).focus();
    const decided: FileEditView[] = [
      { ...EDITS[0]!, status: 'applied' },
      { ...EDITS[1]!, status: 'rejected', note: 'keep the TODO' },
      { ...EDITS[2]!, status: 'applied' },
    ];
    await panel.send({ type: 'turnEdits', turnId: 'a1', edits: decided });
    await page.locator('.file-card[data-status="rejected"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Accept', exact: true }).count(), 0);
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('file-card')),
      true,
      'focus stays on the card',
    );
    assert.match(
      (await page.getByRole('group', { name: 'Edit src/todo.ts' }).textContent()) ?? '',
      /Rejected.*keep the TODO/,
    );
    assert.equal(await page.getByRole('region', { name: 'Changed files' }).count(), 0, 'no summary while streaming');
    await panel.send({ type: 'streamEnd', requestId: 'r1', reason: 'done' });
    const summary = page.getByRole('region', { name: 'Changed files' });
    await summary.waitFor();
    assert.deepEqual(await summary.getByRole('listitem').allTextContents(), [
      'src/math.ts +3 −1 edited',
      'src/util.ts +4 −0 created',
    ]);
    await summary.getByRole('button', { name: 'src/util.ts' }).click();
    await panel.waitForPosted({ type: 'openFile', path: 'src/util.ts' });
    await summary.getByRole('button', { name: 'Undo this turn' }).click();
    await panel.waitForPosted({ type: 'undoTurn', turnId: 'a1' });
    await panel.send({ type: 'turnEdits', turnId: 'a1', edits: decided, conflicts: ['src/math.ts'] });
    await page.getByRole('alert').filter({ hasText: 'Changed since this answer: src/math.ts' }).waitFor();
    await summary.getByRole('button', { name: 'Undo anyway' }).press('Enter');
    await panel.waitForPosted({ type: 'undoTurn', turnId: 'a1', force: true });
    await panel.send({ type: 'turnEdits', turnId: 'a1', edits: decided, undone: true });
    await summary.getByText('Every change of this answer was undone.').waitFor();
    assert.equal(await summary.getByRole('button', { name: 'Undo this turn' }).count(), 0);
  });

  it('a restored chat shows its cards, summary and undo state without a stream', async () => {
    await panel.restore({
      chat: {
        options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
        turns: [
          userTurn('u1', 'Edit it'),
          {
            id: 'a1',
            role: 'assistant',
            text: 'Done.',
            status: 'done',
            mode: 'agent',
            edits: [{ ...EDITS[0]!, status: 'applied' }],
          },
        ],
      },
    });
    await panel.page
      .getByRole('region', { name: 'Changed files' })
      .getByRole('button', { name: 'Undo this turn' })
      .waitFor();
    assert.equal(await panel.page.getByRole('combobox', { name: 'Mode' }).inputValue(), 'ask');
  });
});
