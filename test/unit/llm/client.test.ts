import assert from 'node:assert/strict';
import { streamChat, type StreamChatOptions } from '../../../src/common/llm/client';
import { collectOutcome } from '../../support/outcome';
import type { ChatRequest, StreamPart } from '../../../src/common/llm/types';
import { startFakeServer, type FakeServer, type ResponseSpec } from '../../support/fakeServer';
import { bytes, chunk, loadFixtures, sse, stubFetch, type StubCall } from './helpers';

const REQUEST: ChatRequest = { model: 'gemini', messages: [{ role: 'user', content: 'hi' }] };
const fixture = (prefix: string): Buffer => {
  const f = loadFixtures().find((x) => x.name.startsWith(prefix));
  if (f === undefined) throw new Error(`no fixture ${prefix}`);
  return f.body;
};
const TEXT_STREAM = sse([
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hello' }),
  chunk({ content: ' there' }),
  chunk({}, 'stop'),
]);
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 3 s) until the server saw the client go away. */
async function waitForClientClose(server: FakeServer): Promise<void> {
  for (let i = 0; i < 300 && server.requests[0]?.clientClosedEarly !== true; i++) await delay(10);
  assert.equal(server.requests[0]?.clientClosedEarly, true, 'the connection should be closed');
}

async function withServer<T>(script: ResponseSpec[], fn: (s: FakeServer) => Promise<T>): Promise<T> {
  const server = await startFakeServer({ script, lifetimeMs: 15_000 });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

const opts = (server: FakeServer, extra: Partial<StreamChatOptions> = {}): StreamChatOptions => ({
  baseUrl: server.url,
  apiKey: 'aio_secretKey123',
  maxRetries: 0,
  ...extra,
});

describe('streamChat over a real socket: faults', () => {
  it('a socket destroyed mid-body is a retryable network error, partial text kept', async () => {
    const body = fixture('01');
    const cut = body.indexOf('at the same time');
    await withServer([{ body, fault: { type: 'destroy', afterBytes: cut } }], async (server) => {
      const o = await collectOutcome(streamChat(REQUEST, opts(server)));
      assert.equal(o.ok, false);
      assert.equal(o.error?.kind, 'network');
      assert.equal(o.error?.source, 'transport');
      assert.equal(o.error?.retryable, true);
      assert.equal(o.text, 'Quantum computers use qubits, which can be 0 and 1');
    });
  });

  it('a response ended cleanly mid-body is stream_truncated, partial text kept', async () => {
    const body = Buffer.from(TEXT_STREAM);
    await withServer([{ body, fault: { type: 'end', afterBytes: body.indexOf(' there') + 3 } }], async (server) => {
      const o = await collectOutcome(streamChat(REQUEST, opts(server)));
      assert.equal(o.error?.kind, 'stream_truncated');
      assert.equal(o.error?.http_status, 200);
      assert.equal(o.text, 'Hello');
    });
  });

  it('Stop (AbortController) ends with aborted, keeps the partial text, and closes the connection', async () => {
    const body = Buffer.from(TEXT_STREAM);
    await withServer([{ body, fault: { type: 'stall', afterBytes: body.indexOf(' there') - 10 } }], async (server) => {
      const ctl = new AbortController();
      const parts: StreamPart[] = [];
      for await (const p of streamChat(REQUEST, opts(server, { signal: ctl.signal }))) {
        parts.push(p);
        if (p.type === 'text') ctl.abort();
      }
      const o = await collectOutcome(parts);
      assert.equal(o.error?.kind, 'aborted');
      assert.equal(o.text, 'Hello');
      await waitForClientClose(server);
    });
  });

  it('a stall is a network "stalled" error after the idle timeout', async () => {
    const body = Buffer.from(TEXT_STREAM);
    await withServer([{ body, fault: { type: 'stall', afterBytes: body.indexOf(' there') - 10 } }], async (server) => {
      const started = Date.now();
      const o = await collectOutcome(streamChat(REQUEST, opts(server, { idleTimeoutMs: 400 })));
      assert.equal(o.error?.kind, 'network');
      assert.match(o.error?.message ?? '', /stalled/);
      assert.equal(o.text, 'Hello');
      assert.ok(Date.now() - started < 3000);
    });
  });

  it('a stall before the headers also times out', async () => {
    await withServer([{ body: TEXT_STREAM, headersDelayMs: 2000 }], async (server) => {
      const o = await collectOutcome(streamChat(REQUEST, opts(server, { idleTimeoutMs: 100 })));
      assert.equal(o.error?.kind, 'network');
      assert.match(o.error?.message ?? '', /stalled/);
    });
  });

  it('keep-alive comments reset the idle timer', async () => {
    // 12 comments 60 ms apart: the whole wait is longer than the idle timeout, every gap far shorter.
    const writes = [...Array.from({ length: 12 }, () => ({ data: ': ping\n\n', delayMs: 60 })), { data: TEXT_STREAM }];
    await withServer([{ writes }], async (server) => {
      const o = await collectOutcome(streamChat(REQUEST, opts(server, { idleTimeoutMs: 500 })));
      assert.equal(o.ok, true, JSON.stringify(o.error));
      assert.equal(o.text, 'Hello there');
      assert.equal(o.comments_seen, 12);
    });
  });

  it('a transport error after finish_reason is ignored', async () => {
    const body = Buffer.from(TEXT_STREAM);
    await withServer(
      [{ body, fault: { type: 'destroy', afterBytes: body.indexOf('data: [DONE]') } }],
      async (server) => {
        const o = await collectOutcome(streamChat(REQUEST, opts(server)));
        assert.equal(o.ok, true);
        assert.equal(o.error, null);
        assert.equal(o.done_marker_seen, false);
        assert.equal(o.finish_reason, 'stop');
      },
    );
  });

  it('breaking out of the loop aborts the request', async () => {
    const body = Buffer.from(TEXT_STREAM);
    await withServer([{ body, fault: { type: 'stall', afterBytes: body.indexOf(' there') - 10 } }], async (server) => {
      for await (const p of streamChat(REQUEST, opts(server))) {
        if (p.type === 'text') break;
      }
      await waitForClientClose(server);
    });
  });

  it('a refused connection is a network error', async () => {
    const server = await startFakeServer({ script: [] });
    const url = server.url;
    await server.close();
    const o = await collectOutcome(streamChat(REQUEST, { baseUrl: url, apiKey: 'k', maxRetries: 0 }));
    assert.equal(o.error?.kind, 'network');
    assert.equal(o.error?.http_status, null);
  });
});

describe('streamChat: retries', () => {
  const fast = (delays: number[]): Partial<StreamChatOptions> => ({
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    maxRetries: 2,
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    const delays: number[] = [];
    await withServer(
      [
        {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '3' },
          body: '{"error":{"message":"slow down"}}',
        },
        { body: TEXT_STREAM },
      ],
      async (server) => {
        const parts: StreamPart[] = [];
        for await (const p of streamChat(REQUEST, opts(server, fast(delays)))) parts.push(p);
        const retrying = parts.filter((p) => p.type === 'retrying');
        assert.equal(retrying.length, 1);
        assert.deepEqual(delays, [3000]);
        const o = await collectOutcome(parts);
        assert.equal(o.ok, true);
        assert.equal(o.text, 'Hello there');
        assert.equal(server.requests.length, 2);
      },
    );
  });

  it('uses exponential backoff with jitter without Retry-After and gives up after maxRetries', async () => {
    const delays: number[] = [];
    const fail: ResponseSpec = { status: 503, headers: { 'content-type': 'text/html' }, body: '<title>down</title>' };
    await withServer([fail, fail, fail], async (server) => {
      const o = await collectOutcome(streamChat(REQUEST, opts(server, { ...fast(delays), random: () => 0 })));
      assert.deepEqual(delays, [375, 750]);
      assert.equal(o.error?.kind, 'server');
      assert.equal(o.error?.message, 'down');
      assert.equal(server.requests.length, 3);
    });
  });

  it('never retries auth, credits or bad requests', async () => {
    for (const status of [401, 402, 400, 422]) {
      const calls: StubCall[] = [];
      const fetch = stubFetch(
        [{ status, headers: { 'content-type': 'application/json' }, chunks: [bytes('{"error":{"message":"no"}}')] }],
        calls,
      );
      const o = await collectOutcome(
        streamChat(REQUEST, {
          baseUrl: 'https://x.test',
          apiKey: 'k',
          fetch,
          maxRetries: 2,
          sleep: async () => undefined,
        }),
      );
      assert.equal(calls.length, 1, `status ${status}`);
      assert.equal(o.error?.retryable, false);
    }
  });

  it('retries a truncated stream and a reset only while nothing was shown', async () => {
    const delays: number[] = [];
    const calls: StubCall[] = [];
    const fetch = stubFetch(
      [
        { chunks: [bytes(': ping\n\n')] },
        { chunks: [], failWith: new TypeError('terminated') },
        { chunks: [bytes(TEXT_STREAM)] },
      ],
      calls,
    );
    const o = await collectOutcome(
      streamChat(REQUEST, { baseUrl: 'https://x.test', apiKey: 'k', fetch, ...fast(delays) }),
    );
    assert.equal(calls.length, 3);
    assert.equal(o.ok, true);
    assert.deepEqual(delays, [500, 1000]);
  });

  it('does not retry once text was shown', async () => {
    const calls: StubCall[] = [];
    const partial = sse([chunk({ content: 'Hi' })], false);
    const fetch = stubFetch([{ chunks: [bytes(partial)] }, { chunks: [bytes(TEXT_STREAM)] }], calls);
    const o = await collectOutcome(
      streamChat(REQUEST, {
        baseUrl: 'https://x.test',
        apiKey: 'k',
        fetch,
        maxRetries: 2,
        sleep: async () => undefined,
      }),
    );
    assert.equal(calls.length, 1);
    assert.equal(o.error?.kind, 'stream_truncated');
    assert.equal(o.text, 'Hi');
  });

  it('does not retry once tool-call deltas arrived', async () => {
    const calls: StubCall[] = [];
    const partial = sse(
      [chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'read_file', arguments: '{"pa' } }] })],
      false,
    );
    const fetch = stubFetch([{ chunks: [bytes(partial)] }, { chunks: [bytes(TEXT_STREAM)] }], calls);
    const o = await collectOutcome(
      streamChat(REQUEST, {
        baseUrl: 'https://x.test',
        apiKey: 'k',
        fetch,
        maxRetries: 2,
        sleep: async () => undefined,
      }),
    );
    assert.equal(calls.length, 1);
    assert.equal(o.error?.kind, 'stream_truncated');
    assert.equal(o.tool_calls[0]?.arguments_raw, '{"pa');
    assert.equal(o.tool_calls[0]?.arguments, null);
  });

  it('a Retry-After over 60 s falls back to backoff; an HTTP date is converted with the clock', async () => {
    for (const [value, expected] of [
      ['120', 500],
      ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ] as const) {
      const delays: number[] = [];
      const fetch = stubFetch([
        { status: 429, headers: { 'retry-after': value }, chunks: [] },
        { chunks: [bytes(TEXT_STREAM)] },
      ]);
      const now = (): number => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
      const o = await collectOutcome(
        streamChat(REQUEST, { baseUrl: 'https://x.test', apiKey: 'k', fetch, now, ...fast(delays) }),
      );
      assert.equal(o.ok, true);
      assert.deepEqual(delays, [expected], value);
    }
  });

  it('retry-after-ms wins over Retry-After, and x-should-retry: false stops retrying', async () => {
    const delays: number[] = [];
    const fetch = stubFetch([
      { status: 503, headers: { 'retry-after-ms': '250', 'retry-after': '9' }, chunks: [] },
      { chunks: [bytes(TEXT_STREAM)] },
    ]);
    await collectOutcome(streamChat(REQUEST, { baseUrl: 'https://x.test', apiKey: 'k', fetch, ...fast(delays) }));
    assert.deepEqual(delays, [250]);
    const calls: StubCall[] = [];
    const fetch2 = stubFetch(
      [{ status: 503, headers: { 'x-should-retry': 'false' }, chunks: [] }, { chunks: [bytes(TEXT_STREAM)] }],
      calls,
    );
    const o = await collectOutcome(
      streamChat(REQUEST, { baseUrl: 'https://x.test', apiKey: 'k', fetch: fetch2, ...fast([]) }),
    );
    assert.equal(calls.length, 1);
    assert.equal(o.error?.retryable, false);
  });

  it('an abort during the retry wait ends with aborted and no further request', async () => {
    const calls: StubCall[] = [];
    const ctl = new AbortController();
    const fetch = stubFetch([{ status: 500, chunks: [] }, { chunks: [bytes(TEXT_STREAM)] }], calls);
    const sleep = async (): Promise<void> => ctl.abort();
    const o = await collectOutcome(
      streamChat(REQUEST, { baseUrl: 'https://x.test', apiKey: 'k', fetch, sleep, signal: ctl.signal }),
    );
    assert.equal(o.error?.kind, 'aborted');
    assert.equal(calls.length, 1);
  });
});

