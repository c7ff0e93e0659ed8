import { errorFromPayload, extractErrorInfo, htmlTitle, LlmError, type ErrorSource } from '../errors';
import { isObj, type Obj } from '../isObj';
import { normalizeFinishReason } from './finishReason';
import { ThoughtSplitter } from './thoughtSplitter';
import { ToolCallAccumulator, type IdFactory } from './toolCallAccumulator';
import type { StreamInfo, StreamPart, Usage } from './types';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Options of a {@link ChunkReducer}. */
export interface ChunkReducerOptions {
  /** HTTP status of the response (for error objects). */
  httpStatus: number;
  /** Makes ids for tool calls that arrived without a usable one. */
  makeId?: IdFactory;
  /** Diagnostics that are not errors (skipped events, dropped calls). Never contains the key. */
  onWarning?: (message: string) => void;
}

/** Reads the token counts of a `usage` object. */
export function readUsage(u: Obj): Usage {
  const c = isObj(u.completion_tokens_details) ? u.completion_tokens_details : undefined;
  const p = isObj(u.prompt_tokens_details) ? u.prompt_tokens_details : undefined;
  const usage: Usage = {};
  const set = (k: keyof Usage, v: unknown): void => {
    const n = num(v);
    if (n !== undefined) usage[k] = n;
  };
  set('promptTokens', u.prompt_tokens);
  set('completionTokens', u.completion_tokens);
  set('totalTokens', u.total_tokens);
  set('reasoningTokens', c?.reasoning_tokens);
  set('cachedTokens', p?.cached_tokens);
  return usage;
}

/** True for `{code, data}` envelopes that mean success (`code` 200, or 0 in some gateways). */
const isSuccessCode = (code: unknown): boolean => code === 200 || code === '200' || code === 0;

/**
 * Turns parsed JSON chunks (or one whole JSON document) into {@link StreamPart}s (docs/api.md §4-§7):
 * unwraps the `{code, message|msg, data}` envelope, detects error objects, splits thinking from
 * text, accumulates tool calls, and keeps usage, credits and task id. Text and reasoning are emitted
 * as they arrive; everything else is emitted once by {@link end}.
 */
export class ChunkReducer {
  private readonly splitter = new ThoughtSplitter();
  private readonly tools: ToolCallAccumulator;
  private error: LlmError | undefined;
  private finishRaw: string | null = null;
  private finished = false;
  private documentAnswer = false;
  private usage: Usage | undefined;
  private credits: number | undefined;
  private taskId: string | undefined;
  private model: string | undefined;
  private extraContent: unknown;
  private goodEvents = 0;
  private badEvents = 0;

  constructor(
    private readonly emit: (part: StreamPart) => void,
    private readonly options: ChunkReducerOptions,
  ) {
    this.tools = new ToolCallAccumulator(options.makeId);
  }

  /** True once a `finish_reason` arrived or a document answer was read. */
  get complete(): boolean {
    return this.finished || this.documentAnswer;
  }

  /** Handles the data of one SSE event, whatever its name (the decoder routes `event: error` to {@link sseError}). */
  sseData(data: string): void {
    if (this.error !== undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      this.badEvents++;
      this.options.onWarning?.(`Skipped an event whose data is not JSON (${data.length} chars)`);
      return;
    }
    this.goodEvents++;
    this.payload(value, 'stream_event', 'delta');
  }

  /** Handles an `event: error` frame: always an error, with the message of its data when it has one. */
  sseError(data: string): void {
    if (this.error !== undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      const info = data.trim() === '' ? {} : { message: data.slice(0, 500) };
      return this.fail(errorFromPayload(info, 'stream_event', this.options.httpStatus));
    }
    this.goodEvents++;
    const info = extractErrorInfo(value) ?? { message: data.slice(0, 500) };
    this.fail(errorFromPayload(info, 'stream_event', this.options.httpStatus));
  }

