import { LlmError } from '../errors';
import { runAttempt, type FetchLike, type RecordEndInfo } from './attempt';
import { chatCompletionsUrl, validateBaseUrl } from './baseUrl';
import { buildHeaders, buildRequestBody } from './request';
import { retryDelayMs, shouldRetry } from './retryPolicy';
import type { IdFactory } from './toolCallAccumulator';
import type { ChatRequest, StreamPart } from './types';

/** Options of {@link streamChat}. Everything with a side effect is injectable. */
export interface StreamChatOptions {
  /** `aioCoder.baseUrl`; requests go to `<baseUrl>/chat/completions`. */
  baseUrl: string;
  apiKey: string;
  /** Stops the request; the stream then ends with an `aborted` error part. */
  signal?: AbortSignal;
  /** Defaults to the global `fetch` (which VS Code routes through the user's proxy). */
  fetch?: FetchLike;
  /** `aioCoder.requestTimeoutSeconds` in ms: fail as stalled when no byte arrives for this long. Default 120 s. */
  idleTimeoutMs?: number;
  /** `aioCoder.maxRetries`; 0 turns automatic retries off. Default 2. */
  maxRetries?: number;
  /** Waits between retries; resolves early (or rejects) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock in ms since the epoch (Retry-After dates, idle timing). */
  now?: () => number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Makes ids for tool calls that arrived without a unique one. */
  makeToolCallId?: IdFactory;
  /** Receives every raw body chunk of every attempt (`aioCoder.debug.recordResponses`). */
  record?: (bytes: Uint8Array) => void;
  /** Called after each attempt's body has been passed to `record`. */
  recordEnd?: (info: RecordEndInfo) => void;
  /** Non-fatal diagnostics (skipped events, dropped tool calls). */
  onWarning?: (message: string) => void;
}

const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 2;

/** Default sleep: a timer that ends early when the signal aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const aborted = (): StreamPart => ({
  type: 'error',
  error: new LlmError({ kind: 'aborted', source: 'transport', message: 'Request stopped' }),
});

/**
 * Streams one chat completion (docs/api.md): yields text and reasoning deltas as they arrive, then tool
 * calls, usage, meta, info and a final `finish` or `error` part. Expected failures are `error` parts,
 * never exceptions. Breaking out of the loop aborts the request. Retries automatically (announcing each
 * with a `retrying` part) only while nothing was shown, for retryable errors, at most `maxRetries` times.
 */
export async function* streamChat(
  request: ChatRequest,
  options: StreamChatOptions,
): AsyncGenerator<StreamPart, void, undefined> {
  const configError = validateBaseUrl(options.baseUrl);
  if (configError !== undefined) {
    yield { type: 'error', error: new LlmError({ kind: 'bad_request', source: 'transport', message: configError }) };
    return;
  }
  const body = JSON.stringify(buildRequestBody(request));
  const headers = buildHeaders(options.apiKey, request.stream ?? true);
  const maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const now = options.now ?? Date.now;
  for (let attempt = 0; ; attempt++) {
    const ended: StreamPart[] = [];
    let shown = false;
    for await (const part of runAttempt({
      url: chatCompletionsUrl(options.baseUrl),
      headers,
      body,
      attempt,
      now,
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      signal: options.signal,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      makeId: options.makeToolCallId,
      record: options.record,
      recordEnd: options.recordEnd,
      onWarning: options.onWarning,
    })) {
      if (part.type === 'text' || part.type === 'reasoning') {
        shown = true;
        yield part;
      } else {
        if (part.type === 'toolCalls') shown = true;
        ended.push(part);
      }
    }
    const last = ended[ended.length - 1];
    if (last?.type !== 'error' || !shouldRetry(last.error, shown, attempt, maxRetries)) {
      yield* ended;
      return;
    }
    const delayMs = retryDelayMs(last.error, attempt, options.random ?? Math.random);
    yield { type: 'retrying', attempt: attempt + 1, maxRetries, delayMs, error: last.error };
    await (options.sleep ?? defaultSleep)(delayMs, options.signal);
    if (options.signal?.aborted === true) {
      yield aborted();
      return;
    }
  }
}
