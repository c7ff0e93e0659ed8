import { isObj } from './isObj';
import type { ErrorKind } from './protocol';
import { redact } from './redact';

/** Where an error was detected: the HTTP status line, a JSON body on a 200, an SSE event, or the transport. */
export type ErrorSource = 'http_status' | 'body_envelope' | 'stream_event' | 'transport';

/** Fields to build an {@link LlmError}. `message` is redacted by the constructor. */
export interface LlmErrorInit {
  kind: ErrorKind;
  source: ErrorSource;
  message: string;
  httpStatus?: number | null;
  code?: string | number | null;
  type?: string | null;
  /** Defaults to {@link isRetryableKind}(kind). */
  retryable?: boolean;
  retryAfterMs?: number | null;
  cause?: unknown;
}

const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limit',
  'server',
  'network',
  'stream_truncated',
]);

/** True for the kinds that may be retried automatically (docs/api.md §6.5). */
export function isRetryableKind(kind: ErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/**
 * The one error type of the chat client. `kind` says what happened; `message` is already redacted
 * (no `Bearer …`, no `aio_…`) and safe to show or log.
 */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  /** What went wrong, see {@link ErrorKind}. */
  readonly kind: ErrorKind;
  /** Where it was detected. */
  readonly source: ErrorSource;
  /** HTTP status of the response, or null when no response arrived. */
  readonly httpStatus: number | null;
  /** Provider error code (`error.code` or the envelope `code`). */
  readonly code: string | number | null;
  /** Provider error type (`error.type`). */
  readonly type: string | null;
  /** Whether an automatic retry may help. */
  readonly retryable: boolean;
  /** Server-requested delay before a retry (from `retry-after-ms` / `Retry-After`). */
  readonly retryAfterMs: number | null;

  constructor(init: LlmErrorInit) {
    super(redact(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.source = init.source;
    this.httpStatus = init.httpStatus ?? null;
    this.code = init.code ?? null;
    this.type = init.type ?? null;
    this.retryable = init.retryable ?? isRetryableKind(init.kind);
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** True when `e` is an abort (`AbortError` DOMException or anything named so). A `TimeoutError` is not an abort. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** Minimal header lookup, satisfied by the fetch `Headers` class. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * Reads the server's requested retry delay: `retry-after-ms` (milliseconds), else `Retry-After`
 * as delta-seconds (fractional allowed) or an HTTP date. Returns undefined when missing, unparsable
 * or negative. Values over 60 s are returned as they are; the retry policy decides what to do with them.
 */
export function parseRetryAfter(headers: HeaderLookup, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const v = Number(ms);
    if (Number.isFinite(v) && v >= 0) return Math.round(v);
  }
  const ra = headers.get('retry-after');
  if (ra === null || ra.trim() === '') return undefined;
  const trimmed = ra.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) {
    const s = Number(trimmed);
    return s >= 0 ? Math.round(s * 1000) : undefined;
  }
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  const delta = at - nowMs;
  return delta >= 0 ? delta : undefined;
}

/** What an error body says, whichever of the shapes in docs/api.md §6.1 it has. */
export interface ErrorBodyInfo {
  message?: string;
  code?: string | number;
  type?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const codeOf = (v: unknown): string | number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' ? v : undefined;

/** A relay may nest the upstream's JSON error as a string inside `message`; unwrap one level. */
function unnest(info: ErrorBodyInfo): ErrorBodyInfo {
  const m = info.message?.trim();
  if (m === undefined || (m[0] !== '{' && m[0] !== '[')) return info;
  try {
    const inner = extractErrorInfo(JSON.parse(m), false);
    if (inner?.message === undefined) return info;
    return { message: inner.message, code: info.code ?? inner.code, type: info.type ?? inner.type };
  } catch {
    return info; // not JSON after all: keep the text as it is
  }
}

/**
 * Extracts message, code and type from a parsed error body: `{error:{message,code,type}}`, `{error:"text"}`,
 * the reseller envelope `{code, msg|message}`, Google's list form `[{error:{…}}]`, or a bare `{message}`.
 * Returns undefined when the value carries none of these.
 */
export function extractErrorInfo(value: unknown, nested = true): ErrorBodyInfo | undefined {
  if (Array.isArray(value)) return value.length > 0 ? extractErrorInfo(value[0], nested) : undefined;
  if (!isObj(value)) return undefined;
  let info: ErrorBodyInfo | undefined;
  const e = value.error;
  if (typeof e === 'string') info = { message: e, code: codeOf(value.code) };
  else if (isObj(e)) {
    info = { message: str(e.message) ?? str(e.msg), code: codeOf(e.code), type: str(e.type) ?? str(e.status) };
  } else if ('code' in value || 'message' in value || 'msg' in value) {
    info = { message: str(value.msg) ?? str(value.message), code: codeOf(value.code), type: str(value.type) };
  }
  if (info === undefined) return undefined;
  return nested ? unnest(info) : info;
}

/** The `<title>` of an HTML page, whitespace collapsed. */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const t = m?.[1]?.replace(/\s+/g, ' ').trim();
  return t === undefined || t === '' ? undefined : t;
}

/** Parses an error body of any shape (JSON, HTML, plain text); `fallback` is used when it says nothing. */
export function parseErrorBody(text: string, fallback: string): ErrorBodyInfo {
  const body = text.length > 65536 ? text.slice(0, 65536) : text;
  const t = body.trim();
  if (t === '') return { message: fallback };
  if (t[0] === '{' || t[0] === '[') {
    try {
      const info = extractErrorInfo(JSON.parse(t));
      if (info !== undefined) return { ...info, message: info.message ?? fallback };
    } catch {
      // Not JSON: fall through to HTML / plain text.
    }
  }
  if (t[0] === '<') return { message: htmlTitle(t) ?? fallback };
  return { message: t.length > 200 ? `${t.slice(0, 200)}…` : t };
}

const numericCode = (code: string | number | undefined): number | undefined => {
  const n = typeof code === 'number' ? code : typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : NaN;
  return n >= 100 && n <= 599 ? n : undefined;
};

/** Kind for an error that has no usable HTTP-like code, from its type, code and text. */
function kindFromText(info: ErrorBodyInfo): ErrorKind {
  const s = `${info.type ?? ''} ${String(info.code ?? '')} ${info.message ?? ''}`;
  if (/insufficient|balance|credit/i.test(s)) return 'insufficient_credits';
  if (/auth|permission|api[ _-]?key|unauthori[sz]ed|forbidden/i.test(s)) return 'auth';
  if (/rate[ _-]?limit|too many requests|resource_exhausted/i.test(s)) return 'rate_limit';
  if (/invalid_request|invalid_argument|not_found|validation|unsupported/i.test(s)) return 'bad_request';
  return 'server';
}

/**
 * Classifies by HTTP status first, then by the body's code or text (docs/api.md §6.1, §6.2). For a 2xx status
 * (an error inside a 200 body or stream), the body's numeric code stands in for the status.
 */
export function classifyError(status: number, info: ErrorBodyInfo): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  const bodyCode = numericCode(info.code);
  if (status === 402 || bodyCode === 402 || /insufficient|balance|credit/i.test(info.message ?? ''))
    return 'insufficient_credits';
  if (status >= 200 && status < 300)
    return bodyCode !== undefined && bodyCode !== status ? classifyError(bodyCode, info) : kindFromText(info);
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 409 || status === 455 || status >= 500) return 'server';
  return 'bad_request';
}

