// Builders for SSE bodies in the shapes API in One / Gemini send (see test/fixtures/transcripts).
import type { ResponseSpec } from './fakeServer';

/** One `data:` event. */
export const event = (payload: unknown): string =>
  `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  event({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1768300001,
    model: 'gemini-3-flash',
    choices: [{ index: 0, delta, ...extra }],
  });

/** Options of {@link answerStream}. */
export interface AnswerOptions {
  reasoning?: string[];
  usage?: { prompt_tokens: number; completion_tokens: number; reasoning_tokens?: number };
  credits?: number;
  done?: boolean;
}

/** A complete streamed answer: role chunk, optional thinking, text deltas, finish, usage chunk, [DONE]. */
export function answerStream(text: string[], o: AnswerOptions = {}): string {
  let out = chunk({ role: 'assistant', content: '' });
  for (const r of o.reasoning ?? []) out += chunk({ reasoning_content: r });
  for (const t of text) out += chunk({ content: t });
  out += chunk({}, { finish_reason: 'stop' });
  if (o.usage || o.credits !== undefined) {
    out += event({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      choices: [],
      ...(o.credits !== undefined ? { credits_consumed: o.credits } : {}),
      ...(o.usage
        ? {
            usage: {
              prompt_tokens: o.usage.prompt_tokens,
              completion_tokens: o.usage.completion_tokens,
              total_tokens: o.usage.prompt_tokens + o.usage.completion_tokens,
              completion_tokens_details: { reasoning_tokens: o.usage.reasoning_tokens ?? 0 },
            },
          }
        : {}),
    });
  }
  if (o.done !== false) out += 'data: [DONE]\n\n';
  return out;
}

/** Gemini-style tool calls in one chunk, without `index`, each with an optional thought signature. */
export function toolCallStream(
  calls: Array<{ id?: string; name: string; args: unknown; signature?: string }>,
  text = '',
): string {
  let out = chunk({ role: 'assistant', content: text });
  const toolCalls = calls.map((c) => ({
    id: c.id ?? '',
    type: 'function',
    function: { name: c.name, arguments: JSON.stringify(c.args) },
    ...(c.signature ? { extra_content: { google: { thought_signature: c.signature } } } : {}),
  }));
  out += chunk({ tool_calls: toolCalls }, { finish_reason: 'stop' });
  out += 'data: [DONE]\n\n';
  return out;
}

/** SSE response headers. */
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

/** A 200 answer streaming `body` as SSE; `over` changes any field (status, a fault…). */
export function sseResponse(body: string, over: Partial<ResponseSpec> = {}): ResponseSpec {
  return { status: 200, headers: SSE_HEADERS, body, ...over };
}
