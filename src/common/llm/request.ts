import { isObj, type Obj } from '../isObj';
import { isReasoningEffort, type ReasoningEffort } from '../protocol';
import { stripThoughts } from './thoughtSplitter';
import type { AssistantMessage, ChatMessage, ChatRequest, JsonSchema, ToolCall, ToolSpec } from './types';

/** A tool call as sent back to the API inside an assistant message. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  extra_content?: unknown;
  [key: string]: unknown;
}

/** A message as sent on the wire. */
export type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; tool_calls?: WireToolCall[]; extra_content?: unknown }
  | { role: 'tool'; tool_call_id: string; content: string; name?: string };

/** A tool declaration as sent on the wire. */
export interface WireTool {
  type: 'function';
  function: { name: string; description: string; parameters: JsonSchema };
}

/** The JSON body of `POST /chat/completions`. */
export interface ChatCompletionBody {
  model: string;
  messages: WireMessage[];
  stream: boolean;
  include_thoughts?: boolean;
  reasoning_effort?: ReasoningEffort;
  tools?: WireTool[];
  tool_choice?: 'required';
  response_format?: { type: string };
  stream_options?: { include_usage: boolean };
}

/** JSON-Schema keywords Gemini rejects ("Invalid JSON payload … Unknown name"). */
const DROPPED_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$comment',
  '$defs',
  'definitions',
  'additionalProperties',
  'unevaluatedProperties',
  'patternProperties',
  'examples',
  'const',
  'readOnly',
  'writeOnly',
  'deprecated',
]);
/** The `format` values Gemini accepts, per type. */
const FORMATS: Record<string, ReadonlySet<string>> = {
  string: new Set(['enum', 'date-time']),
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};
const SUBSCHEMA_KEYS = new Set(['items', 'anyOf', 'oneOf', 'allOf', 'not']);

/**
 * Returns a copy of a JSON schema without the keywords Gemini rejects (`additionalProperties`, `$schema`,
 * `const`, unusual `format`s, …). A string `const` becomes a one-value `enum`; a `type` list with
 * `"null"` becomes the other type plus `nullable: true`. Property names are never touched.
 */
export function cleanSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(cleanSchema);
  if (!isObj(schema)) return schema;
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(k)) continue;
    if (k === 'properties' && isObj(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, cleanSchema(s)]));
    } else if (SUBSCHEMA_KEYS.has(k)) out[k] = cleanSchema(v);
    else if (k === 'format') {
      if (typeof schema.type === 'string' && typeof v === 'string' && FORMATS[schema.type]?.has(v)) out[k] = v;
    } else if (k === 'type' && Array.isArray(v)) {
      const types = v.filter((t) => t !== 'null');
      out.type = types[0] ?? 'string';
      if (types.length < v.length) out.nullable = true;
    } else out[k] = v;
  }
  if (typeof schema.const === 'string' && out.enum === undefined) out.enum = [schema.const];
  return out;
}

/**
 * Arguments are resent as the JSON string received; an empty or unparsable string is sent as `{}` (Gemini
 * parses it).
 */
function argumentsForResend(call: ToolCall): string {
  return call.arguments === undefined || call.argumentsRaw.trim() === '' ? '{}' : call.argumentsRaw;
}

/** The wire form of a tool call for resending: id, name, arguments and `extra_content` verbatim, plus unknown keys. */
export function wireToolCall(call: ToolCall): WireToolCall {
  const out: WireToolCall = {
    ...call.extraKeys,
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: argumentsForResend(call) },
  };
  if (call.extraContent !== undefined) out.extra_content = call.extraContent;
  return out;
}

function wireAssistant(m: AssistantMessage): WireMessage {
  // Answer text only: thinking is never resent. Content is always a string (never null or a parts array,
  // which the upstream rejects), and "" on a turn that carries tool calls: the calls are what the next
  // request must match, and a preamble beside them has been seen to trip Gemini's function-call checks.
  const calls = m.toolCalls !== undefined && m.toolCalls.length > 0 ? m.toolCalls : undefined;
  const out: WireMessage = { role: 'assistant', content: calls ? '' : stripThoughts(m.content) };
  if (calls) out.tool_calls = calls.map(wireToolCall);
  if (m.extraContent !== undefined) out.extra_content = m.extraContent;
  return out;
}

/** The wire form of one message. */
export function wireMessage(m: ChatMessage, includeToolName = false): WireMessage {
  switch (m.role) {
    case 'system':
    case 'user':
      return { role: m.role, content: m.content };
    case 'assistant':
      return wireAssistant(m);
    case 'tool': {
      const out: WireMessage = { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
      if (includeToolName && m.name !== undefined) out.name = m.name;
      return out;
    }
  }
}

/** The wire form of a tool declaration, with its schema cleaned. */
export function wireTool(t: ToolSpec): WireTool {
  const cleaned = cleanSchema(t.parameters);
  const parameters = isObj(cleaned) && Object.keys(cleaned).length > 0 ? cleaned : { type: 'object', properties: {} };
  return { type: 'function', function: { name: t.name, description: t.description, parameters } };
}

/**
 * Builds the JSON body (docs/api.md §2): `stream` always explicit, `reasoning_effort` only `low`/`high`,
 * `tools` with cleaned schemas, and never both `tools` and `response_format` (the upstream rejects the pair):
 * a caller that asks for a JSON answer gets it, and the tools are left out.
 */
export function buildRequestBody(req: ChatRequest): ChatCompletionBody {
  const body: ChatCompletionBody = {
    model: req.model,
    messages: req.messages.map((m) => wireMessage(m, req.includeToolNameInResults === true)),
    stream: req.stream ?? true,
  };
  if (req.includeThoughts !== undefined) body.include_thoughts = req.includeThoughts;
  if (isReasoningEffort(req.reasoningEffort)) body.reasoning_effort = req.reasoningEffort;
  if (req.responseFormat !== undefined) body.response_format = { type: req.responseFormat.type };
  else if (req.tools !== undefined && req.tools.length > 0) {
    body.tools = req.tools.map(wireTool);
    if (req.toolChoice === 'required') body.tool_choice = 'required';
  }
  if (body.stream && req.includeUsage === true) body.stream_options = { include_usage: true };
  return body;
}

/**
 * Request headers. The key goes only here; never log these. A non-streamed request still accepts SSE (the
 * body is sniffed).
 */
export function buildHeaders(apiKey: string, stream = true): Record<string, string> {
  return {
    Authorization: `Bearer ${apiKey}`,
    'Content-Type': 'application/json',
    Accept: stream ? 'text/event-stream' : 'application/json, text/event-stream',
  };
}
