import { el } from './dom';

/**
 * A polite live region for whole events (a finished answer, a retry), never for each token:
 * screen readers would otherwise read every delta.
 */
export class Announcer {
  readonly element = el('div', {
    class: 'sr-only',
    attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', id: 'liveRegion' },
  });

  announce(text: string): void {
    // Clearing first makes a repeated identical message be announced again.
    this.element.textContent = '';
    requestAnimationFrame(() => {
      this.element.textContent = text;
    });
  }
}
