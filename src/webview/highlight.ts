import type { Emitter } from 'highlight.js';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// A curated set (not the full bundle, which is ~1 MB): the languages a coding chat meets most.
const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  kotlin,
  markdown,
  php,
  python,
  ruby,
  rust,
  shell,
  sql,
  swift,
  typescript,
  xml,
  yaml,
};
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);

/** Largest snippet we colour; beyond it highlighting costs more than it is worth. */
const MAX_HIGHLIGHT_CHARS = 100_000;

/** highlight.js's token tree: a scope and its text and nested scopes. */
interface TokenNode {
  scope?: string;
  children: (string | TokenNode)[];
}

/**
 * Collects highlight.js's tokens as a tree and skips its HTML output (which we never use, and
 * which is about two thirds of the cost of highlighting). Same shape as highlight.js's own
 * TokenTreeEmitter; `openNode`/`closeNode` are what the parser calls for mode scopes.
 */
class TokenTreeEmitter implements Emitter {
  readonly root: TokenNode = { children: [] };
  private readonly stack: TokenNode[] = [this.root];

  private get top(): TokenNode {
    return this.stack[this.stack.length - 1] ?? this.root;
  }

  addText(text: string): void {
    if (text) this.top.children.push(text);
  }

  startScope(scope: string): void {
    this.openNode(scope);
  }

  endScope(): void {
    this.closeNode();
  }

  openNode(scope: string): void {
    const node: TokenNode = { scope, children: [] };
    this.top.children.push(node);
    this.stack.push(node);
  }

  closeNode(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  __addSublanguage(emitter: Emitter, name: string): void {
    if (!(emitter instanceof TokenTreeEmitter)) return;
    if (name) emitter.root.scope = `language:${name}`;
    this.top.children.push(emitter.root);
  }

  finalize(): void {
    this.stack.length = 1;
  }

  toHTML(): string {
    return '';
  }
}

hljs.configure({ __emitter: TokenTreeEmitter });

/** highlight.js's scope → CSS class mapping (`title.function` → `hljs-title function_`). */
function scopeClass(scope: string): string {
  if (scope.startsWith('language:')) return `language-${scope.slice('language:'.length)}`;
  const [head, ...rest] = scope.split('.');
  return [`hljs-${head}`, ...rest.map((part, i) => `${part}${'_'.repeat(i + 1)}`)].join(' ');
}

function appendTokens(parent: Node, node: TokenNode): void {
  let text = '';
  for (const child of node.children) {
    if (typeof child === 'string') {
      text += child;
      continue;
    }
    if (text) parent.appendChild(document.createTextNode(text));
    text = '';
    if (!child.scope) {
      appendTokens(parent, child);
      continue;
    }
    const span = document.createElement('span');
    span.className = scopeClass(child.scope);
    appendTokens(span, child);
    parent.appendChild(span);
  }
  if (text) parent.appendChild(document.createTextNode(text));
}

function tokenTree(code: string, language: string): TokenNode | undefined {
  try {
    const emitter = hljs.highlight(code, { language, ignoreIllegals: true })._emitter;
    return emitter instanceof TokenTreeEmitter ? emitter.root : undefined;
  } catch {
    // A grammar bug must not break the answer: the code stays plain text.
    return undefined;
  }
}

/**
 * Colours the text of a `<code>` element in place. The tokens become spans built with the DOM
 * (text nodes, fixed class names), so highlighting never parses HTML. Returns false when the
 * language is unknown or the code too long, leaving the element untouched.
 */
export function highlightElement(code: HTMLElement, language: string): boolean {
  const lang = language.toLowerCase();
  const text = code.textContent ?? '';
  if (!lang || text.length > MAX_HIGHLIGHT_CHARS || !hljs.getLanguage(lang)) return false;
  const tree = tokenTree(text, lang);
  if (!tree) return false;
  const fragment = document.createDocumentFragment();
  appendTokens(fragment, tree);
  code.replaceChildren(fragment);
  return true;
}
