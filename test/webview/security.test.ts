import { strict as assert } from 'node:assert';
import { webviewCsp } from '../../src/common/webviewHtml';
import { randomDeltas } from './fixtures/mixedMarkdown';
import { Panel, answerTurn } from './harness';
import { panelPerTest } from './panelSuite';

// Every payload bumps window.__aio.xss or opens a dialog if it ever runs; remote URLs use a
// reserved domain so any load attempt is visible as a request that left 127.0.0.1.
const XSS = 'window.__aio.xss++;alert(1)';
const corpus = [
  `<script>${XSS}</script>`,
  `<img src="https://evil.example/a.png" onerror="${XSS}">`,
  `<svg onload="${XSS}"><circle r="10"/></svg>`,
  `<iframe src="https://evil.example/frame"></iframe>`,
  `<style>body{background:url(https://evil.example/css.png)}</style>`,
  `<div style="background:url(https://evil.example/inline.png)">styled</div>`,
  `<a href="javascript:${XSS}">raw link</a>`,
  `<details open ontoggle="${XSS}">x</details>`,
  `<math><mi xlink:href="javascript:${XSS}">m</mi></math>`,
  `<form action="https://evil.example/post"><button>submit</button></form>`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  `[js link](javascript:${encodeURIComponent(XSS)})`,
  `[JS upper](JAVASCRIPT:alert(1))`,
  `[entity js](&#106;avascript:alert(1))`,
  `[tab js](java\tscript:alert(1))`,
  `[vb](vbscript:msgbox(1))`,
  `[data html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `<javascript:alert(1)>`,
  `[ref js][bad]\n\n[bad]: javascript:alert(1)`,
  `[quote title](https://ok.example/ "x\\" onmouseover=\\"${XSS}")`,
  `![remote image](https://evil.example/tracker.png)`,
  `![data image](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)`,
  `[![linked image](https://evil.example/in-link.png)](https://ok.example/)`,
  `\`\`\`html\n<script>${XSS}</script>\n<img src=x onerror="${XSS}">\n\`\`\``,
  `\`<img src=x onerror="${XSS}">\``,
  `<!-- <script>${XSS}</script> -->`,
  `<object data="https://evil.example/o.swf"></object><embed src="https://evil.example/e.swf">`,
  `<base href="https://evil.example/">`,
  `<video src="https://evil.example/v.mp4" autoplay></video><audio src="https://evil.example/a.mp3" autoplay></audio>`,
].join('\n\n');

async function assertNothingRan(panel: Panel): Promise<void> {
  const root = panel.page.locator('#transcript');
  assert.equal(await panel.page.evaluate(() => window.__aio.xss), 0, 'no payload ran');
  assert.deepEqual(panel.dialogs, [], 'no dialog opened');
  assert.deepEqual(panel.remoteRequests(), [], 'nothing was requested outside 127.0.0.1');
  const bad = await root.evaluate((el) => {
    const found: string[] = [];
    for (const node of Array.from(el.querySelectorAll('*'))) {
      if (/^(script|img|svg|math|iframe|style|form|object|embed|video|audio|link|meta|base|input)$/i.test(node.tagName))
        found.push(node.tagName);
      for (const attr of Array.from(node.attributes)) {
        if (/^on/i.test(attr.name) || attr.name === 'style' || attr.name === 'src')
          found.push(`${node.tagName}[${attr.name}]`);
        if (attr.name === 'href' && !/^(https?:|mailto:|#|[^:]*$)/i.test(attr.value)) found.push(`href=${attr.value}`);
      }
    }
    return found;
  });
  assert.deepEqual(bad, []);
}

describe('security', () => {
  let panel: Panel;
  panelPerTest((opened) => {
    panel = opened;
  });

  it('serves the page with the strict CSP from buildWebviewHtml', async () => {
    const csp = await panel.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1] ?? '';
    assert.equal(csp, webviewCsp(panel.origin, nonce));
    assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
    // The CSP is really enforced: an injected inline script does not run.
    await panel.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__aio.xss++';
      document.body.append(s);
    });
    assert.equal(await panel.page.evaluate(() => window.__aio.xss), 0);
  });

  it('a restored answer with the XSS corpus runs nothing and loads nothing remote', async () => {
    await panel.restore({ chat: { turns: [answerTurn('a1', corpus, { reasoning: corpus })] } });
    await panel.page.locator('[data-turn-id="a1"] .answer-body .code-block').waitFor();
    await assertNothingRan(panel);
  });

  it('the XSS corpus streamed in small deltas runs nothing', async () => {
    await panel.restore();
    const deltas = randomDeltas(corpus, 5, 9).map((text) => ({
      type: 'delta' as const,
      requestId: 'r1',
      text,
      reasoning: text,
    }));
    await panel.send({ type: 'streamStart', requestId: 'r1', turnId: 'a1' }, ...deltas, {
      type: 'streamEnd',
      requestId: 'r1',
      reason: 'done',
    });
    await panel.page.locator('[data-turn-id="a1"] .answer-body .code-block').waitFor();
    await assertNothingRan(panel);
    // Links are live but clicking one never navigates and never runs anything.
    const url = panel.page.url();
    for (const link of await panel.page.locator('[data-turn-id="a1"] .answer-body a').all()) await link.click();
    assert.equal(panel.page.url(), url);
    await assertNothingRan(panel);
  });

  it('images become links with alt text and URL; links post openExternal', async () => {
    await panel.restore({
      chat: {
        turns: [
          answerTurn('a1', '![remote image](https://evil.example/tracker.png)\n\n[docs](https://ok.example/docs)'),
        ],
      },
    });
    const image = panel.page.locator('a.md-image');
    assert.equal(await image.textContent(), 'remote image https://evil.example/tracker.png');
    await image.click();
    await panel.waitForPosted({ type: 'openExternal', url: 'https://evil.example/tracker.png' });
    await panel.page.getByRole('link', { name: 'docs' }).click({ button: 'middle' });
    await panel.waitForPosted({ type: 'openExternal', url: 'https://ok.example/docs' });
    assert.deepEqual(panel.remoteRequests(), []);
  });

  it('host-provided text (titles, errors, chips, tool results) is never parsed as HTML', async () => {
    const html = `<img src="https://evil.example/t.png" onerror="${XSS}">`;
    await panel.restore({
      chat: {
        title: html,
        turns: [
          {
            id: 'u1',
            role: 'user',
            text: html,
            status: 'done',
            chips: [{ id: 'k', kind: 'file', label: html, path: html, languageId: 'ts' }],
          },
          answerTurn('a1', 'x', {
            status: 'error',
            error: { kind: 'server', message: html, retryable: true },
            tools: [{ id: 't', name: html, summary: html, status: 'done', result: html }],
          }),
        ],
      },
      chats: [{ id: 'c1', title: html, updatedAt: 0, turnCount: 1 }],
      chips: [{ id: 'k2', kind: 'selection', label: html, path: html, languageId: 'ts' }],
    });
    await panel.page.getByRole('button', { name: 'Chats' }).click();
    await panel.page.locator('.chat-title').first().waitFor();
    assert.deepEqual(
      await panel.page.locator('#app img, #app script').evaluateAll((els) => els.map((e) => e.outerHTML)),
      [],
    );
    await assertNothingRan(panel);
  });
});
