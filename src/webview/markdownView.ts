import { MAY_HIDE } from '../common/protocol';
import { decorateCodeBlocks } from './codeBlocks';
import { markHiddenChars } from './hiddenChars';
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
 * DOMPurify allow-list → code block decoration → markers for hidden characters (bidi controls and
 * the like). `references` pre-fills definitions made elsewhere in the same answer, so a block
 * renders as it would in the whole document.
 */
export function renderMarkdown(src: string, references: ReferenceMap = {}): RenderedMarkdown {
  const env: MarkdownEnv = { references: { ...references } };
  const html = renderMarkdownHtml(src, env);
  const fragment = sanitizeToFragment(html);
  decorateCodeBlocks(fragment);
  // Tested on the HTML, not the source: entities (&#x202E;) and percent-encoded link text are decoded by then.
  if (MAY_HIDE.test(html)) markHiddenChars(fragment);
  return { fragment, references: env.references ?? {} };
}

const WARM_UP_LANGUAGES = [
  'ts',
  'js',
  'python',
  'bash',
  'json',
  'go',
  'rust',
  'java',
  'cpp',
  'csharp',
  'html',
  'css',
  'yaml',
  'sql',
  'diff',
];

/**
 * Pays the one-time costs (JIT, linkify tables, each grammar's regex compilation) in idle time,
 * one piece per idle period, so the first streamed answer does not stall a frame.
 */
export function warmUpRenderer(requestIdle: (task: () => void) => void): void {
  const tasks = [
    () =>
      renderMarkdown(
        '# Warm up\n\n- **list** with `code` and https://example.com\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote',
      ),
    ...WARM_UP_LANGUAGES.map(
      (lang) => () => renderMarkdown(`\`\`\`${lang}\nconst x = "1"; // c\nfunction f(a) { return a + 1 }\n\`\`\``),
    ),
  ];
  const next = (): void => {
    tasks.shift()?.();
    if (tasks.length > 0) requestIdle(next);
  };
  requestIdle(next);
}
