/**
 * What {@link buildWebviewHtml} needs: all values come from the host (`webview.cspSource`, a fresh nonce,
 * `asWebviewUri`).
 */
export interface WebviewHtmlOptions {
  /** The webview's resource origin (`webview.cspSource`), allowed for scripts' images, fonts and styles. */
  cspSource: string;
  /** A fresh random nonce per render (base64 or hex); only the tagged script and style may run. */
  nonce: string;
  /** URI of `dist/webview.js` as the webview sees it. */
  scriptUri: string;
  /** URI of `dist/webview.css` as the webview sees it. */
  styleUri: string;
  /** Document title (not shown in VS Code, used by assistive technology). */
  title: string;
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Content-Security-Policy of the chat webview: nothing remote, no inline script, no eval. */
export function webviewCsp(cspSource: string, nonce: string): string {
  return (
    [
      "default-src 'none'",
      `img-src ${cspSource}`,
      `font-src ${cspSource}`,
      `style-src ${cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ') + ';'
  );
}

/**
 * Builds the full HTML of the chat webview: the CSP, the stylesheet, the root element the bundle
 * renders into, and the nonce-tagged script. Pure: the host and the webview tests both call it.
 */
export function buildWebviewHtml(options: WebviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce))
    throw new Error('buildWebviewHtml: the nonce must be at least 16 base64/hex characters');
  const nonce = escapeAttr(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(webviewCsp(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(options.styleUri)}" nonce="${nonce}">
<title>${escapeAttr(options.title)}</title>
</head>
<body>
<div id="app" class="app"><noscript>AIO Coder needs JavaScript enabled in webviews.</noscript></div>
<script nonce="${nonce}" src="${escapeAttr(options.scriptUri)}"></script>
</body>
</html>
`;
}
