// streamChat configuration: the https rule, an aborted signal, the raw-body recorder, key redaction and
// stream:false.
import assert from 'node:assert/strict';
import { streamChat } from '../../../src/common/llm/client';
import { collectOutcome } from '../../support/outcome';
import { bytes, stubFetch, type StubCall } from './helpers';
import { REQUEST, fixture, TEXT_STREAM, withServer, opts } from './clientKit';

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
