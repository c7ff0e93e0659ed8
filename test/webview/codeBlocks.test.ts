import { strict as assert } from 'node:assert';
import { Panel, answerTurn } from './harness';
import { panelPerTest } from './panelSuite';

const CODE = 'function greet(name: string): string {\n  return `Hello, ${name} <b>&amp;</b>`;\n}';

describe('code blocks', () => {
  let panel: Panel;
  panelPerTest(async (opened) => {
    panel = opened;
    await panel.restore({
      chat: { turns: [answerTurn('a1', `Here:\n\n\`\`\`ts\n${CODE}\n\`\`\`\n\nAnd shell:\n\n\`\`\`\nls -la\n\`\`\``)] },
    });
  });

  it('show the language label and highlight the code', async () => {
    const block = panel.page.locator('.code-block').first();
    assert.equal(await block.locator('.code-lang').textContent(), 'ts');
    assert.ok((await block.locator('.hljs-keyword').count()) > 0, 'keywords are highlighted');
    assert.equal(await panel.page.locator('.code-block').nth(1).locator('.code-lang').textContent(), 'text');
  });

  const cases = [
    { name: 'Copy', expected: { type: 'copyText', text: CODE } },
    { name: 'Insert at cursor', expected: { type: 'insertCode', code: CODE, language: 'ts' } },
    { name: 'Apply', expected: { type: 'applyCode', code: CODE, language: 'ts' } },
    { name: 'New file', expected: { type: 'newFile', code: CODE, language: 'ts' } },
  ] as const;
  for (const { name, expected } of cases) {
    it(`"${name}" posts ${expected.type} with the raw code`, async () => {
      await panel.page.locator('.code-block').first().getByRole('button', { name, exact: true }).click();
      await panel.waitForPosted(expected);
    });
  }

  it('buttons work on a block without a language, by keyboard too', async () => {
    const button = panel.page.locator('.code-block').nth(1).getByRole('button', { name: 'Insert at cursor' });
    await button.focus();
    await panel.page.keyboard.press('Enter');
    await panel.waitForPosted({ type: 'insertCode', code: 'ls -la', language: '' });
  });

  it('buttons of a block still streaming post the code received so far', async () => {
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a2' },
      { type: 'delta', requestId: 'r1', text: '```python\nprint("hi")\n' },
    );
    const block = panel.page.locator('[data-turn-id="a2"] .code-block');
    await block.locator('code', { hasText: 'print("hi")' }).waitFor();
    await block.getByRole('button', { name: 'Copy' }).click();
    await panel.waitForPosted({ type: 'copyText', text: 'print("hi")' });
  });
});
