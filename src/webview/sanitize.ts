import DOMPurify from 'dompurify';

// Only what markdown-it emits for CommonMark + tables, and nothing that can run code,
// load a resource or submit anything (no img, svg, math, iframe, form, style, script).
const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'start'];
// http(s), mailto and relative references; everything else with a scheme (javascript:, data:,
// vbscript:, file:, command:) is dropped.
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
// Classes a page could style or script on are not ours to hand out: keep only renderer classes.
const SAFE_CLASS =
  /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]{1,40}|align-(?:left|center|right)|md-image(?:-alt|-url)?|[\w-]+_)$/;

let configured = false;

/** Configures DOMPurify once: the webview has one use for it, and parsing the config per call allocates every frame. */
function configure(): void {
  configured = true;
  DOMPurify.setConfig({
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_DOM_FRAGMENT: true,
  });
  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'class') return;
    const kept = data.attrValue.split(/\s+/).filter((c) => SAFE_CLASS.test(c));
    if (kept.length === 0) data.keepAttr = false;
    else data.attrValue = kept.join(' ');
  });
}

/** Sanitizes renderer HTML with a strict allow-list and returns it as a fragment of this document. */
export function sanitizeToFragment(html: string): DocumentFragment {
  if (!configured) configure();
  const clean: unknown = DOMPurify.sanitize(html);
  if (!(clean instanceof DocumentFragment)) throw new Error('DOMPurify did not return a fragment');
  // The nodes belong to DOMPurify's inert parsing document; inserting them into ours adopts them.
  return clean;
}
