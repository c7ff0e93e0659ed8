import type { LlmError } from '../errors';
import type { ReasoningEffort } from '../protocol';

/** A system prompt. */
export interface SystemMessage {
  role: 'system';
  content: string;
}

/** A user turn. */
export interface UserMessage {
  role: 'user';
  content: string;
}

/**
 * An assistant turn as the client received it. Only `content` (thought spans stripped), `toolCalls`
 * and `extraContent` are sent back; `reasoning` is kept for display and never resent.
 */
export interface AssistantMessage {
  role: 'assistant';
  content: string;
  reasoning?: string;
  toolCalls?: readonly ToolCall[];
  /** Opaque `delta.extra_content` seen on text deltas (e.g. a Gemini thought signature), echoed verbatim. */
  extraContent?: unknown;
}

/** The result of one tool call, sent right after the assistant turn that asked for it. */
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  content: string;
  /** Function name; sent only when the request asks for it (`includeToolNameInResults`). */
  name?: string;
}

/** One message of a conversation. */
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A JSON schema, kept as plain data. */
export type JsonSchema = { [key: string]: unknown };

/** A function the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  /** Simple JSON schema; unsupported keywords are removed by the request builder. */
  parameters: JsonSchema;
}

/** One chat completion request, in the client's terms. */
export interface ChatRequest {
  model: string;
  messages: readonly ChatMessage[];
  /** Defaults to true. With false, the answer arrives in one piece but reduces to the same parts. */
  stream?: boolean;
  includeThoughts?: boolean;
  reasoningEffort?: ReasoningEffort;
  tools?: readonly ToolSpec[];
  /** `required`: the answer must call a tool (`tool_choice`); sent only with tools. Default: the model decides. */
  toolChoice?: 'auto' | 'required';
  /** Sent only when there are no tools (the upstream rejects the combination). */
  responseFormat?: { type: 'json_object' | 'text' };
  /** Sends `stream_options.include_usage`; off by default (usage arrives without it). */
  includeUsage?: boolean;
  /** Adds the non-standard `name` to tool messages (some Gemini bridges match results by name). */
  includeToolNameInResults?: boolean;
}

/** A complete tool call, as accumulated from the stream. */
export interface ToolCall {
  /** Provider id, or a synthesized unique one (see `idSynthesized`). */
  id: string;
  idSynthesized: boolean;
  name: string;
  /** The concatenated `function.arguments` string, exactly as received. */
  argumentsRaw: string;
  /** Parsed arguments (`{}` for an empty string), or undefined when `argumentsRaw` is not valid JSON. */
  arguments: unknown;
  /** Why the arguments could not be parsed, when they could not. */
  argumentsError?: string;
  /** `extra_content` exactly as received (e.g. `{google:{thought_signature}}`), or undefined. */
  extraContent?: unknown;
  /** Other unknown keys of the wire tool call, kept so they round-trip. */
  extraKeys?: Record<string, unknown>;
}

/** Token counts of one answer; each can be missing. */
export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  reasoningTokens?: number;
  cachedTokens?: number;
}

/** Normalized finish reasons (docs/api.md §4.2). */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'malformed_tool_call';

/** Diagnostics about how the answer arrived. */
export interface StreamInfo {
  /** True for SSE, false when a whole JSON document came instead. */
  streamed: boolean;
  doneMarkerSeen: boolean;
  commentsSeen: number;
  /** Events with empty data and no `error` name (e.g. a bare `event: ping`), skipped. */
  emptyEvents: number;
  /** Last SSE `retry:` value. */
  retryHintMs?: number;
  /** Last SSE `id:` value. */
  lastEventId?: string;
  /** Data events whose JSON did not parse (skipped). */
  badEvents: number;
}

/**
 * What `streamChat` yields. `text` and `reasoning` arrive as deltas while streaming; the rest arrives
 * once at the end, in this order: `toolCalls`, `usage`, `meta`, `info`, then `finish` or `error`.
 * `retrying` appears between attempts, before anything was shown.
 */
export type StreamPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'toolCalls'; calls: ToolCall[] }
  | { type: 'usage'; usage: Usage }
  | { type: 'meta'; creditsConsumed?: number; taskId?: string; extraContent?: unknown; model?: string }
  | { type: 'info'; info: StreamInfo }
  | { type: 'finish'; reason: FinishReason; raw: string | null }
  | { type: 'retrying'; attempt: number; maxRetries: number; delayMs: number; error: LlmError }
  | { type: 'error'; error: LlmError };
