// streamChat retries: Retry-After and its variants, backoff, and what is never retried.
import assert from 'node:assert/strict';
import { streamChat, type StreamChatOptions } from '../../../src/common/llm/client';
import { collectOutcome } from '../../support/outcome';
import type { StreamPart } from '../../../src/common/llm/types';
import type { ResponseSpec } from '../../support/fakeServer';
import { bytes, chunk, sse, stubFetch, type StubCall } from './helpers';
import { REQUEST, TEXT_STREAM, withServer, opts, stubOpts } from './clientKit';

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
      const o = await collectOutcome(streamChat(REQUEST, stubOpts(fetch)));
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
    const o = await collectOutcome(streamChat(REQUEST, stubOpts(fetch)));
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
    const o = await collectOutcome(streamChat(REQUEST, stubOpts(fetch)));
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
