import { strict as assert } from 'node:assert';
import { buildWebviewHtml, webviewCsp } from '../../src/common/webviewHtml';

describe('buildWebviewHtml', () => {
  const options = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'q5Yt0xk8V0eX2Zt3b9A1Fw==',
    scriptUri: 'https://r/dist/webview.js',
    styleUri: 'https://r/dist/webview.css',
    title: 'AIO <Coder>',
  };

  it('sets the strict CSP, nonce-tagged script and style, and the root element', () => {
    const html = buildWebviewHtml(options);
    const csp = `default-src 'none'; img-src ${options.cspSource}; font-src ${options.cspSource}; style-src ${options.cspSource} 'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}';`;
    assert.equal(webviewCsp(options.cspSource, options.nonce), csp);
    assert.ok(html.includes(`content="${csp}"`));
    assert.ok(html.includes(`<script nonce="${options.nonce}" src="${options.scriptUri}"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.styleUri}" nonce="${options.nonce}">`));
    assert.ok(html.includes('<div id="app"'));
    assert.ok(html.includes('<title>AIO &lt;Coder&gt;</title>'));
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:\/\/(?!r\/)[^"' ]*apiin/);
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script, no inline code');
  });

  it('rejects a weak nonce', () => {
    assert.throws(() => buildWebviewHtml({ ...options, nonce: 'abc' }));
    assert.throws(() => buildWebviewHtml({ ...options, nonce: `x'; script-src *; '${'a'.repeat(16)}` }));
  });
});