  /** Handles a whole non-SSE body (a JSON answer, an error envelope, or HTML). */
  document(text: string): void {
    const t = text.trim();
    if (t[0] === '<') {
      const title = htmlTitle(t);
      return this.fail(
        this.protocolError(`Expected an answer but received an HTML page${title ? `: ${title}` : ''}`, 'body_envelope'),
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return this.fail(
        this.protocolError(
          t === '' ? 'The response body is empty' : 'The response body is not valid JSON',
          'body_envelope',
        ),
      );
    }
    if (this.payload(value, 'body_envelope', 'message')) this.documentAnswer = true;
    else if (this.error === undefined)
      this.fail(this.protocolError('The response is not a chat completion', 'body_envelope'));
  }

  /** Records an error (the first one wins). */
  fail(error: LlmError): void {
    this.error ??= error;
  }

  private protocolError(message: string, source: ErrorSource): LlmError {
    return new LlmError({ kind: 'protocol', source, message, httpStatus: this.options.httpStatus });
  }

  /** Returns true when the value was a chat completion (chunk). */
  private payload(value: unknown, source: ErrorSource, key: 'delta' | 'message'): boolean {
    if (!isObj(value)) {
      const info = Array.isArray(value) ? extractErrorInfo(value) : undefined;
      if (info !== undefined) this.fail(errorFromPayload(info, source, this.options.httpStatus));
      return false;
    }
    if (value.error !== undefined && value.error !== null) {
      this.fail(errorFromPayload(extractErrorInfo(value) ?? {}, source, this.options.httpStatus));
      return false;
    }
    let chunk = value;
    if (chunk.choices === undefined && 'code' in chunk) {
      if (!isSuccessCode(chunk.code)) {
        this.fail(errorFromPayload(extractErrorInfo(chunk) ?? {}, source, this.options.httpStatus));
        return false;
      }
      if (!isObj(chunk.data)) return false;
      chunk = chunk.data;
    }
    this.chunk(chunk, key);
    return Array.isArray(chunk.choices);
  }

  private chunk(c: Obj, key: 'delta' | 'message'): void {
    if (isObj(c.usage)) this.usage = readUsage(c.usage);
    if (c.credits_consumed !== undefined && c.credits_consumed !== null) {
      const n = Number(c.credits_consumed);
      if (Number.isFinite(n)) this.credits = n;
    }
    if (typeof c.task_id === 'string' && c.task_id !== '') this.taskId = c.task_id;
    if (typeof c.model === 'string') this.model = c.model;
    const choices = c.choices;
    if (!Array.isArray(choices)) return;
    for (let i = 0; i < choices.length; i++) {
      const ch: unknown = choices[i];
      // One answer was asked for; a non-stream body is read by position (Gemini once sent index 1).
      if (!isObj(ch) || (key === 'delta' && ch.index !== undefined && ch.index !== 0)) continue;
      const d = ch[key] ?? ch.delta;
      if (isObj(d)) this.delta(d);
      if (typeof ch.finish_reason === 'string' && ch.finish_reason !== '') {
        this.finishRaw = ch.finish_reason;
        this.finished = true;
      }
      if (key === 'message') break;
    }
  }

  private delta(d: Obj): void {
    const r = d.reasoning_content;
    if (typeof r === 'string' && r !== '') this.reasoning(r);
    else if (typeof d.reasoning === 'string' && d.reasoning !== '') this.reasoning(d.reasoning);
    else if (Array.isArray(d.reasoning_details)) this.reasoningDetails(d.reasoning_details);
    const content = d.content;
    if (typeof content === 'string') {
      if (content !== '') this.content(content);
    } else if (Array.isArray(content)) {
      for (const p of content) if (isObj(p) && typeof p.text === 'string' && p.text !== '') this.content(p.text);
    }
    if (typeof d.refusal === 'string' && d.refusal !== '') this.text(d.refusal);
    if (Array.isArray(d.tool_calls)) for (const tc of d.tool_calls) this.tools.push(tc);
    if (d.extra_content !== undefined) this.extraContent = d.extra_content;
  }

  private reasoningDetails(items: unknown[]): void {
    for (const it of items) {
      if (!isObj(it) || (it.type !== 'reasoning.text' && it.type !== 'reasoning.summary')) continue;
      const t = typeof it.text === 'string' ? it.text : it.summary;
      if (typeof t === 'string' && t !== '') this.reasoning(t);
    }
  }

  private content(s: string): void {
    const out = this.splitter.push(s);
    if (out.reasoning !== '') this.reasoning(out.reasoning);
    if (out.text !== '') this.text(out.text);
  }

  private text(s: string): void {
    this.emit({ type: 'text', text: s });
  }

  private reasoning(s: string): void {
    this.emit({ type: 'reasoning', text: s });
  }

  /**
   * Ends the answer: flushes held-back text, then emits tool calls, usage, meta, info and finally
   * `finish` or `error`. `doneSeen` says whether `[DONE]` arrived; `streamed` whether the body was SSE.
   */
  end(info: Omit<StreamInfo, 'badEvents'>): void {
    const rest = this.splitter.end();
    if (rest.reasoning !== '') this.reasoning(rest.reasoning);
    if (rest.text !== '') this.text(rest.text);
    const calls = this.tools.finish((raw) =>
      this.options.onWarning?.(`Dropped a tool call without a name (${raw.length} chars of arguments)`),
    );
    if (calls.length > 0) this.emit({ type: 'toolCalls', calls });
    if (this.usage !== undefined) this.emit({ type: 'usage', usage: this.usage });
    if (
      this.credits !== undefined ||
      this.taskId !== undefined ||
      this.extraContent !== undefined ||
      this.model !== undefined
    ) {
      this.emit({
        type: 'meta',
        creditsConsumed: this.credits,
        taskId: this.taskId,
        extraContent: this.extraContent,
        model: this.model,
      });
    }
    this.emit({ type: 'info', info: { ...info, badEvents: this.badEvents } });
    const error = this.error ?? this.endError(info.doneMarkerSeen);
    if (error !== undefined) this.emit({ type: 'error', error });
    else
      this.emit({
        type: 'finish',
        reason: normalizeFinishReason(this.finishRaw, calls.length > 0),
        raw: this.finishRaw,
      });
  }

  private endError(doneSeen: boolean): LlmError | undefined {
    if (this.complete || doneSeen) return undefined;
    if (this.badEvents > 0 && this.goodEvents === 0)
      return this.protocolError('The stream contained no valid chunks', 'stream_event');
    return new LlmError({
      kind: 'stream_truncated',
      source: 'transport',
      httpStatus: this.options.httpStatus,
      message: 'Stream ended before a finish_reason or [DONE] was received',
    });
  }
}
