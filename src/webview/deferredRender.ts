import type { AnswerView } from './answerView';

/** How far outside the viewport (px) a deferred answer is rendered ahead of scrolling to it. */
const MARGIN = '1500px 0px';

/**
 * Renders restored answers whose markdown was deferred: when they come near the viewport, and
 * otherwise one per idle period from the newest up, so a long chat opens fast and is still fully
 * rendered soon after (for find-in-page and copy).
 */
export class DeferredRenderer {
  private readonly observer: IntersectionObserver;
  private readonly byElement = new Map<Element, AnswerView>();
  private idleQueued = false;

  constructor(root: HTMLElement) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) if (entry.isIntersecting) this.render(entry.target);
      },
      { root, rootMargin: MARGIN },
    );
  }

  /** Watches `answer` until it is rendered. */
  add(answer: AnswerView): void {
    if (!answer.deferred) return;
    this.byElement.set(answer.element, answer);
    this.observer.observe(answer.element);
    this.queueIdle();
  }

  /** Forgets every answer (a new restore or a truncation replaced them). */
  clear(): void {
    this.observer.disconnect();
    this.byElement.clear();
  }

  private render(element: Element): void {
    const answer = this.byElement.get(element);
    this.byElement.delete(element);
    this.observer.unobserve(element);
    if (answer?.element.isConnected) answer.renderDeferred();
  }

  private queueIdle(): void {
    if (this.idleQueued) return;
    this.idleQueued = true;
    requestIdleCallback(() => {
      this.idleQueued = false;
      const newest = [...this.byElement.keys()].at(-1);
      if (!newest) return;
      this.render(newest);
      if (this.byElement.size > 0) this.queueIdle();
    });
  }
}
