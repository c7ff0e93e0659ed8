import type { WebviewToHost } from '../common/protocol';
import { el, icon, textButton } from './dom';

/**
 * Puts the note "N earlier turns left out to fit the context window" at the top of an answer (after its
 * header), with a Summarize chat button; `note` undefined removes it.
 */
export function setContextNote(answer: HTMLElement, note: string | undefined, post: (m: WebviewToHost) => void): void {
  answer.querySelector(':scope > .context-note')?.remove();
  if (note === undefined) return;
  const summarize = textButton('fold', 'Summarize chat');
  summarize.addEventListener('click', () => post({ type: 'summarizeChat' }));
  const element = el(
    'div',
    { class: 'context-note', attrs: { role: 'note' } },
    icon('info'),
    el('span', { class: 'context-note-text', text: `${note}.` }),
    summarize,
  );
  answer.insertBefore(element, answer.firstElementChild?.nextSibling ?? null);
}
