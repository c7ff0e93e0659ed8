// aioCoder.debug.recordResponses: the raw body of each attempt is written (never headers or the key),
// the log says where, and `npm run replay` reproduces the outcome from the recorded file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { streamChat } from '../../src/common/llm/client';
import { collectOutcome } from '../support/outcome';
import { createResponseRecorder } from '../../src/host/responseRecorder';
import { startFakeServer } from '../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../support/sse';

const ROOT = resolve(__dirname, '..', '..');

describe('response recording', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aio-rec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each attempt body with its status and content type, and replay reproduces the outcome', async function () {
    this.timeout(60_000);
    const body = answerStream(['Recorded ', 'answer — with ünïcode.'], {
      reasoning: ['**Plan**\n\nthink'],
      usage: { prompt_tokens: 3, completion_tokens: 4 },
      credits: 0.5,
    });
    const server = await startFakeServer({
      script: [{ status: 200, headers: SSE_HEADERS, body, chunking: 'random:3' }],
    });
    const lines: string[] = [];
    try {
      const rec = createResponseRecorder(dir, { info: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`) });
      const live = await collectOutcome(
        streamChat(
          { model: 'gemini', messages: [{ role: 'user', content: 'hi' }] },
          { baseUrl: server.url, apiKey: 'aio_secret_key_1', maxRetries: 0, ...rec },
        ),
      );
      assert.equal(live.ok, true);
      const files = readdirSync(join(dir, 'responses'));
      const sse = files.find((f) => f.endsWith('.sse'));
      assert.ok(sse, `recorded files: ${files.join(', ')}`);
      const recorded = readFileSync(join(dir, 'responses', sse), 'utf8');
      assert.equal(recorded, body, 'the raw body is recorded byte for byte');
      const meta = JSON.parse(readFileSync(join(dir, 'responses', sse.replace(/\.sse$/, '.expected.json')), 'utf8'));
      assert.deepEqual(meta, { response: { status: 200, headers: { 'content-type': SSE_HEADERS['content-type'] } } });
      assert.ok(
        lines.some((l) => l.includes(join(dir, 'responses', sse))),
        'the log says where the body went',
      );
      assert.ok(!lines.join('\n').includes('aio_secret_key_1') && !recorded.includes('aio_secret_key_1'));
      const out = execFileSync(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        [join(ROOT, 'scripts', 'replay.ts'), join(dir, 'responses', sse)],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const replayed = JSON.parse(out);
      assert.equal(replayed.ok, true);
      assert.equal(replayed.text, live.text);
      assert.equal(replayed.reasoning, live.reasoning);
      assert.equal(replayed.credits_consumed, 0.5);
    } finally {
      await server.close();
    }
  });
});
