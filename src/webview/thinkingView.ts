import { el, icon } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';

/** The collapsible "Thinking" section of an answer: streams open, collapses when the answer starts. */
export class ThinkingView {
  readonly element = el('details', { class: 'thinking', attrs: { hidden: '' } });
  private readonly label = el('span', { class: 'thinking-label', text: 'Thinking' });
  private readonly body = el('div', { class: 'markdown-body thinking-body' });
  private readonly markdown = new StreamingMarkdown(this.body);
  /** Reasoning of a restored turn, rendered only when the section is opened. */
  private pending: string | undefined;

  constructor() {
    this.element.append(el('summary', {}, icon('lightbulb'), this.label), this.body);
    this.element.addEventListener('toggle', () => {
      if (!this.element.open || this.pending === undefined) return;
      this.markdown.setText(this.pending);
      this.pending = undefined;
    });
  }

  /** Adds streamed reasoning; the section opens while the answer has not started. */
  append(delta: string, answerStarted: boolean): void {
    if (this.element.hidden) {
      this.element.hidden = false;
      this.element.open = !answerStarted;
      this.element.classList.add('streaming');
    }
    if (this.pending !== undefined) {
      this.markdown.append(this.pending);
      this.pending = undefined;
    }
    this.markdown.append(delta);
  }

  /** The answer text started: fold the thinking away. */
  collapse(): void {
    this.element.open = false;
  }

  /** Reasoning of a restored turn, shown collapsed (and rendered when first opened). */
  setText(text: string): void {
    this.element.hidden = !text;
    this.element.open = false;
    this.element.classList.remove('streaming');
    this.markdown.setText('');
    this.pending = text || undefined;
  }

  finish(): void {
    this.element.classList.remove('streaming');
    this.markdown.finish();
  }

  reset(): void {
    this.setText('');
  }
}
