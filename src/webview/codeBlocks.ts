import type { WebviewToHost } from '../common/protocol';
import { el, iconButton } from './dom';
import { highlightElement } from './highlight';

/** Code block actions: data-action value → accessible name and codicon. */
const ACTIONS = [
  ['copy', 'Copy', 'copy'],
  ['insert', 'Insert at cursor', 'insert'],
  ['apply', 'Apply', 'git-compare'],
  ['newFile', 'New file', 'new-file'],
] as const;

type CodeAction = (typeof ACTIONS)[number][0];

/** The language of a `<code>` element rendered by markdown-it (`language-xxx` class), or ''. */
export function codeLanguage(code: Element): string {
  for (const c of code.classList) if (c.startsWith('language-')) return c.slice('language-'.length);
  return '';
}

/** Wraps a `<pre><code>` in a block with a language label and the action buttons. */
export function wrapCodeBlock(pre: HTMLPreElement, language: string): HTMLDivElement {
  const toolbar = el('div', { class: 'code-toolbar' }, el('span', { class: 'code-lang', text: language || 'text' }));
  const actions = el('div', { class: 'code-actions' });
  for (const [action, label, iconName] of ACTIONS) actions.append(iconButton(iconName, label, `code-${action}`));
  toolbar.append(actions);
  const block = el('div', { class: 'code-block' }, toolbar);
  pre.replaceWith(block);
  block.append(pre);
  return block;
}

/** Highlights and decorates every code block in freshly rendered (already sanitized) markdown. */
export function decorateCodeBlocks(root: DocumentFragment | Element): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.firstElementChild;
    if (!(code instanceof HTMLElement) || code.tagName !== 'CODE') continue;
    const language = codeLanguage(code);
    if (highlightElement(code, language)) code.classList.add('hljs');
    wrapCodeBlock(pre, language);
  }
}

/** The raw code of a block: the text, not the highlighted HTML, without the fence's final newline. */
export function rawCode(block: Element): string {
  const text = block.querySelector('pre > code')?.textContent ?? '';
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** Maps a click on a code block button to the message it posts, or undefined if it is not one. */
export function codeBlockMessage(target: Element): WebviewToHost | undefined {
  const button = target.closest<HTMLElement>('button[data-action^="code-"]');
  const block = button?.closest('.code-block');
  if (!button || !block) return undefined;
  const code = rawCode(block);
  const language = codeLanguage(block.querySelector('pre > code') ?? block);
  const action = button.dataset.action?.slice('code-'.length) as CodeAction;
  switch (action) {
    case 'copy':
      return { type: 'copyText', text: code };
    case 'insert':
      return { type: 'insertCode', code, language };
    case 'apply':
      return { type: 'applyCode', code, language };
    case 'newFile':
      return { type: 'newFile', code, language };
    default:
      return undefined;
  }
}
