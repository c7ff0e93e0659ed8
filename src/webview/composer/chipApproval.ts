import type { WebviewToHost } from '../../common/protocol';
import { el, textButton } from '../dom';
import { textSpan } from '../hiddenChars';

/**
 * "Allow once / Deny" for a sensitive file picked as a chip (it matches aioCoder.tools.denyGlobs):
 * the same question, and the same `toolApproval` answer, as a tool's read of such a file.
 */
export class ChipApprovals {
  readonly element = el('div', { class: 'chip-approvals' });

  constructor(private readonly post: (m: WebviewToHost) => void) {}

  ask(approvalId: string, path: string): void {
    const allow = textButton('check', 'Allow once', undefined, true);
    const deny = textButton('close', 'Deny');
    const question = el(
      'div',
      { class: 'chip-approval', attrs: { role: 'group', 'aria-label': 'Sensitive file' } },
      el('span', { text: 'Sensitive file: add ' }),
      textSpan('chip-approval-path', path, 'name'),
      el('span', { text: ' to the chat?' }),
      allow,
      deny,
    );
    const answer = (ok: boolean): void => {
      question.remove();
      this.post({ type: 'toolApproval', approvalId, allow: ok });
    };
    allow.addEventListener('click', () => answer(true));
    deny.addEventListener('click', () => answer(false));
    this.element.append(question);
    allow.focus();
  }
}
