import { createParser, type EventSourceParser, type ParseError } from 'eventsource-parser';

/** How the body is being read: not decided yet, as SSE, or as one whole document (JSON or HTML). */
export type BodyMode = 'unknown' | 'sse' | 'document';

/**
 * Receives what a {@link SseBodyDecoder} finds. Callbacks fire synchronously from `push`/`end`.
 * Event names are read here and nowhere else (docs/api.md §3 item 5, as openai-node's `Stream.fromSSEResponse`):
 * `error` is an error frame, every other name (absent, `message`, `completion`, …) is an ordinary event,
 * so no content is ever dropped because of its name.
 */
export interface SseSink {
  /** One event's non-empty `data` (or a bare JSON line in the stream), whatever the event's name. */
  onData(data: string): void;
  /** The `data` of an `event: error` frame, possibly empty. */
  onErrorEvent(data: string): void;
  /** `data: [DONE]` arrived; nothing after it is read. */
  onDone(): void;
  /** A protocol-level failure of the framing (e.g. an event larger than the buffer cap). */
  onFramingError(message: string): void;
}

/** Diagnostics collected while decoding. */
export interface SseStats {
  commentsSeen: number;
  /** Events with empty (or whitespace-only) data and no error name, e.g. a bare `event: ping`: skipped. */
  emptyEvents: number;
  retryHintMs?: number;
  lastEventId?: string;
}

/** Options of {@link SseBodyDecoder}. */
export interface SseDecoderOptions {
  /** The response Content-Type; a JSON type means a whole document even before any byte is seen. */
  contentType: string;
  /** Cap on buffered partial event data, in characters. */
  maxBufferSize?: number;
}

const DEFAULT_MAX_BUFFER = 8 * 1024 * 1024;

/**
 * Turns response body bytes into SSE `data` strings with eventsource-parser, or into one whole document
 * when the body is not SSE (docs/api.md §3, §6.2): bytes go through one streaming `TextDecoder` (so a
 * multi-byte character split across chunks survives), the first non-whitespace character is sniffed
 * (`{`, `[`, `<` or a JSON Content-Type mean a document), and at EOF the parser is flushed with a blank
 * line so a final event without its terminating blank line is still dispatched. Stops at `[DONE]`.
 */
export class SseBodyDecoder {
  /** Current mode; `document` bodies are returned by {@link end}. */
  mode: BodyMode = 'unknown';
  /** True once `[DONE]` was seen. */
  done = false;
  /** True once nothing more will be read: `[DONE]` was seen or the framing failed. */
  stopped = false;
  readonly stats: SseStats = { commentsSeen: 0, emptyEvents: 0 };
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private readonly jsonType: boolean;
  private head = '';
  private readonly doc: string[] = [];

  constructor(
    private readonly sink: SseSink,
    options: SseDecoderOptions,
  ) {
    const ct = options.contentType.toLowerCase();
    this.jsonType = ct.includes('json') && !ct.includes('event-stream');
    this.parser = createParser({
      onEvent: (ev) => this.event(ev.data, ev.event, ev.id),
      onComment: () => {
        this.stats.commentsSeen++;
      },
      onRetry: (ms) => {
        this.stats.retryHintMs = ms;
      },
      onError: (err) => this.parseError(err),
      maxBufferSize: options.maxBufferSize ?? DEFAULT_MAX_BUFFER,
    });
  }

  /** Feeds raw body bytes. */
  push(bytes: Uint8Array): void {
    if (this.stopped) return;
    this.take(this.decoder.decode(bytes, { stream: true }));
  }

  /** Ends the body. Returns the whole text in document mode, else undefined. */
  end(): string | undefined {
    if (!this.stopped) this.take(this.decoder.decode());
    if (this.mode === 'unknown') {
      // Only whitespace arrived: nothing to parse.
      this.mode = this.jsonType ? 'document' : 'sse';
      if (this.mode === 'document') this.doc.push(this.head);
    }
    if (this.mode === 'document') return this.doc.join('');
    if (!this.stopped) this.feed('\n\n');
    return undefined;
  }

  private take(s: string): void {
    if (s === '') return;
    if (this.mode === 'sse') this.feed(s);
    else if (this.mode === 'document') this.doc.push(s);
    else this.sniff(s);
  }

  private sniff(s: string): void {
    const head = this.head + s;
    let i = 0;
    while (i < head.length && head.charCodeAt(i) <= 32) i++;
    if (i === head.length) {
      this.head = head;
      return;
    }
    this.head = '';
    const c = head[i];
    if (this.jsonType || c === '{' || c === '[' || c === '<') {
      this.mode = 'document';
      this.doc.push(head);
    } else {
      this.mode = 'sse';
      this.feed(head);
    }
  }

  private feed(s: string): void {
    try {
      this.parser.feed(s);
    } catch {
      // The parser throws once terminated by its buffer cap; that was already reported.
      this.stopped = true;
    }
  }

  private event(data: string, event: string | undefined, id: string | undefined): void {
    if (this.stopped) return;
    if (id !== undefined) this.stats.lastEventId = id;
    const c = data.charCodeAt(0);
    // Only data that is empty or starts with whitespace needs trimming; chunks start with `{`.
    const blank = data === '' || (c <= 32 && data.trim() === '');
    if (c === 91 ? data.startsWith('[DONE]') : c <= 32 && !blank && data.trimStart().startsWith('[DONE]')) {
      this.done = true;
      this.stopped = true;
      this.sink.onDone();
      return;
    }
    if (event === 'error') this.sink.onErrorEvent(data);
    else if (blank) this.stats.emptyEvents++;
    else this.sink.onData(data);
  }

  private parseError(err: ParseError): void {
    if (err.type === 'max-buffer-size-exceeded') {
      this.stopped = true;
      this.sink.onFramingError('An event exceeded the maximum buffer size');
      return;
    }
    // A bare JSON line inside an event stream (the upstream's maintenance envelope) has no `data:`
    // prefix, so the parser sees an unknown field; hand the whole line on as a payload.
    const line = err.line?.trimStart();
    if (err.type === 'unknown-field' && line !== undefined && (line[0] === '{' || line[0] === '[')) {
      this.event(line, undefined, undefined);
    }
  }
}
