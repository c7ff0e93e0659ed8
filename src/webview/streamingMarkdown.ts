import { splitTail } from './blockSplitter';
import { wrapCodeBlock } from './codeBlocks';
import { el } from './dom';
import { scheduleFlush, type Flushable } from './frameScheduler';
import { appendText } from './hiddenChars';
import type { ReferenceMap } from './markdownEngine';
import { renderMarkdown } from './markdownView';

interface Segment {
  src: string;
  nodes: Node[];
  /** `src` case-folded like markdown-it's normalizeReference, computed when first needed. */
  folded?: string;
}

const SAFE_LANGUAGE = /^[\w+#.-]{1,40}$/;

/** markdown-it's reference label folding (normalizeReference), for a cheap "may use it" test. */
const fold = (s: string): string => s.replace(/\s+/g, ' ').toLowerCase().toUpperCase();

interface PlainFence {
  codeStart: number;
  code: HTMLElement;
  /** Characters of code shown so far. */
  length: number;
}

/**
 * Renders a markdown text that arrives in deltas. Complete top-level blocks are rendered once and
 * frozen; only the open tail (the last block) is re-rendered, at most once per animation frame. An
 * open code fence is shown as plain text that only grows, and is highlighted once it closes. After
 * {@link finish} the DOM equals a full render of {@link text}.
 */
export class StreamingMarkdown implements Flushable {
  private readonly segments: Segment[] = [];
  private tail = '';
  private tailNodes: Node[] = [];
  private renderedTail: string | undefined;
  private needsSplit = false;
  private references: ReferenceMap = {};
  private referenceCount = 0;
  private openFence: { codeStart: number; language: string } | undefined;
  private plainFence: PlainFence | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly schedule: (target: Flushable) => void = scheduleFlush,
  ) {}

  /** The whole markdown received so far. */
  get text(): string {
    return this.segments.map((s) => s.src).join('') + this.tail;
  }

  /** Adds a delta; rendering waits for the next frame. */
  append(delta: string): void {
    if (!delta) return;
    this.tail += delta;
    if (/[\r\n]/.test(delta)) this.needsSplit = true;
    this.schedule(this);
  }

  /** Renders pending changes now: freezes blocks that became complete, re-renders the tail. */
  flush(): void {
    if (this.needsSplit) this.freezeCompleteBlocks();
    this.renderTail();
  }

  /** The text is complete: renders everything as final. */
  finish(): void {
    this.needsSplit = false;
    if (this.tail) this.freeze([this.tail.length]);
    this.renderTail();
  }

  /** Replaces everything with `text`, rendered at once as final (restored turns). */
  setText(text: string): void {
    for (const segment of this.segments) for (const node of segment.nodes) node.parentNode?.removeChild(node);
    this.segments.length = 0;
    this.references = {};
    this.referenceCount = 0;
    this.tail = text;
    this.finish();
  }

  private freezeCompleteBlocks(): void {
    this.needsSplit = false;
    const split = splitTail(this.tail);
    const last = split.cuts.at(-1) ?? 0;
    const fence = split.openFence && { ...split.openFence, codeStart: split.openFence.codeStart - last };
    if (fence?.codeStart !== this.openFence?.codeStart || split.cuts.length > 0) this.dropPlainFence();
    this.openFence = fence;
    if (split.cuts.length > 0) this.freeze(split.cuts);
  }

  private freeze(cuts: number[]): void {
    let previous = 0;
    for (const cut of cuts) {
      this.appendSegment(this.tail.slice(previous, cut));
      previous = cut;
    }
    this.tail = this.tail.slice(previous);
    this.renderedTail = undefined;
    this.openFence = undefined;
    this.dropPlainFence();
  }

  private appendSegment(src: string): void {
    const { fragment, references } = renderMarkdown(src, this.references);
    const nodes = [...fragment.childNodes];
    this.host.insertBefore(fragment, this.tailNodes[0] ?? null);
    this.segments.push({ src, nodes });
    const labels = Object.keys(references);
    if (labels.length === this.referenceCount) return;
    const added = labels.filter((label) => !(label in this.references));
    this.references = references;
    this.referenceCount = labels.length;
    this.rerenderLinkingSegments(added.map((label) => label.split(' ')[0] ?? label));
  }

  /** A new reference definition may turn `[label]` text in earlier blocks into links (rare). */
  private rerenderLinkingSegments(words: string[]): void {
    for (const segment of this.segments) {
      if (!segment.src.includes('[')) continue;
      segment.folded ??= fold(segment.src);
      const folded = segment.folded;
      if (!words.some((word) => folded.includes(word))) continue;
      const { fragment } = renderMarkdown(segment.src, this.references);
      const nodes = [...fragment.childNodes];
      const anchor = segment.nodes[0];
      if (anchor) this.host.insertBefore(fragment, anchor);
      else this.host.insertBefore(fragment, this.nextNodeAfter(segment));
      for (const node of segment.nodes) node.parentNode?.removeChild(node);
      segment.nodes = nodes;
    }
  }

  private nextNodeAfter(segment: Segment): Node | null {
    const index = this.segments.indexOf(segment);
    for (const later of this.segments.slice(index + 1)) if (later.nodes[0]) return later.nodes[0];
    return this.tailNodes[0] ?? null;
  }

  private renderTail(): void {
    if (this.tail === this.renderedTail) return;
    this.renderedTail = this.tail;
    if (this.openFence) {
      this.renderPlainFence(this.openFence.codeStart, this.openFence.language);
      return;
    }
    this.replaceTail(this.tail ? renderMarkdown(this.tail, this.references).fragment : undefined);
  }

  private replaceTail(fragment: DocumentFragment | undefined): void {
    for (const node of this.tailNodes) node.parentNode?.removeChild(node);
    this.tailNodes = fragment ? [...fragment.childNodes] : [];
    if (fragment) this.host.append(fragment);
  }

  /** While a fence is open its code only grows: append text instead of re-highlighting. */
  private renderPlainFence(codeStart: number, info: string): void {
    if (!this.plainFence) {
      // The same rule as the sanitizer's language-* classes, so the label does not change when the fence closes.
      const language = SAFE_LANGUAGE.test(info) ? info : '';
      const code = el('code', language ? { class: `language-${language}` } : {});
      const pre = el('pre', {}, code);
      const fragment = document.createDocumentFragment();
      fragment.append(pre);
      wrapCodeBlock(pre, language);
      this.replaceTail(fragment);
      this.plainFence = { codeStart, code, length: 0 };
    }
    const added = this.tail.slice(codeStart + this.plainFence.length);
    this.plainFence.length += added.length;
    appendText(this.plainFence.code, added, 'code');
  }

  private dropPlainFence(): void {
    this.plainFence = undefined;
  }
}
