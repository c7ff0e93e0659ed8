// Shared by the streamChat client tests (client.*.test.ts): the request, a plain text stream, the transcript
// fixtures by number, and a fake server on 127.0.0.1 for the length of one test.
import type { FetchLike } from '../../../src/common/llm/attempt';
import type { StreamChatOptions } from '../../../src/common/llm/client';
import type { ChatRequest } from '../../../src/common/llm/types';
import { startFakeServer, type FakeServer, type ResponseSpec } from '../../support/fakeServer';
import { chunk, loadFixtures, sse } from './helpers';

export const REQUEST: ChatRequest = { model: 'gemini', messages: [{ role: 'user', content: 'hi' }] };

/** The body of the transcript fixture whose name starts with `prefix`. */
export const fixture = (prefix: string): Buffer => {
  const f = loadFixtures().find((x) => x.name.startsWith(prefix));
  if (f === undefined) throw new Error(`no fixture ${prefix}`);
  return f.body;
};

/** "Hello there" in three deltas, then finish_reason stop and [DONE]. */
export const TEXT_STREAM = sse([
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hello' }),
  chunk({ content: ' there' }),
  chunk({}, 'stop'),
]);

/** Runs `fn` against a fake server serving `script`, and closes the server after. */
export async function withServer<T>(script: ResponseSpec[], fn: (s: FakeServer) => Promise<T>): Promise<T> {
  const server = await startFakeServer({ script, lifetimeMs: 15_000 });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** Options pointing at `server`, with no retries unless `extra` says otherwise. */
export const opts = (server: FakeServer, extra: Partial<StreamChatOptions> = {}): StreamChatOptions => ({
  baseUrl: server.url,
  apiKey: 'aio_secretKey123',
  maxRetries: 0,
  ...extra,
});

/** Options for a stubbed fetch (no server), retrying twice without waiting unless `extra` says otherwise. */
export const stubOpts = (fetch: FetchLike, extra: Partial<StreamChatOptions> = {}): StreamChatOptions => ({
  baseUrl: 'https://x.test',
  apiKey: 'k',
  fetch,
  maxRetries: 2,
  sleep: async () => undefined,
  ...extra,
});
