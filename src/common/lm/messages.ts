/**
 * VS Code's language-model messages, as plain data, mapped to the client's {@link ChatMessage}s and
 * back. The host turns `vscode.LanguageModel*Part` instances into {@link LmPart}s; everything else
 * (roles, ordering, ids, signatures) is decided here, without `vscode`.
 */
import { CHARS_PER_TOKEN, estimateTokens } from '../editor/budget';
import { isObj } from '../isObj';
import type { AssistantMessage, ChatMessage, JsonSchema, ToolCall, ToolMessage, ToolSpec } from '../llm/types';
import { mergeAdjacentUsers } from '../prompts/chatPrompt';
import { decodeCallId, encodeCallId } from './callId';

/** One part of a message, as the host read it from VS Code. */
export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; text: string }
  /** Anything the model cannot take (thinking, images, unknown parts): left out. */
  | { kind: 'other' };

/** Message roles: VS Code's `LanguageModelChatMessageRole` User = 1, Assistant = 2, and System = 3 (newer VS Code). */
export type LmRole = 'user' | 'assistant' | 'system';

/** One message of a language-model request. */
export interface LmMessage {
  role: LmRole;
  parts: readonly LmPart[];
}

/** A tool a caller offers, as in `LanguageModelChatTool`. */
export interface LmTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/** A tool call to report to VS Code: the id carries the call's extras (see callId.ts). */
export interface LmToolCallOut {
  callId: string;
  name: string;
  input: object;
}

/** The role of a `LanguageModelChatMessageRole` value; unknown values count as user text. */
export function lmRole(role: number): LmRole {
  return role === 2 ? 'assistant' : role === 3 ? 'system' : 'user';
}

const textOf = (parts: readonly LmPart[]): string => parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');

/** A call as the client keeps it, rebuilt from what VS Code sent back (arguments re-serialized). */
function callFrom(p: Extract<LmPart, { kind: 'toolCall' }>): ToolCall {
  const decoded = decodeCallId(p.callId);
  const input = p.input ?? {};
  return {
    id: decoded.id,
    idSynthesized: false,
    name: p.name,
    argumentsRaw: JSON.stringify(input),
    arguments: input,
    ...(decoded.extraContent !== undefined ? { extraContent: decoded.extraContent } : {}),
    ...(decoded.extraKeys !== undefined ? { extraKeys: decoded.extraKeys } : {}),
  };
}

function assistantFrom(parts: readonly LmPart[]): AssistantMessage {
  const calls = parts.flatMap((p) => (p.kind === 'toolCall' ? [callFrom(p)] : []));
  return { role: 'assistant', content: textOf(parts), ...(calls.length > 0 ? { toolCalls: calls } : {}) };
}

/**
 * Tool results first (they must follow the assistant turn that asked for them), then the user's text,
 * if any. The function name is filled in from the call it answers, for bridges that match by name.
 */
function userFrom(parts: readonly LmPart[], names: ReadonlyMap<string, string>): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const p of parts) {
    if (p.kind !== 'toolResult') continue;
    const id = decodeCallId(p.callId).id;
    const name = names.get(id);
    const result: ToolMessage = { role: 'tool', toolCallId: id, content: p.text, ...(name ? { name } : {}) };
    out.push(result);
  }
  const text = textOf(parts);
  if (text.trim() !== '') out.push({ role: 'user', content: text });
  return out;
}

/**
 * Maps a language-model request to the client's messages: system text, user text, assistant text and
 * tool calls (ids and signatures restored from the call ids), tool results as tool messages. Empty
 * messages are dropped, and adjacent user messages merged (Gemini wants alternating roles).
 */
export function toChatMessages(messages: readonly LmMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  const names = new Map<string, string>();
  for (const m of messages) {
    if (m.role === 'assistant') {
      const a = assistantFrom(m.parts);
      for (const c of a.toolCalls ?? []) names.set(c.id, c.name);
      if (a.content !== '' || a.toolCalls) out.push(a);
    } else if (m.role === 'system') {
      const text = textOf(m.parts);
      if (text.trim() !== '') out.push({ role: 'system', content: text });
    } else out.push(...userFrom(m.parts, names));
  }
  return mergeAdjacentUsers(out);
}

/** The client's tool declarations for the tools a caller offers (schemas are cleaned when sent). */
export function toToolSpecs(tools: readonly LmTool[]): ToolSpec[] {
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    parameters: isObj(t.inputSchema) ? (t.inputSchema as JsonSchema) : { type: 'object', properties: {} },
  }));
}

/**
 * A finished call as VS Code takes it: the id with the extras, and an object input. Arguments that
 * are not a JSON object (a model error) become `{}`; the caller's tool then reports what is missing.
 */
export function toToolCallOut(call: ToolCall): LmToolCallOut {
  return { callId: encodeCallId(call), name: call.name, input: isObj(call.arguments) ? call.arguments : {} };
}

/** Estimated tokens of a text or a message, at the prompts' 3.5 characters per token. */
export function estimateLmTokens(input: string | LmMessage): number {
  if (typeof input === 'string') return estimateTokens(input);
  let chars = 0;
  for (const p of input.parts) {
    if (p.kind === 'text' || p.kind === 'toolResult') chars += p.text.length;
    else if (p.kind === 'toolCall') chars += p.name.length + JSON.stringify(p.input ?? {}).length;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN);
}
