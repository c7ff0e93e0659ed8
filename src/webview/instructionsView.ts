import type { InstructionFileView, WebviewToHost } from '../common/protocol';
import { el, icon, iconButton } from './dom';

/**
 * The project instruction files sent with this chat's messages, as chips above the input. Removing one
 * leaves it out of this chat only (the host remembers it with the chat); a removed file stays listed,
 * struck through, with a button to use it again.
 */
export class InstructionsView {
  readonly element = el('div', {
    class: 'instruction-chips',
    attrs: { role: 'list', 'aria-label': 'Project instructions', hidden: '' },
  });

  constructor(private readonly post: (m: WebviewToHost) => void) {}

  setFiles(files: readonly InstructionFileView[]): void {
    this.element.replaceChildren(...files.map((f) => this.chip(f)));
    this.element.hidden = files.length === 0;
  }

  private chip(f: InstructionFileView): HTMLElement {
    const name = `Instructions: ${f.path}`;
    const toggle = f.removed
      ? iconButton('add', `Use ${f.path} in this chat again`)
      : iconButton('close', `Remove ${f.path} from this chat`);
    toggle.classList.add('chip-remove');
    toggle.addEventListener('click', () => this.post({ type: 'useInstructions', path: f.path, use: f.removed }));
    const title = f.removed
      ? `${f.path} is not sent in this chat.`
      : `Project instructions from ${f.path}, sent with every message of this chat${f.cut ? ` (${f.cut})` : ''}.`;
    return el(
      'span',
      { class: `chip instruction-chip${f.removed ? ' removed' : ''}`, attrs: { role: 'listitem', title } },
      icon('book'),
      el('span', { class: 'chip-label', text: f.cut && !f.removed ? `${name} (cut)` : name }),
      toggle,
    );
  }
}
