import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Panel, RESULTS_DIR, answerTurn, startHarness, userTurn, type Harness } from './harness';

describe('project instructions, the left-out note and summaries', () => {
  let harness: Harness;
  let panel: Panel;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    panel = await Panel.open(harness);
  });
  afterEach(async () => {
    assert.deepEqual(panel.pageErrors, []);
    await panel.close();
  });

  it('shows instruction files as chips that can be removed for the chat and used again', async () => {
    await panel.restore();
    await panel.send({
      type: 'instructions',
      files: [
        { path: 'AGENTS.md', removed: false },
        { path: 'pkg/AGENTS.md', removed: true, cut: 'cut to its first 20,000 characters (the file has 80 KB)' },
      ],
    });
    const list = panel.page.getByRole('list', { name: 'Project instructions' });
    await list.waitFor();
    const items = list.getByRole('listitem');
    assert.deepEqual(await items.allInnerTexts(), ['Instructions: AGENTS.md', 'Instructions: pkg/AGENTS.md']);
    assert.match((await items.first().getAttribute('title')) ?? '', /sent with every message of this chat/);
    await panel.page.getByRole('button', { name: 'Remove AGENTS.md from this chat' }).click();
    await panel.waitForPosted({ type: 'useInstructions', path: 'AGENTS.md', use: false });
    await panel.page.getByRole('button', { name: 'Use pkg/AGENTS.md in this chat again' }).click();
    await panel.waitForPosted({ type: 'useInstructions', path: 'pkg/AGENTS.md', use: true });
    await panel.send({ type: 'instructions', files: [{ path: 'AGENTS.md', removed: false, cut: 'cut' }] });
    await list.getByText('Instructions: AGENTS.md (cut)').waitFor();
    await panel.send({ type: 'instructions', files: [] });
    await list.waitFor({ state: 'hidden' });
  });

  it('puts the left-out note on an answer, live and on restore, with Summarize chat', async () => {
    await panel.restore({
      chat: {
        turns: [
          userTurn('u1', 'First'),
          answerTurn('a1', 'One.', { contextNote: '2 earlier turns left out to fit the context window' }),
        ],
      },
    });
    const note = panel.page.getByRole('note');
    await note.getByText('2 earlier turns left out to fit the context window.').waitFor();
    await note.getByRole('button', { name: 'Summarize chat' }).click();
    await panel.waitForPosted({ type: 'summarizeChat' });
    await panel.send(
      { type: 'turnAdded', turn: userTurn('u2', 'Second') },
      { type: 'turnAdded', turn: { id: 'a2', role: 'assistant', text: '', status: 'streaming' } },
      { type: 'streamStart', requestId: 'r1', turnId: 'a2' },
      { type: 'contextNote', requestId: 'stale', turnId: 'a2', note: 'never shown' },
      {
        type: 'contextNote',
        requestId: 'r1',
        turnId: 'a2',
        note: '3 earlier turns left out to fit the context window',
      },
      { type: 'delta', requestId: 'r1', text: 'Two.' },
      { type: 'streamEnd', requestId: 'r1', reason: 'done' },
    );
    const second = panel.page.getByRole('article').last();
    await second.getByText('3 earlier turns left out to fit the context window.').waitFor();
    await second.getByText('Two.').waitFor();
    assert.equal(await panel.page.getByText('never shown').count(), 0);
    assert.equal(await second.getByRole('note').count(), 1);
    await panel.page.screenshot({ path: join(RESULTS_DIR, 'context-note.png') });
  });

  it('shows a summary turn that can be edited, and drops the note when an answer is regenerated', async () => {
    await panel.restore({
      chat: {
        turns: [
          userTurn('u1', 'First'),
          answerTurn('a1', 'One.', { contextNote: '1 earlier turn left out to fit the context window' }),
          { id: 's1', role: 'user', text: 'We talked about one thing.', status: 'done', summaryOf: 1 },
        ],
      },
    });
    const summary = panel.page.getByRole('region', { name: 'Chat summary' });
    await summary.getByText('Summary of 1 earlier turn, sent instead of them').waitFor();
    await summary.getByText('We talked about one thing.').waitFor();
    await summary.getByRole('button', { name: 'Edit summary' }).click();
    await panel.page.getByLabel('Summary text').fill('We talked about two things.');
    await summary.getByRole('button', { name: 'Save' }).click();
    await panel.waitForPosted({ type: 'editSummary', turnId: 's1', text: 'We talked about two things.' });
    await summary.getByText('We talked about two things.').waitFor();
    await panel.send({ type: 'streamStart', requestId: 'r2', turnId: 'a1' });
    await panel.page.getByRole('article').waitFor();
    assert.equal(await panel.page.getByRole('note').count(), 0, 'a new answer starts without the old note');
  });
});
