import assert from 'node:assert/strict';
import { chunkBody, startFakeServer } from '../../support/fakeServer';

const post = (url: string, body: unknown): Promise<Response> =>
  fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('fake server', () => {
  it('cuts bodies reproducibly and without losing bytes', () => {
    const body = Buffer.from('data: héllo — wörld\n\n'.repeat(20));
    for (const c of ['whole', 'bytes', 'random:1', 'random:99'] as const) {
      const slices = chunkBody(body, c);
      assert.deepEqual(Buffer.concat(slices), body, c);
      assert.deepEqual(
        chunkBody(body, c).map((s) => s.length),
        slices.map((s) => s.length),
        `${c} is deterministic`,
      );
    }
    assert.equal(chunkBody(body, 'bytes').length, body.length);
  });

  it('answers by script, records requests, drips slowly, and closes itself after maxRequests', async () => {
    const server = await startFakeServer({
      script: (req, n) => ({
        status: 201 + n,
        headers: { 'x-turn': String(n) },
        body: `turn ${n} for ${String((req.json as { q?: string }).q)}`,
        fault: n === 1 ? { type: 'drip', afterBytes: 2, dripMs: 5 } : undefined,
        chunking: 'random:3',
      }),
      maxRequests: 2,
      lifetimeMs: 5000,
    });
    try {
      const r0 = await post(server.url, { q: 'a' });
      assert.equal(r0.status, 201);
      assert.equal(r0.headers.get('x-turn'), '0');
      assert.equal(await r0.text(), 'turn 0 for a');
      const r1 = await post(server.url, { q: 'b' });
      assert.equal(await r1.text(), 'turn 1 for b');
      assert.deepEqual(
        server.requests.map((r) => [r.n, r.method, r.path, r.json]),
        [
          [0, 'POST', '/v1/chat/completions', { q: 'a' }],
          [1, 'POST', '/v1/chat/completions', { q: 'b' }],
        ],
      );
      // Closed for new connections; a reused keep-alive connection gets a 503 instead.
      const third = await post(server.url, { q: 'c' }).then(
        (r) => r.status,
        () => 'refused',
      );
      assert.ok(third === 'refused' || third === 503, String(third));
    } finally {
      await server.close();
      await server.close();
    }
  });

  it('stops by itself after its lifetime, ending stalled responses', async () => {
    const server = await startFakeServer({
      script: [{ body: 'data: x\n\n', fault: { type: 'stall', afterBytes: 3 } }],
      lifetimeMs: 150,
    });
    const res = await post(server.url, {});
    await assert.rejects(res.text());
    await assert.rejects(post(server.url, {}));
  });
});
