// Shared by the streams.*.test.ts files: streams the transcript fixtures do not cover, each checked whole, at
// several random chunkings and split in two at every byte, through a stub fetch and streamChat.
import assert from 'node:assert/strict';
import { streamChat } from '../../../src/common/llm/client';
import { collectOutcome, type Outcome } from '../../support/outcome';
import { chunkBody, type Chunking } from '../../support/fakeServer';
import { stubFetch } from './helpers';

/** A stream the fixtures do not cover, and the outcome fields it must reduce to. */
export interface StreamCase {
  name: string;
  body: string | Buffer;
  status?: number;
  headers?: Record<string, string>;
  expect: Partial<Outcome>;
  /** Checks beyond field equality. */
  check?: (o: Outcome) => void;
}

const REQUEST = { model: 'gemini', messages: [{ role: 'user' as const, content: 'x' }] };

async function run(c: StreamCase, chunks: Uint8Array[]): Promise<Outcome> {
  const fetch = stubFetch([
    { status: c.status ?? 200, headers: c.headers ?? { 'content-type': 'text/event-stream' }, chunks },
  ]);
  return collectOutcome(streamChat(REQUEST, { baseUrl: 'https://x.test/v1', apiKey: 'k', fetch, maxRetries: 0 }));
}

function verify(c: StreamCase, o: Outcome, label: string): void {
  for (const [k, v] of Object.entries(c.expect)) assert.deepStrictEqual(o[k as keyof Outcome], v, `${label}: ${k}`);
  c.check?.(o);
}

/** Registers one test per case under "streams beyond the fixtures, at every split: `subject`". */
export function describeAtEverySplit(subject: string, cases: readonly StreamCase[]): void {
  describe(`streams beyond the fixtures, at every split: ${subject}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const body = typeof c.body === 'string' ? Buffer.from(c.body) : c.body;
        const reference = await run(c, [body]);
        verify(c, reference, 'whole');
        const chunkings: Chunking[] = ['bytes', 'random:11', 'random:12', 'random:13'];
        for (const ch of chunkings)
          assert.deepStrictEqual(stripIds(await run(c, chunkBody(body, ch))), stripIds(reference), ch);
        for (let i = 1; i < body.length; i++) {
          assert.deepStrictEqual(
            stripIds(await run(c, [body.subarray(0, i), body.subarray(i)])),
            stripIds(reference),
            `split at ${i}`,
          );
        }
      });
    }
  });
}

/** Synthesized ids are random; compare everything else. */
function stripIds(o: Outcome): Outcome {
  return { ...o, tool_calls: o.tool_calls.map((t) => (t.id_synthesized ? { ...t, id: '' } : t)) };
}
