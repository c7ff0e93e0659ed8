// streamChat against a real socket that fails: cut, ended or stalled bodies, Stop, a refused connection,
// and the idle watchdog.
import assert from 'node:assert/strict';
import { streamChat } from '../../../src/common/llm/client';
import { collectOutcome } from '../../support/outcome';
import type { StreamPart } from '../../../src/common/llm/types';
import { startFakeServer, type FakeServer } from '../../support/fakeServer';
import { REQUEST, fixture, TEXT_STREAM, withServer, opts } from './clientKit';

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 3 s) until the server saw the client go away. */
async function waitForClientClose(server: FakeServer): Promise<void> {
  for (let i = 0; i < 300 && server.requests[0]?.clientClosedEarly !== true; i++) await delay(10);
  assert.equal(server.requests[0]?.clientClosedEarly, true, 'the connection should be closed');
}

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