/** Builds the error for a non-2xx HTTP response from its status, headers and body text. */
export function errorFromHttp(
  status: number,
  statusText: string,
  headers: HeaderLookup,
  bodyText: string,
  nowMs: number,
): LlmError {
  const fallback = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const info = parseErrorBody(bodyText, fallback);
  const kind = classifyError(status, info);
  const shouldRetry = headers.get('x-should-retry');
  let retryable = isRetryableKind(kind);
  if (shouldRetry === 'false') retryable = false;
  else if (shouldRetry === 'true' && kind !== 'auth' && kind !== 'insufficient_credits' && kind !== 'bad_request')
    retryable = true;
  return new LlmError({
    kind,
    source: 'http_status',
    message: info.message ?? fallback,
    httpStatus: status,
    code: info.code,
    type: info.type,
    retryable,
    retryAfterMs: parseRetryAfter(headers, nowMs),
  });
}

/** Builds the error for an error object found in a 200 body (`body_envelope`) or in the stream (`stream_event`). */
export function errorFromPayload(info: ErrorBodyInfo, source: ErrorSource, httpStatus: number): LlmError {
  const message =
    info.message ?? `Server reported an error${info.code !== undefined ? ` (code ${String(info.code)})` : ''}`;
  return new LlmError({
    kind: classifyError(httpStatus, info),
    source,
    message,
    httpStatus,
    code: info.code,
    type: info.type,
  });
}

/**
 * Classifies a thrown fetch/read failure: an abort becomes `aborted`, a `TimeoutError` or a
 * `TypeError` (undici "fetch failed" / "terminated", with `cause.code`) becomes `network`.
 */
export function errorFromTransport(e: unknown, httpStatus: number | null): LlmError {
  if (isAbortError(e))
    return new LlmError({ kind: 'aborted', source: 'transport', message: 'Request stopped', httpStatus, cause: e });
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  const cause = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
  const code = isObj(cause) ? codeOf(cause.code) : undefined;
  const what = e instanceof Error ? e.message : String(e);
  const message =
    name === 'TimeoutError'
      ? 'Request timed out'
      : `Connection failed: ${what}${code !== undefined ? ` (${String(code)})` : ''}`;
  return new LlmError({ kind: 'network', source: 'transport', message, httpStatus, code: code ?? null, cause: e });
}
