/**
 * Carries what a tool call must bring back on the next request (Gemini's thought signature in
 * `extra_content`, and any unknown keys of the wire call, docs/api.md §5.1) through VS Code's
 * language-model messages. The stable API (1.104) has no data part for it, but every caller must
 * echo a call's `callId` unchanged on the `LanguageModelToolCallPart` it resends and on the
 * `LanguageModelToolResultPart` that answers it, so the extras ride inside the id.
 */
import { isObj, type Obj } from '../isObj';
import type { ToolCall } from '../llm/types';

/** Between the provider's own id and the encoded extras. Neither Gemini nor our synthesized ids contain it. */
export const CALL_ID_MARK = '~aio1~';

/** A call id taken apart again. */
export interface DecodedCallId {
  /** The id the API gave the call (or the synthesized one). */
  id: string;
  /** `extra_content` exactly as received, when there was one. */
  extraContent?: unknown;
  /** Other unknown keys of the wire call, when there were any. */
  extraKeys?: Record<string, unknown>;
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * The `callId` to report for a call: its id alone when it carries nothing else, else the id, the mark
 * and the extras as base64url JSON (URL-safe, no padding, so callers that check ids for odd characters pass).
 */
export function encodeCallId(call: Pick<ToolCall, 'id' | 'extraContent' | 'extraKeys'>): string {
  const extras: Obj = {};
  if (call.extraContent !== undefined) extras.e = call.extraContent;
  if (call.extraKeys !== undefined && Object.keys(call.extraKeys).length > 0) extras.k = call.extraKeys;
  return Object.keys(extras).length === 0 ? call.id : `${call.id}${CALL_ID_MARK}${toBase64Url(JSON.stringify(extras))}`;
}

/** Takes a `callId` apart. An id without the mark, or whose extras do not decode, is an id of its own. */
export function decodeCallId(callId: string): DecodedCallId {
  const at = callId.lastIndexOf(CALL_ID_MARK);
  if (at < 0) return { id: callId };
  let extras: unknown;
  try {
    extras = JSON.parse(fromBase64Url(callId.slice(at + CALL_ID_MARK.length)));
  } catch {
    return { id: callId }; // not ours after all: keep the caller's id as it is
  }
  if (!isObj(extras)) return { id: callId };
  const out: DecodedCallId = { id: callId.slice(0, at) };
  if (extras.e !== undefined) out.extraContent = extras.e;
  if (isObj(extras.k)) out.extraKeys = extras.k;
  return out;
}
