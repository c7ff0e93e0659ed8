import type { WebviewToHost } from '../common/protocol';
import { el, icon, textButton } from './dom';
import { DASHBOARD_URL } from './errorCard';
import { textSpan } from './hiddenChars';

/** Shown while no API key is stored: what the extension needs and where to get it. */
export function createOnboarding(post: (m: WebviewToHost) => void): HTMLElement {
  const setKey = textButton('key', 'Set API key', undefined, true);
  setKey.addEventListener('click', () => post({ type: 'setApiKey' }));
  const dashboard = el('a', { text: 'API in One dashboard', attrs: { href: DASHBOARD_URL } });
  return el(
    'section',
    { class: 'onboarding', attrs: { id: 'onboarding', 'aria-labelledby': 'onboardingTitle', hidden: '' } },
    icon('sparkle', 'onboarding-icon'),
    el('h2', { text: 'Welcome to AIO Coder', attrs: { id: 'onboardingTitle' } }),
    el('p', {
      text: "AIO Coder chats with Google Gemini about your code through API in One. Add your API key to start. It is kept in VS Code's secret storage.",
    }),
    setKey,
    el('p', { class: 'hint' }, 'No key yet? Create one in the ', dashboard, '.'),
  );
}

/** A dismissible host notice (info or warning). */
export function createNotice(level: 'info' | 'warning', message: string): HTMLElement {
  const dismiss = el(
    'button',
    { class: 'icon-button', attrs: { type: 'button', 'aria-label': 'Dismiss', title: 'Dismiss' } },
    icon('close'),
  );
  const notice = el(
    'div',
    { class: `notice notice-${level}`, attrs: { role: 'status' } },
    icon(level === 'warning' ? 'warning' : 'info'),
    textSpan('notice-text', message),
    dismiss,
  );
  dismiss.addEventListener('click', () => notice.remove());
  return notice;
}
