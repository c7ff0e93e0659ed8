import type { LlmError } from '../errors';
import type { ErrorView } from '../protocol';
import { redact } from '../redact';

const HEADLINES: Record<LlmError['kind'], string> = {
  auth: 'API key rejected. Set a valid API in One key (aio_…).',
  insufficient_credits: 'Not enough API in One credits (each request reserves about 5). Top up in the dashboard.',
  rate_limit: 'Rate limited by API in One.',
  bad_request: 'The request was refused.',
  server: 'API in One / Gemini is temporarily unavailable.',
  network: 'Network problem.',
  stream_truncated: 'The answer was cut off before it finished.',
  protocol: 'The server sent a response AIO Coder could not read.',
  aborted: 'Stopped.',
};

/** The user-facing view of a client error: a headline per kind plus the server's (redacted) words. */
export function errorView(e: LlmError): ErrorView {
  const detail = e.message.trim();
  const status = e.httpStatus && e.httpStatus >= 400 ? `HTTP ${e.httpStatus}` : '';
  const said = [status, detail].filter(Boolean).join(': ');
  const view: ErrorView = {
    kind: e.kind,
    message: redact(said ? `${HEADLINES[e.kind]} (${said})` : HEADLINES[e.kind]),
    retryable: e.retryable || e.kind === 'network' || e.kind === 'stream_truncated',
  };
  if (e.httpStatus !== null) view.httpStatus = e.httpStatus;
  return view;
}

/** An error view for failures that are not client errors (a bug, a config problem). */
export function plainErrorView(kind: ErrorView['kind'], message: string): ErrorView {
  return { kind, message: redact(message), retryable: false };
}
