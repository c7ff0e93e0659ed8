import { errorView } from '../chat/errorView';
import type { LlmError } from '../errors';
import { redact } from '../redact';

/** The command a user runs to store a key, as the Command Palette shows it. */
export const SET_KEY_TITLE = 'AIO Coder: Set API Key';

/** Why no request could be made before it started (the host's `ModelProblem`). */
export type LmProblem = { kind: 'badBaseUrl'; message: string } | { kind: 'noKey' };

/** What a `LanguageModelError` says: the message, and the `LanguageModelError` factory that fits, if any. */
export interface LmErrorText {
  message: string;
  /** `NoPermissions`: no key or a rejected key. `Blocked`: out of credits or rate limited. */
  code?: 'NoPermissions' | 'Blocked';
}

/** The error for a request that could not be sent: no key (naming the command that sets one) or a bad base URL. */
export function problemText(problem: LmProblem): LmErrorText {
  return problem.kind === 'noKey'
    ? {
        message: `AIO Coder: no API in One key is set. Run "${SET_KEY_TITLE}" from the Command Palette, then try again.`,
        code: 'NoPermissions',
      }
    : { message: redact(`AIO Coder: ${problem.message} (setting aioCoder.baseUrl)`) };
}

/** The error for a failed request: the chat's headline and the server's (redacted) words. */
export function clientErrorText(e: LlmError): LmErrorText {
  const message = `AIO Coder: ${errorView(e).message}`;
  switch (e.kind) {
    case 'auth':
      return { message: `${message} Run "${SET_KEY_TITLE}" to replace the key.`, code: 'NoPermissions' };
    case 'insufficient_credits':
    case 'rate_limit':
      return { message, code: 'Blocked' };
    default:
      return { message };
  }
}
