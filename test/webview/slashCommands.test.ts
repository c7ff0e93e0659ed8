import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SlashCommandView } from '../../src/common/protocol';
import { RESULTS_DIR, type Panel } from './harness';
import { panelPerTest } from './panelSuite';

const COMMANDS: SlashCommandView[] = [
  { name: 'clear', description: 'Start a new chat (this one stays in the chat list)' },
  { name: 'explain', description: 'Explain the selected code or the context you added' },
  { name: 'fix', description: 'Fix the problems in the selected code' },
  { name: 'new', description: 'Create new code or files from a description' },
  { name: 'review', description: 'Review for bugs', path: '.aio/prompts/review.md' },
  { name: 'tests', description: 'Write tests for the selected code' },
];

describe('slash commands in the input', () => {
  let panel: Panel;
  panelPerTest(async (p) => {
    panel = p;
    await panel.restore();
    await panel.send({ type: 'slashCommands', commands: COMMANDS });
  });
  afterEach(() => assert.deepEqual(panel.pageErrors, []));

  const labels = (panel: Panel): Promise<Array<string | null>> =>
    panel.page
      .getByRole('listbox', { name: 'Commands' })
      .getByRole('option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

  it('/ lists every command with its description; typing narrows it; Enter completes and a second Enter sends', async () => {
    const input = panel.page.getByRole('textbox', { name: 'Ask AIO Coder' });
    await input.pressSequentially('/');
    const list = panel.page.getByRole('listbox', { name: 'Commands' });
    await list.waitFor();
    assert.deepEqual(await labels(panel), [
      'Command /clear, Start a new chat (this one stays in the chat list)',
      'Command /explain, Explain the selected code or the context you added',
      'Command /fix, Fix the problems in the selected code',
      'Command /new, Create new code or files from a description',
      'Prompt file /review, Review for bugs · .aio/prompts/review.md',
      'Command /tests, Write tests for the selected code',
    ]);
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    // Names that start with the query come before names that contain it.
    await input.pressSequentially('e');
    assert.deepEqual(
      (await labels(panel)).map((l) => l?.split(',')[0]),
      ['Command /explain', 'Command /clear', 'Command /new', 'Prompt file /review', 'Command /tests'],
    );
    await input.pressSequentially('x');
    assert.deepEqual(await labels(panel), ['Command /explain, Explain the selected code or the context you added']);
    assert.equal(await list.locator('mark').innerText(), 'ex');
    await input.press('Enter');
    await list.waitFor({ state: 'hidden' });
    assert.equal(await input.inputValue(), '/explain ');
    assert.ok(!(await panel.posted()).some((m) => m.type === 'send'), 'Enter in the list completes, it does not send');
    await input.pressSequentially('the loop');
    await input.press('Enter');
    await panel.waitForPosted({ type: 'send', text: '/explain the loop' });
  });

  it('Enter on a command typed out in full sends it; a list typed before the commands arrive follows them', async () => {
    const input = panel.page.getByRole('textbox', { name: 'Ask AIO Coder' });
    const list = panel.page.getByRole('listbox', { name: 'Commands' });
    await input.pressSequentially('/clear');
    await list.waitFor();
    await input.press('Enter');
    await panel.waitForPosted({ type: 'send', text: '/clear' });
    await list.waitFor({ state: 'hidden' });
    // A prompt file appears (the host sends the new list) while its name is being typed.
    await panel.send({ type: 'slashCommands', commands: COMMANDS.filter((c) => c.name !== 'review') });
    await input.pressSequentially('/rev');
    assert.equal(await list.isVisible(), false, 'nothing matches /rev yet');
    await panel.send({ type: 'slashCommands', commands: COMMANDS });
    await list.waitFor();
    assert.deepEqual(await labels(panel), ['Prompt file /review, Review for bugs · .aio/prompts/review.md']);
  });

  it('arrows and Tab pick a prompt file; text typed after the command stays; Escape closes', async () => {
    const input = panel.page.getByRole('textbox', { name: 'Ask AIO Coder' });
    const list = panel.page.getByRole('listbox', { name: 'Commands' });
    await input.fill(' please');
    await input.press('Home');
    await input.pressSequentially('/r');
    await list.waitFor();
    assert.deepEqual(
      (await labels(panel)).map((l) => l?.split(',')[0]),
      ['Prompt file /review', 'Command /clear'],
    );
    const active = async (): Promise<string | null> => {
      const id = await input.getAttribute('aria-activedescendant');
      return id && panel.page.locator(`[id="${id}"]`).getAttribute('aria-label');
    };
    await input.press('ArrowDown');
    assert.match((await active()) ?? '', /^Command \/clear/);
    await input.press('ArrowDown');
    assert.match((await active()) ?? '', /^Prompt file \/review/, 'the selection wraps around');
    await input.press('Tab');
    await list.waitFor({ state: 'hidden' });
    assert.equal(await input.inputValue(), '/review please');
    await input.fill('/t');
    await list.waitFor();
    await input.press('Escape');
    await list.waitFor({ state: 'hidden' });
    assert.equal(await input.inputValue(), '/t', 'Escape leaves the text as typed');
  });

  it('no list for a / inside the text, after the first word, or when nothing matches', async () => {
    const input = panel.page.getByRole('textbox', { name: 'Ask AIO Coder' });
    const list = panel.page.getByRole('listbox', { name: 'Commands' });
    for (const text of ['what does a/b do', '/explain ', '/usr/bin', '/zzz']) {
      await input.fill(text);
      assert.equal(await list.isVisible(), false, `no list for ${JSON.stringify(text)}`);
    }
    // The list follows the commands the host sends (a prompt file added while the list is open).
    await input.fill('/doc');
    assert.equal(await list.isVisible(), false);
    await panel.send({
      type: 'slashCommands',
      commands: [...COMMANDS, { name: 'docs', description: 'Write docs', path: '.aio/prompts/docs.md' }],
    });
    await input.fill('/do');
    await list.waitFor();
    assert.deepEqual(await labels(panel), ['Prompt file /docs, Write docs · .aio/prompts/docs.md']);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await panel.page.screenshot({ path: join(RESULTS_DIR, 'slash-commands.png') });
  });
});