describe('streamChat: configuration, recording, redaction', () => {
  it('refuses http:// to a remote host before any fetch', async () => {
    const calls: StubCall[] = [];
    const o = await collectOutcome(
      streamChat(REQUEST, { baseUrl: 'http://apiin.one/api/v1', apiKey: 'k', fetch: stubFetch([], calls) }),
    );
    assert.equal(o.error?.kind, 'bad_request');
    assert.match(o.error?.message ?? '', /https/);
    assert.equal(calls.length, 0);
  });

  it('an already aborted signal ends with aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const o = await collectOutcome(
      streamChat(REQUEST, {
        baseUrl: 'https://x.test',
        apiKey: 'k',
        fetch: stubFetch([{ chunks: [bytes(TEXT_STREAM)] }]),
        signal: ctl.signal,
      }),
    );
    assert.equal(o.error?.kind, 'aborted');
  });

  it('passes every raw body byte of every attempt to the recorder, then recordEnd', async () => {
    const recorded: Uint8Array[] = [];
    const ends: unknown[] = [];
    const body = fixture('03');
    await withServer(
      [
        { status: 500, body: 'oops' },
        { body, chunking: 'random:9' },
      ],
      async (server) => {
        await collectOutcome(
          streamChat(
            REQUEST,
            opts(server, {
              maxRetries: 1,
              sleep: async () => undefined,
              record: (b) => recorded.push(b),
              recordEnd: (i) => ends.push(i),
            }),
          ),
        );
      },
    );
    assert.equal(Buffer.concat(recorded).toString('utf8'), `oops${body.toString('utf8')}`);
    assert.deepEqual(ends, [
      { attempt: 0, status: 500, contentType: 'text/event-stream; charset=utf-8' },
      { attempt: 1, status: 200, contentType: 'text/event-stream; charset=utf-8' },
    ]);
  });

  it('redacts keys from error messages', async () => {
    const fetch = stubFetch([
      {
        status: 401,
        headers: { 'content-type': 'application/json' },
        chunks: [bytes('{"error":{"message":"Bad key aio_abcdef123 (Bearer aio_abcdef123)"}}')],
      },
    ]);
    const o = await collectOutcome(streamChat(REQUEST, { baseUrl: 'https://x.test', apiKey: 'aio_abcdef123', fetch }));
    assert.equal(o.error?.kind, 'auth');
    assert.ok(!(o.error?.message ?? '').includes('abcdef123'), o.error?.message);
  });

  it('stream:false sends stream false and reduces a JSON answer the same way', async () => {
    await withServer(
      [{ status: 200, headers: { 'content-type': 'application/json' }, body: fixture('04') }],
      async (server) => {
        const o = await collectOutcome(streamChat({ ...REQUEST, stream: false }, opts(server)));
        assert.equal(o.ok, true);
        assert.equal(o.streamed, false);
        assert.equal(o.task_id, 'n62a41f_chat');
        const sent = server.requests[0]?.json as { stream: boolean };
        assert.equal(sent.stream, false);
      },
    );
  });
});

describe('streamChat: idle watchdog and a slow consumer', () => {
  it('does not count time the consumer spends between parts as a stall', async () => {
    const body = Buffer.from(TEXT_STREAM);
    await withServer([{ body }], async (server) => {
      const parts: StreamPart[] = [];
      for await (const p of streamChat(REQUEST, opts(server, { idleTimeoutMs: 300 }))) {
        parts.push(p);
        if (p.type === 'text') await delay(700);
      }
      const o = await collectOutcome(parts);
      assert.equal(o.ok, true, JSON.stringify(o.error));
      assert.equal(o.text, 'Hello there');
    });
  });
});
