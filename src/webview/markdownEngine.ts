import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** Reference definitions (`[label]: url "title"`) collected while parsing, keyed by normalized label. */
export type ReferenceMap = Record<string, { href: string; title: string }>;

/** The markdown-it env we pass around: only references are global to a document. */
export interface MarkdownEnv {
  references?: ReferenceMap;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The one markdown-it instance. `html: false` so raw HTML in model output stays text. Code is
 * emitted as escaped text and coloured after sanitizing (see highlight.ts), from the DOM.
 */
export const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** True when the inline token at `idx` sits inside a link, where a nested `<a>` would be invalid. */
function insideLink(tokens: Token[], idx: number): boolean {
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    const t = tokens[i];
    if (t?.type === 'link_open') depth++;
    else if (t?.type === 'link_close') depth--;
  }
  return depth > 0;
}

// Remote images are never loaded: an image becomes a link that shows its alt text and URL.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || 'image';
  const label = `<span class="md-image-alt">${escapeHtml(alt)}</span> <span class="md-image-url">${escapeHtml(src)}</span>`;
  if (insideLink(tokens, idx)) return `<span class="md-image">${label}</span>`;
  return `<a class="md-image" href="${escapeHtml(src)}" title="${escapeHtml(src)}">${label}</a>`;
};

// Table alignment comes as a style attribute, which the sanitizer drops: turn it into a class.
for (const rule of ['th_open', 'td_open'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    const token = tokens[idx];
    const style = token?.attrGet('style');
    if (token && style) {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      const align = /text-align:(left|center|right)/.exec(style)?.[1];
      if (align) token.attrJoin('class', `align-${align}`);
    }
    return self.renderToken(tokens, idx, options);
  };
}

/** Renders markdown to an (unsanitized) HTML string. `env.references` may be pre-filled. */
export function renderMarkdownHtml(src: string, env: MarkdownEnv): string {
  return md.render(src, env);
}

/** Block-level tokens only (no inline parsing): enough to find where top-level blocks start. */
export function parseBlockTokens(src: string): Token[] {
  const tokens: Token[] = [];
  const normalized = src.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  md.block.parse(normalized, md, {}, tokens);
  return tokens;
}
