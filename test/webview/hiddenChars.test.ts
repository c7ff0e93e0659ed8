import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { randomDeltas } from './fixtures/mixedMarkdown';
import { CASES, CORPUS, LRI, PDI, RLO, TROJAN_CODE, ZWSP } from './fixtures/hiddenChars';
import { Panel, RESULTS_DIR, answerTurn } from './harness';
import { panelPerTest } from './panelSuite';

/** The text of a node as the user reads it: `[U+XXXX]` for a marker, `[!]` for a link warning. */
function shownText(root: Locator): Promise<string> {
  return root.evaluate((node) => {
    const read = (n: Node): string => {
      if (n instanceof Text) return n.data;
      if (!(n instanceof Element)) return '';
      if (n.classList.contains('hidden-char')) return `[${n.getAttribute('data-code') ?? ''}]`;
      if (n.classList.contains('hidden-char-warning')) return '[!]';
      return Array.from(n.childNodes, read).join('');
    };
    return read(node);
  });
}

/**
 * True when every visible character of `root` lies to the right of the one before it on the same line:
 * nothing was reordered right to left. Measured on the laid-out page, character by character.
 */
function inVisualOrder(root: Locator): Promise<boolean> {
  return root.evaluate((node) => {
    const boxes: DOMRect[] = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n as Text;
      for (let i = 0; i < text.data.length; i++) {
        const c = text.data.charCodeAt(i);
        if (c <= 32 || (c >= 0xd800 && c <= 0xdfff)) continue;
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const box = range.getBoundingClientRect();
        if (box.width > 0) boxes.push(box);
      }
    }
    return boxes.every((b, i) => {
      const prev = boxes[i - 1];
      return !prev || Math.abs(b.top - prev.top) > 2 || b.left >= prev.left - 0.5;
    });
  });
}

