import { decorateCodeBlocks } from './codeBlocks';
import { renderMarkdownHtml, type MarkdownEnv, type ReferenceMap } from './markdownEngine';
import { sanitizeToFragment } from './sanitize';

/** The result of rendering one markdown source: sanitized, decorated nodes and any new references. */
export interface RenderedMarkdown {
  fragment: DocumentFragment;
  /** The references known after parsing (the given ones plus definitions found in `src`). */
  references: ReferenceMap;
}

/**
 * Renders model markdown into DOM nodes that can never run script: markdown-it (html off) →
 * DOMPurify allow-list → code block decoration. `references` pre-fills definitions made elsewhere
 * in the same answer, so a block renders as it would in the whole document.
 */
export function renderMarkdown(src: string, references: ReferenceMap = {}): RenderedMarkdown {
  const env: MarkdownEnv = { references: { ...references } };
  const fragment = sanitizeToFragment(renderMarkdownHtml(src, env));
  decorateCodeBlocks(fragment);
  return { fragment, references: env.references ?? {} };
}
