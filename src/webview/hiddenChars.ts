import { findHiddenChars, hasRtlLetters, hiddenCharLabel, MAY_HIDE, type HiddenCharContext } from '../common/protocol';
import { el, icon } from './dom';

// The block whose text decides whether directional marks sit in right-to-left text.
const BLOCK = 'p,li,td,th,h1,h2,h3,h4,h5,h6,pre,blockquote,summary,dt,dd';

/**
 * A visible, inert stand-in for one hidden character. The character itself stays in the DOM text,
 * so what Copy takes (`textContent`) is byte for byte what the model wrote, but it sits in a
 * `display: none` box: it is never laid out and cannot reorder anything. The label is CSS content.
 */
function marker(ch: string): HTMLSpanElement {
  const label = hiddenCharLabel(ch);
  return el(
    'span',
    {
      class: 'hidden-char',
      attrs: { role: 'img', 'aria-label': label, title: label, 'data-code': label.split(' ')[0] ?? '' },
    },
    el('span', { class: 'hidden-char-raw', text: ch }),
  );
}

/** `text` as nodes, with a marker for each offset in `hits` (ascending). */
function markedNodes(text: string, hits: number[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let from = 0;
  for (const i of hits) {
    if (i > from) fragment.append(text.slice(from, i));
    fragment.append(marker(text.charAt(i)));
    from = i + 1;
  }
  if (from < text.length) fragment.append(text.slice(from));
  return fragment;
}

/** The warning a link gets when its text hides characters; it is part of the link's accessible name. */
function warnLink(link: Element, labels: Set<string>): void {
  if (link.querySelector(':scope > .hidden-char-warning')) return;
  const text = `Warning: the link text contains hidden characters (${[...labels].join(', ')})`;
  link.prepend(
    el(
      'span',
      { class: 'hidden-char-warning', attrs: { role: 'img', 'aria-label': text, title: text } },
      icon('warning'),
    ),
  );
}

/** A tooltip cannot hold markup: hidden characters become `[U+202E]`. */
export function safeTitle(text: string): string {
  if (!MAY_HIDE.test(text)) return text;
  let out = '';
  let from = 0;
  for (const i of findHiddenChars(text, 'name')) {
    out += `${text.slice(from, i)}[${hiddenCharLabel(text.charAt(i)).split(' ')[0] ?? ''}]`;
    from = i + 1;
  }
  return out + text.slice(from);
}

function contextOf(
  parent: Element | null,
  base: HiddenCharContext,
): { context: HiddenCharContext; link: Element | null } {
  const link = parent?.closest('a') ?? null;
  if (link) return { context: 'name', link };
  return { context: parent?.closest('code') ? 'code' : base, link };
}

/**
 * Replaces the hidden characters under `root` with markers (see {@link marker}), warns on links whose
 * text has any, and makes titles safe. Text inside a link counts as a name, inside `<code>` as code,
 * elsewhere as `base`. Callers run it only when a cheap {@link MAY_HIDE} test matched.
 */
export function markHiddenChars(root: DocumentFragment | Element, base: HiddenCharContext = 'prose'): void {
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n instanceof Text && MAY_HIDE.test(n.data) && !n.parentElement?.closest('.hidden-char')) texts.push(n);
  }
  const links = new Map<Element, Set<string>>();
  // Whether a block is right-to-left text, once per block: a long code block may hold many marks.
  const rtlBlocks = new Map<Node, boolean>();
  const isRtl = (scope: Node): boolean => {
    let rtl = rtlBlocks.get(scope);
    if (rtl === undefined) rtlBlocks.set(scope, (rtl = hasRtlLetters(scope.textContent ?? '')));
    return rtl;
  };
  for (const text of texts) {
    const parent = text.parentElement;
    const { context, link } = contextOf(parent, base);
    const block = parent?.closest(BLOCK);
    const hits = findHiddenChars(text.data, context, isRtl(block && root.contains(block) ? block : root));
    if (hits.length === 0) continue;
    if (link) {
      const labels = links.get(link) ?? new Set<string>();
      for (const i of hits) labels.add(hiddenCharLabel(text.data.charAt(i)));
      links.set(link, labels);
    }
    text.replaceWith(markedNodes(text.data, hits));
  }
  for (const [link, labels] of links) warnLink(link, labels);
  const titled = root instanceof Element && root.hasAttribute('title') ? [root] : [];
  for (const node of [...titled, ...root.querySelectorAll('[title]')]) {
    if (node.classList.contains('hidden-char') || node.classList.contains('hidden-char-warning')) continue;
    const title = node.getAttribute('title') ?? '';
    if (MAY_HIDE.test(title)) node.setAttribute('title', safeTitle(title));
  }
}

/** Sets an element's text, with markers for any hidden characters (`context` as in {@link markHiddenChars}). */
export function setText(element: HTMLElement, text: string, context: HiddenCharContext = 'prose'): void {
  element.textContent = text;
  if (MAY_HIDE.test(text)) markHiddenChars(element, context);
}

/** Appends text that only grows (an open code fence while streaming), with markers where needed. */
export function appendText(parent: Element, text: string, context: HiddenCharContext): void {
  if (!text) return;
  if (MAY_HIDE.test(text)) {
    const hits = findHiddenChars(text, context, hasRtlLetters(parent.textContent + text));
    parent.append(hits.length ? markedNodes(text, hits) : text);
    return;
  }
  const last = parent.lastChild;
  if (last instanceof Text) last.appendData(text);
  else parent.append(text);
}

/** A span showing `text` with markers for any hidden characters. */
export function textSpan(className: string, text: string, context: HiddenCharContext = 'prose'): HTMLSpanElement {
  const span = el('span', { class: className });
  setText(span, text, context);
  return span;
}
