import { errorFromHttp, errorFromTransport, LlmError } from '../errors';
import { ChunkReducer } from './chunkReducer';
import { IdleWatchdog } from './idleWatchdog';
import { SseBodyDecoder } from './sse';
import type { IdFactory } from './toolCallAccumulator';
import type { StreamPart } from './types';

/** The subset of `fetch` the client uses; inject a stub in tests. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<Response>;

/** Told when one attempt's raw body has been fully passed to `record`. Never carries headers or the key. */
export interface RecordEndInfo {
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number;
  status: number;
  contentType: string;
}

/** Everything one HTTP attempt needs. */
export interface AttemptContext {
  url: string;
  headers: Record<string, string>;
  body: string;
  attempt: number;
  fetch: FetchLike;
  signal: AbortSignal | undefined;
  idleTimeoutMs: number;
  now: () => number;
  makeId?: IdFactory;
  record?: (bytes: Uint8Array) => void;
  recordEnd?: (info: RecordEndInfo) => void;
  onWarning?: (message: string) => void;
}

const MAX_ERROR_BODY_BYTES = 64 * 1024;

const formatDuration = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** Races `p` against an abort of `signal`, so a fetch stub that ignores the signal still stops. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('This operation was aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DOMException('This operation was aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Runs one HTTP request and yields its parts: text and reasoning deltas as they arrive, then the end
 * parts (tool calls, usage, meta, info, finish or error). It never throws for expected failures.
 * Returning early (the consumer stopped) aborts the request and releases the socket.
 */
export async function* runAttempt(ctx: AttemptContext): AsyncGenerator<StreamPart, void, undefined> {
  const ctl = new AbortController();
  let stalled = false;
  const onUserAbort = (): void => ctl.abort();
  ctx.signal?.addEventListener('abort', onUserAbort, { once: true });
  if (ctx.signal?.aborted === true) ctl.abort();
  const watchdog = new IdleWatchdog(ctx.idleTimeoutMs, ctx.now, () => {
    stalled = true;
    ctl.abort();
  });
  const abortedError = (httpStatus: number | null): LlmError =>
    stalled
      ? new LlmError({
          kind: 'network',
          source: 'transport',
          httpStatus,
          message: `The stream stalled: no data for ${formatDuration(ctx.idleTimeoutMs)}`,
        })
      : new LlmError({ kind: 'aborted', source: 'transport', httpStatus, message: 'Request stopped' });
  let res: Response | undefined;
  try {
    try {
      res = await abortable(
        ctx.fetch(ctx.url, { method: 'POST', headers: ctx.headers, body: ctx.body, signal: ctl.signal }),
        ctl.signal,
      );
    } catch (e) {
      yield { type: 'error', error: ctl.signal.aborted ? abortedError(null) : errorFromTransport(e, null) };
      return;
    }
    watchdog.touch();
    yield* readResponse(res, ctx, ctl.signal, watchdog, abortedError);
  } finally {
    watchdog.stop();
    ctx.signal?.removeEventListener('abort', onUserAbort);
    ctl.abort(); // releases the socket if the body was not read to the end
    if (res !== undefined) endRecording(ctx, res);
  }
}

function endRecording(ctx: AttemptContext, res: Response): void {
  try {
    ctx.recordEnd?.({ attempt: ctx.attempt, status: res.status, contentType: res.headers.get('content-type') ?? '' });
  } catch {
    // Recording is best effort and must never break a request.
  }
}

function record(ctx: AttemptContext, bytes: Uint8Array): void {
  try {
    ctx.record?.(bytes);
  } catch {
    // Recording is best effort and must never break a request.
  }
}

async function* readResponse(
  res: Response,
  ctx: AttemptContext,
  signal: AbortSignal,
  watchdog: IdleWatchdog,
  abortedError: (s: number | null) => LlmError,
): AsyncGenerator<StreamPart, void, undefined> {
  const reader = res.body?.getReader();
  const cancel = (): void => void reader?.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    if (!res.ok) {
      const text = reader === undefined ? '' : await readErrorBody(reader, ctx, watchdog);
      const error = signal.aborted
        ? abortedError(res.status)
        : errorFromHttp(res.status, res.statusText, res.headers, text, ctx.now());
      yield { type: 'error', error };
      return;
    }
    yield* streamBody(reader, res, ctx, signal, watchdog, abortedError);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

async function readErrorBody(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ctx: AttemptContext,
  watchdog: IdleWatchdog,
): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      watchdog.touch();
      record(ctx, value);
      parts.push(decoder.decode(value, { stream: true }));
      size += value.byteLength;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // A broken error body still has a status; classify with what arrived.
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function* streamBody(
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  res: Response,
  ctx: AttemptContext,
  signal: AbortSignal,
  watchdog: IdleWatchdog,
  abortedError: (s: number | null) => LlmError,
): AsyncGenerator<StreamPart, void, undefined> {
  const queue: StreamPart[] = [];
  const reducer = new ChunkReducer((p) => enqueue(queue, p), {
    httpStatus: res.status,
    makeId: ctx.makeId,
    onWarning: ctx.onWarning,
  });
  const decoder = new SseBodyDecoder(
    {
      onData: (data) => reducer.sseData(data),
      onErrorEvent: (data) => reducer.sseError(data),
      onDone: () => undefined,
      onFramingError: (message) =>
        reducer.fail(new LlmError({ kind: 'protocol', source: 'stream_event', message, httpStatus: res.status })),
    },
    { contentType: res.headers.get('content-type') ?? '' },
  );
  try {
    while (reader !== undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      watchdog.touch();
      record(ctx, value);
      decoder.push(value);
      if (queue.length > 0) {
        watchdog.hold();
        yield* drain(queue);
        watchdog.release();
      }
      if (decoder.stopped) break;
    }
  } catch (e) {
    // A transport error after finish_reason or [DONE] changes nothing (undici "terminated" after the end).
    if (!reducer.complete && !decoder.done)
      reducer.fail(signal.aborted ? abortedError(res.status) : errorFromTransport(e, res.status));
  }
  if (signal.aborted && !reducer.complete && !decoder.done) reducer.fail(abortedError(res.status));
  if (decoder.stopped) void reader?.cancel().catch(() => undefined);
  const doc = decoder.end();
  if (doc !== undefined) reducer.document(doc);
  const { stats } = decoder;
  reducer.end({ streamed: decoder.mode !== 'document', doneMarkerSeen: decoder.done, ...stats });
  yield* drain(queue);
}

/** Queues a part, merging consecutive deltas of the same kind (fewer yields for byte-sized chunks). */
function enqueue(queue: StreamPart[], p: StreamPart): void {
  const last = queue[queue.length - 1];
  if (p.type === 'text' && last?.type === 'text') last.text += p.text;
  else if (p.type === 'reasoning' && last?.type === 'reasoning') last.text += p.text;
  else queue.push(p);
}

function* drain(queue: StreamPart[]): Generator<StreamPart, void, undefined> {
  const items = queue.splice(0, queue.length);
  for (const p of items) yield p;
}
