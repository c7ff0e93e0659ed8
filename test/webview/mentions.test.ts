import { strict as assert } from 'node:assert';
import type { MentionItem, WebviewToHost } from '../../src/common/protocol';
import type { Panel } from './harness';
import { panelPerTest } from './panelSuite';

const ITEMS: MentionItem[] = [
  { id: 'm1', kind: 'problems', label: 'Problems in the workspace', detail: 'Errors and warnings of every file' },
  { id: 'm2', kind: 'file', label: 'src/math.ts', match: [4, 5] },
  { id: 'm3', kind: 'folder', label: 'src', match: [] },
];

describe('the @ picker', () => {
  let panel: Panel;
  panelPerTest(async (p) => {
    panel = p;
    await panel.restore();
  });
  afterEach(() => assert.deepEqual(panel.pageErrors, []));

  /** The last query the webview asked for. */
  async function lastQuery(): Promise<Extract<WebviewToHost, { type: 'mentionQuery' }>> {
    const queries = (await panel.posted()).filter((m) => m.type === 'mentionQuery');
    const last = queries.at(-1);
    assert.ok(last, 'no mentionQuery posted');
    return last;
  }

  it('opens on @, moves with the arrows, picks with Enter, and names everything for screen readers', async () => {
    const input = panel.page.getByRole('textbox', { name: 'Ask AIO Coder' });
    await input.fill('Explain @');
    await panel.waitForPosted({ type: 'mentionQuery', query: '' });
    await input.pressSequentially('ma');
    await panel.waitForPosted({ type: 'mentionQuery', query: 'ma' });
    const { queryId } = await lastQuery();
    // An older query's answer arriving late is dropped.
    await panel.send({ type: 'mentionResults', queryId: queryId - 1, items: [ITEMS[2]!] });
    await panel.send({ type: 'mentionResults', queryId, items: ITEMS, partial: true });
    const list = panel.page.getByRole('listbox', { name: 'Add context' });
    await list.waitFor();
    const options = list.getByRole('option');
    assert.deepEqual(await options.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), [
      'Problems Problems in the workspace, Errors and warnings of every file',
      'File src/math.ts',
      'Folder src',
    ]);
    assert.equal(await list.locator('mark').first().innerText(), 'ma');
    const active = async (): Promise<string | null> => {
      const id = await input.getAttribute('aria-activedescendant');
      return id && panel.page.locator(`[id="${id}"]`).getAttribute('aria-label');
    };
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.equal(await input.getAttribute('aria-controls'), await list.getAttribute('id'));
    assert.match((await active()) ?? '', /^Problems/);
    await input.press('ArrowDown');
    assert.equal(await active(), 'File src/math.ts');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    // Symbols arrive for the same query: the selection stays on the same entry.
    await panel.send({
      type: 'mentionResults',
      queryId,
      items: [...ITEMS, { id: 'm4', kind: 'symbol', label: 'max', detail: 'Function in src/math.ts:3' }],
    });
    await options.nth(3).waitFor();
    assert.equal(await active(), 'File src/math.ts');
    await input.press('ArrowUp');
    await input.press('ArrowUp');
    assert.equal(await active(), 'Symbol max, Function in src/math.ts:3');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await input.press('Enter');
    await panel.waitForPosted({ type: 'pickMention', id: 'm2' });
    await list.waitFor({ state: 'hidden' });
    assert.equal(await input.inputValue(), 'Explain ');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
    assert.ok(!(await panel.posted()).some((m) => m.type === 'send'), 'Enter in the picker must not send');
  });

  it('Escape closes the picker without stopping the answer; no matches are said', async () => {
    await panel.send({ type: 'streamStart', requestId: 'r1', turnId: 't1' });
    const input = panel.page.getByRole('textbox', { name: 'Ask AIO Coder' });
    await input.fill('@zz');
    await panel.waitForPosted({ type: 'mentionQuery', query: 'zz' });
    await panel.send({ type: 'mentionResults', queryId: (await lastQuery()).queryId, items: [] });
    await panel.page.getByRole('status').filter({ hasText: 'No matches' }).waitFor();
    await input.press('Escape');
    await panel.page.getByRole('listbox', { name: 'Add context' }).waitFor({ state: 'hidden' });
    assert.ok(!(await panel.posted()).some((m) => m.type === 'stop'), 'Escape in the picker must not stop');
    assert.equal(await input.inputValue(), '@zz');
    // A click on an entry picks it too.
    await input.fill('see @s');
    await panel.waitForPosted({ type: 'mentionQuery', query: 's' });
    await panel.send({ type: 'mentionResults', queryId: (await lastQuery()).queryId, items: ITEMS });
    await panel.page.getByRole('option', { name: 'Folder src' }).click();
    await panel.waitForPosted({ type: 'pickMention', id: 'm3' });
    assert.equal(await input.inputValue(), 'see ');
  });

  it('shows chips with their size in tokens and notes, asks Allow once for a sensitive file, takes dropped files', async () => {
    await panel.send({
      type: 'chips',
      chips: [
        {
          id: 'c1',
          kind: 'symbol',
          label: 'max (math.ts:3-9)',
          path: 'src/math.ts',
          languageId: 'typescript',
          startLine: 3,
          endLine: 9,
          tokens: 42,
        },
        { id: 'c2', kind: 'git', label: 'Git changes', path: 'git', languageId: 'diff', tokens: 12_345 },
        {
          id: 'c3',
          kind: 'terminal',
          label: 'Terminal: bash',
          path: 'terminal',
          languageId: 'shellscript',
          tokens: 30,
          note: 'Shell integration is off in this terminal',
        },
      ],
    });
    const chips = panel.page.getByRole('list', { name: 'Context' }).getByRole('listitem');
    assert.deepEqual(await chips.allInnerTexts(), [
      'max (math.ts:3-9)\n42 tokens',
      'Git changes\n12K tokens',
      'Terminal: bash\n30 tokens\nShell integration is off in this terminal',
    ]);
    await panel.page.getByRole('button', { name: 'Remove Git changes' }).click();
    await panel.waitForPosted({ type: 'removeChip', chipId: 'c2' });

    await panel.send({ type: 'chipApproval', approvalId: 'a1', path: '.env' });
    const question = panel.page.getByRole('group', { name: 'Sensitive file' });
    await question.getByText('.env').waitFor();
    await question.getByRole('button', { name: 'Deny' }).click();
    await panel.waitForPosted({ type: 'toolApproval', approvalId: 'a1', allow: false });
    await question.waitFor({ state: 'hidden' });
    await panel.send({ type: 'chipApproval', approvalId: 'a2', path: 'id_rsa' });
    await panel.page.getByRole('button', { name: 'Allow once' }).click();
    await panel.waitForPosted({ type: 'toolApproval', approvalId: 'a2', allow: true });

    await panel.page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/uri-list', '# from the Explorer\r\nfile:///ws/src/math.ts\r\nfile:///ws/README.md');
      const target = document.querySelector('.composer');
      target?.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target?.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await panel.waitForPosted({ type: 'dropUris', uris: ['file:///ws/src/math.ts', 'file:///ws/README.md'] });
  });
});
