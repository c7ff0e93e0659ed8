import type { WebviewToHost } from '../common/protocol';

/**
 * The webview never navigates: every link click (model output included) is posted to the host as
 * openExternal, which checks the scheme before opening anything.
 */
export function interceptLinks(root: Document, post: (message: WebviewToHost) => void): void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a');
    if (!link) return;
    event.preventDefault();
    const url = link.getAttribute('href');
    if (url && (event.type === 'click' || event.button === 1)) post({ type: 'openExternal', url });
  };
  root.addEventListener('click', onClick, true);
  root.addEventListener('auxclick', onClick, true);
}
