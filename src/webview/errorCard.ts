import type { ErrorKind, ErrorView, WebviewToHost } from '../common/protocol';
import { el, icon, textButton } from './dom';
import { setText } from './hiddenChars';

/** Where an "Open dashboard" action leads (credits, keys). */
export const DASHBOARD_URL = 'https://apiin.one/dashboard';

const RETRYABLE_KINDS: readonly ErrorKind[] = ['rate_limit', 'server', 'network', 'stream_truncated'];

interface ErrorAction {
  label: string;
  icon: string;
  message: WebviewToHost;
}

/** The one action a failed turn calls for, by error kind. */
export function errorAction(error: ErrorView, turnId: string): ErrorAction | undefined {
  switch (error.kind) {
    case 'auth':
      return { label: 'Set API key', icon: 'key', message: { type: 'setApiKey' } };
    case 'insufficient_credits':
      return { label: 'Open dashboard', icon: 'link-external', message: { type: 'openExternal', url: DASHBOARD_URL } };
    default:
      if (error.retryable || RETRYABLE_KINDS.includes(error.kind)) {
        return { label: 'Retry', icon: 'refresh', message: { type: 'retry', turnId } };
      }
      return undefined;
  }
}

/** An inline card for a failed turn: the (already redacted) message and its action. */
export function createErrorCard(
  error: ErrorView,
  turnId: string,
  post: (m: WebviewToHost) => void,
  live: boolean,
): HTMLElement {
  const message = el('div', { class: 'error-message' });
  setText(message, error.message);
  const card = el(
    'div',
    { class: `error-card error-${error.kind}` },
    icon(error.kind === 'aborted' ? 'circle-slash' : 'error', 'error-icon'),
    message,
  );
  if (live) card.setAttribute('role', 'alert');
  const action = errorAction(error, turnId);
  if (action) {
    const button = textButton(action.icon, action.label, undefined, true);
    if (action.message.type === 'retry') button.classList.add('error-retry');
    button.addEventListener('click', () => post(action.message));
    card.append(el('div', { class: 'error-actions' }, button));
  }
  return card;
}

/** "Retrying in N s (attempt a/b)", counting down live until {@link RetryNotice.clear}. */
export class RetryNotice {
  readonly element = el('div', { class: 'retry-notice', attrs: { hidden: '' } });
  private timer: ReturnType<typeof setInterval> | undefined;

  show(attempt: number, maxAttempts: number, delayMs: number): void {
    this.clear();
    const deadline = Date.now() + delayMs;
    const render = (): void => {
      const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      this.element.replaceChildren(
        icon('sync', 'codicon-modifier-spin'),
        ` Retrying in ${seconds} s (attempt ${attempt}/${maxAttempts})`,
      );
      if (seconds === 0) this.stopTimer();
    };
    this.element.hidden = false;
    render();
    this.timer = setInterval(render, 250);
  }

  clear(): void {
    this.stopTimer();
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