describe('hidden characters (bidi controls, invisible marks)', () => {
  before(() => {
    mkdirSync(RESULTS_DIR, { recursive: true });
  });
  let panel: Panel;
  panelPerTest(
    (opened) => {
      panel = opened;
    },
    { height: 1200 },
  );

  const blocks = (turnId: string): Locator => panel.page.locator(`[data-turn-id="${turnId}"] .answer-body > *`);

  it('the visual-order check catches a raw right-to-left override', async () => {
    await panel.page.evaluate((rlo) => {
      const p = document.createElement('p');
      p.id = 'control';
      p.textContent = `Pay invoice${rlo}fdp.exe now, then read on.`;
      document.body.prepend(p);
    }, RLO);
    assert.equal(await inVisualOrder(panel.page.locator('#control')), false);
  });

  it('render as visible markers in prose, links, inline code, fenced code and tables, with nothing reordered', async () => {
    await panel.restore({ chat: { turns: [answerTurn('a1', CORPUS)] } });
    await blocks('a1')
      .nth(CASES.length - 1)
      .waitFor();
    assert.equal(await blocks('a1').count(), CASES.length);
    for (const [i, c] of CASES.entries()) {
      const block = blocks('a1').nth(i);
      const shown =
        c.name === 'table'
          ? (await Promise.all((await block.locator('th, td').all()).map(shownText))).join(' | ')
          : await shownText(c.name === 'fenced code' ? block.locator('pre > code') : block);
      assert.equal(shown, c.shown, c.name);
      if (!c.rtl) assert.ok(await inVisualOrder(block), `${c.name}: nothing is laid out right to left`);
    }
    // The markers hide nothing: the DOM text is still exactly what the model wrote, in order.
    const paragraph = await blocks('a1').nth(0).textContent();
    assert.equal(paragraph, `Pay invoice${RLO}fdp.exe now, then read on.`);
    await panel.page.screenshot({
      path: join(RESULTS_DIR, 'hidden-chars.png'),
      fullPage: true,
      animations: 'disabled',
    });
    assert.deepEqual(panel.pageErrors, []);
  });

  it('markers and link warnings have accessible names; the tooltip names the code point', async () => {
    await panel.restore({ chat: { turns: [answerTurn('a1', CORPUS)] } });
    const page = panel.page;
    const rlo = page.getByRole('img', { name: 'U+202E RIGHT-TO-LEFT OVERRIDE', exact: true });
    await rlo.first().waitFor();
    assert.ok((await rlo.count()) >= 5, 'every U+202E has a named marker');
    assert.equal(await rlo.first().getAttribute('title'), 'U+202E RIGHT-TO-LEFT OVERRIDE');
    assert.equal(await page.getByRole('img', { name: 'U+2066 LEFT-TO-RIGHT ISOLATE', exact: true }).count(), 4);
    assert.equal(await page.getByRole('img', { name: 'U+200B ZERO WIDTH SPACE', exact: true }).count(), 2);
    // A screen reader hears the warning as the start of the link's name.
    const warned = page.getByRole('link', {
      name: /^Warning: the link text contains hidden characters \(U\+202E RIGHT-TO-LEFT OVERRIDE\) invoice/,
    });
    assert.equal(await warned.count(), 1);
    assert.equal(await page.getByRole('link', { name: 'the next link', exact: true }).count(), 1);
    await page.getByRole('link', { name: /^Warning: .*\(U\+200B ZERO WIDTH SPACE\) pay/ }).waitFor();
    // The link still opens what it points to.
    await warned.click();
    await panel.waitForPosted({ type: 'openExternal', url: 'https://example.com/invoice' });
  });

  it('Copy, Insert and Apply take the code byte for byte, hidden characters included', async () => {
    await panel.restore({ chat: { turns: [answerTurn('a1', CORPUS)] } });
    const block = panel.page.locator('.code-block').first();
    assert.equal(await block.locator('pre > code').textContent(), `${TROJAN_CODE}\n`);
    await block.getByRole('button', { name: 'Copy', exact: true }).click();
    await panel.waitForPosted({ type: 'copyText', text: TROJAN_CODE });
    await block.getByRole('button', { name: 'Insert at cursor', exact: true }).click();
    await panel.waitForPosted({ type: 'insertCode', code: TROJAN_CODE, language: 'js' });
    await block.getByRole('button', { name: 'Apply', exact: true }).click();
    await panel.waitForPosted({ type: 'applyCode', code: TROJAN_CODE, language: 'js' });
  });

  it('streamed in small deltas: marked while the fence is open, and the final DOM equals a full render', async () => {
    await panel.restore();
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 's1' },
      { type: 'delta', requestId: 'r1', text: `\`\`\`js\nif (a != "user${RLO} ${LRI}// admin${PDI} ${LRI}") {\n` },
    );
    const open = panel.page.locator('[data-turn-id="s1"] .code-block');
    await open.locator('.hidden-char').first().waitFor();
    assert.equal(
      await shownText(open.locator('pre > code')),
      'if (a != "user[U+202E] [U+2066]// admin[U+2069] [U+2066]") {\n',
    );
    await open.getByRole('button', { name: 'Copy', exact: true }).click();
    await panel.waitForPosted({ type: 'copyText', text: `if (a != "user${RLO} ${LRI}// admin${PDI} ${LRI}") {` });
    await panel.send({ type: 'streamEnd', requestId: 'r1', reason: 'stopped' });

    await panel.send({ type: 'streamStart', requestId: 'r2', turnId: 's2' });
    for (const text of randomDeltas(CORPUS, 15, 12)) await panel.send({ type: 'delta', requestId: 'r2', text });
    await panel.send(
      { type: 'streamEnd', requestId: 'r2', reason: 'done' },
      { type: 'turnAdded', turn: answerTurn('full', CORPUS) },
    );
    await blocks('full')
      .nth(CASES.length - 1)
      .waitFor();
    const html = (id: string): Promise<string> =>
      panel.page.locator(`[data-turn-id="${id}"] .answer-body`).evaluate((el) => el.innerHTML);
    assert.equal(await html('s2'), await html('full'));
  });

  it('tool results, tool summaries, chips, titles and errors show workspace text with markers', async () => {
    const path = `src/report${RLO}gpj.ts`;
    const result = `1: const role = "user${RLO} ${LRI}// admin${PDI}";\n2: const id = "ad${ZWSP}min";`;
    await panel.restore({
      chat: {
        title: `Why is invoice${RLO}fdp.exe flagged?`,
        turns: [
          {
            id: 'u1',
            role: 'user',
            text: `Look at invoice${RLO}fdp.exe please`,
            status: 'done',
            chips: [{ id: 'k1', kind: 'file', label: path, path, languageId: 'typescript' }],
          },
          answerTurn('a1', 'Done.', {
            tools: [{ id: 't1', name: 'read_file', summary: `Read ${path}, lines 1-2`, status: 'done', result }],
            status: 'error',
            error: { kind: 'server', message: `Upstream said ${RLO}rorre`, retryable: true },
          }),
        ],
      },
      chips: [{ id: 'k2', kind: 'selection', label: `${path}:1-2`, path, languageId: 'typescript' }],
    });
    const page = panel.page;
    await page.locator('.tool-call').waitFor();
    await page.locator('.tool-summary').click();
    const toolResult = page.locator('.tool-result');
    assert.equal(await toolResult.textContent(), result, 'the tool result text is unchanged');
    assert.equal(
      await shownText(toolResult),
      '1: const role = "user[U+202E] [U+2066]// admin[U+2069]";\n2: const id = "ad[U+200B]min";',
    );
    assert.equal(await shownText(page.locator('.tool-text')), 'Read src/report[U+202E]gpj.ts, lines 1-2');
    assert.equal(
      await page.locator('.tool-summary').getAttribute('title'),
      'read_file: Read src/report[U+202E]gpj.ts, lines 1-2',
    );
    assert.equal(await shownText(page.locator('.chip-label')), 'src/report[U+202E]gpj.ts:1-2');
    assert.equal(await page.locator('.chips .chip').getAttribute('title'), 'src/report[U+202E]gpj.ts');
    assert.equal(await shownText(page.locator('.turn-chips .chip')), 'src/report[U+202E]gpj.ts');
    assert.equal(await shownText(page.locator('.user-text')), 'Look at invoice[U+202E]fdp.exe please');
    assert.equal(await shownText(page.locator('.chat-heading')), 'Why is invoice[U+202E]fdp.exe flagged?');
    assert.equal(await shownText(page.locator('.error-message')), 'Upstream said [U+202E]rorre');
    for (const selector of [
      '.tool-result',
      '.tool-text',
      '.chip-label',
      '.user-text',
      '.chat-heading',
      '.error-message',
    ])
      assert.ok(await inVisualOrder(page.locator(selector).first()), `${selector}: nothing reordered`);
    await page.screenshot({
      path: join(RESULTS_DIR, 'hidden-chars-workspace.png'),
      fullPage: true,
      animations: 'disabled',
    });
  });
});
