import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchLike } from '../../../src/common/llm/attempt';
import type { Outcome } from '../../support/outcome';

/** Folder of the transcript fixtures (copied from the protocol reference). */
export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'transcripts');

/** One transcript fixture: body bytes, response status/headers and expected outcome. */
export interface Fixture {
  name: string;
  body: Buffer;
  status: number;
  headers: Record<string, string>;
  expected: Outcome;
}

/** Loads every `NN-name.sse` + `NN-name.expected.json` pair. */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.sse'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.sse'.length);
      const meta = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.expected.json`), 'utf8')) as {
        response: { status: number; headers: Record<string, string> };
        expected: Outcome;
      };
      return {
        name,
        body: readFileSync(join(FIXTURE_DIR, f)),
        status: meta.response.status,
        headers: meta.response.headers,
        expected: meta.expected,
      };
    });
}

/**
 * Asserts an outcome equals the expected one. Where the fixture says `id_synthesized` with `id: null`,
 * checks only that the id is non-empty and unique within the message.
 */
export function assertOutcome(actual: Outcome, expected: Outcome, label = ''): void {
  const ids = actual.tool_calls.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, `${label}: tool call ids must be unique`);
  const normalized: Outcome = {
    ...actual,
    tool_calls: actual.tool_calls.map((c, i) => {
      const exp = expected.tool_calls[i];
      if (exp?.id === null && c.id_synthesized) {
        assert.ok(typeof c.id === 'string' && c.id.length > 0, `${label}: synthesized id must be non-empty`);
        return { ...c, id: null as unknown as string };
      }
      return c;
    }),
  };
  assert.deepStrictEqual(normalized, expected, label);
}

/** A canned HTTP response for {@link stubFetch}. */
export interface StubResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Body slices, delivered one per read. */
  chunks: Uint8Array[];
  /** Throw this from the read after the last chunk (a transport failure). */
  failWith?: unknown;
}

/** What a stub fetch saw. */
export interface StubCall {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch stub serving canned responses in order, with the body split exactly at the given slices. */
export function stubFetch(responses: StubResponse[], calls: StubCall[] = []): FetchLike {
  return async (url, init) => {
    calls.push({ url, headers: init.headers, body: JSON.parse(init.body) as unknown });
    const r = responses[calls.length - 1] ?? responses[responses.length - 1];
    if (r === undefined) throw new TypeError('fetch failed');
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const c = r.chunks[i++];
        if (c !== undefined) controller.enqueue(c);
        else if (r.failWith !== undefined) controller.error(r.failWith);
        else controller.close();
      },
    });
    return new Response(stream, {
      status: r.status ?? 200,
      headers: r.headers ?? { 'content-type': 'text/event-stream' },
    });
  };
}

/** UTF-8 bytes of a string. */
export const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** SSE text of chunk objects: one `data:` event per object, then optionally `[DONE]`. */
export function sse(chunks: readonly unknown[], done = true): string {
  return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '');
}

/** A minimal `chat.completion.chunk` with one choice. */
export function chunk(
  delta: Record<string, unknown>,
  finishReason: string | null = null,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    model: 'gemini-3-flash',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  };
}
