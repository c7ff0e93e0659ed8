// Bench-only browser entry: the naive renderer the streaming renderer is measured against. It renders
// the whole markdown on every call through the product's own pipeline (markdown-it with the same
// options and rules, DOMPurify with the same allow-list and hooks, highlight.js with the same
// languages, the same code-block decoration), so only the incremental strategy differs.
import { renderMarkdown } from '../../src/webview/markdownView';

declare global {
  interface Window {
    __benchNaive: { render(markdown: string): DocumentFragment };
  }
}

window.__benchNaive = { render: (markdown) => renderMarkdown(markdown).fragment };
