// The outcome schema of the transcript fixtures (test/fixtures/transcripts/README.md): what a whole
// answer reduces to, in plain JSON. Tests compare it with `expected`; `npm run replay` prints it.
import type { ErrorKind } from '../../src/common/protocol';
import type { ErrorSource, LlmError } from '../../src/common/errors';
import type { StreamPart, ToolCall, Usage } from '../../src/common/llm/types';

/** An error in the outcome schema (`expected.error`). */
export interface ErrorOutcome {
  kind: ErrorKind;
  source: ErrorSource;
  http_status: number | null;
  code: string | number | null;
  type: string | null;
  message: string;
  retryable: boolean;
  retry_after_ms: number | null;
}

/** The plain-JSON form of an {@link LlmError}. */
export function errorOutcome(e: LlmError): ErrorOutcome {
  return {
    kind: e.kind,
    source: e.source,
    http_status: e.httpStatus,
    code: e.code,
    type: e.type,
    message: e.message,
    retryable: e.retryable,
    retry_after_ms: e.retryAfterMs,
  };
}

/** One tool call in the fixture outcome schema. */
export interface ToolCallOutcome {
  id: string;
  id_synthesized: boolean;
  name: string;
  arguments_raw: string;
  arguments: unknown;
  extra_content: unknown;
}

/** Usage in the fixture outcome schema (missing counts are null). */
export interface UsageOutcome {
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  reasoning_tokens: number | null;
  cached_tokens: number | null;
}

/**
 * A whole answer reduced to the outcome schema of the transcript fixtures (`expected`). The optional
 * keys appear only when they carry information: `streamed` (false for an answer that came as one JSON
 * document rather than SSE; absent when the body was an error), `comments_seen`
 * (when > 0), `retry_hint_ms` and `last_event_id` (when the stream set them).
 */
export interface Outcome {
  ok: boolean;
  text: string;
  reasoning: string;
  tool_calls: ToolCallOutcome[];
  finish_reason: string | null;
  finish_reason_raw: string | null;
  usage: UsageOutcome | null;
  credits_consumed: number | null;
  task_id: string | null;
  done_marker_seen: boolean;
  error: ErrorOutcome | null;
  streamed?: boolean;
  comments_seen?: number;
  retry_hint_ms?: number;
  last_event_id?: string;
}

const usageOutcome = (u: Usage): UsageOutcome => ({
  prompt_tokens: u.promptTokens ?? null,
  completion_tokens: u.completionTokens ?? null,
  total_tokens: u.totalTokens ?? null,
  reasoning_tokens: u.reasoningTokens ?? null,
  cached_tokens: u.cachedTokens ?? null,
});

const toolCallOutcome = (c: ToolCall): ToolCallOutcome => ({
  id: c.id,
  id_synthesized: c.idSynthesized,
  name: c.name,
  arguments_raw: c.argumentsRaw,
  arguments: c.arguments ?? null,
  extra_content: c.extraContent ?? null,
});

/** Applies one part to an outcome being built. Text and reasoning go to arrays joined at the end. */
function apply(o: Outcome, p: StreamPart, text: string[], reasoning: string[]): void {
  switch (p.type) {
    case 'text':
      text.push(p.text);
      break;
    case 'reasoning':
      reasoning.push(p.text);
      break;
    case 'toolCalls':
      o.tool_calls = p.calls.map(toolCallOutcome);
      break;
    case 'usage':
      o.usage = usageOutcome(p.usage);
      break;
    case 'meta':
      o.credits_consumed = p.creditsConsumed ?? o.credits_consumed;
      o.task_id = p.taskId ?? o.task_id;
      break;
    case 'info':
      o.done_marker_seen = p.info.doneMarkerSeen;
      if (!p.info.streamed) o.streamed = false; // dropped again below if the turn failed
      if (p.info.commentsSeen > 0) o.comments_seen = p.info.commentsSeen;
      if (p.info.retryHintMs !== undefined) o.retry_hint_ms = p.info.retryHintMs;
      if (p.info.lastEventId !== undefined) o.last_event_id = p.info.lastEventId;
      break;
    case 'finish':
      o.ok = o.error === null;
      o.finish_reason = p.reason;
      o.finish_reason_raw = p.raw;
      break;
    case 'error':
      o.ok = false;
      o.error = errorOutcome(p.error);
      break;
    case 'retrying':
      break;
  }
}

/** Reduces a stream of parts (e.g. from `streamChat`) to one {@link Outcome}. */
export async function collectOutcome(parts: AsyncIterable<StreamPart> | Iterable<StreamPart>): Promise<Outcome> {
  const o: Outcome = {
    ok: false,
    text: '',
    reasoning: '',
    tool_calls: [],
    finish_reason: null,
    finish_reason_raw: null,
    usage: null,
    credits_consumed: null,
    task_id: null,
    done_marker_seen: false,
    error: null,
  };
  const text: string[] = [];
  const reasoning: string[] = [];
  for await (const p of parts) apply(o, p, text, reasoning);
  if (o.error !== null) delete o.streamed;
  o.text = text.join('');
  o.reasoning = reasoning.join('');
  return o;
}
