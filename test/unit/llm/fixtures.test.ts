import { collectOutcome } from '../../support/outcome';
import { streamChat } from '../../../src/common/llm/client';
import type { ChatRequest } from '../../../src/common/llm/types';
import { chunkBody, startFakeServer, type Chunking, type FakeServer } from '../../support/fakeServer';
import { assertOutcome, loadFixtures, stubFetch } from './helpers';

const REQUEST: ChatRequest = { model: 'gemini', messages: [{ role: 'user', content: 'hi' }] };
const CHUNKINGS: Chunking[] = ['whole', 'bytes', 'random:1', 'random:7', 'random:1234'];
const fixtures = loadFixtures();

describe('transcript fixtures over a real socket', () => {
  let server: FakeServer;
  let current: { status: number; headers: Record<string, string>; body: Buffer; chunking: Chunking } | undefined;

  before(async () => {
    server = await startFakeServer({
      maxRequests: 1000,
      script: () => {
        if (current === undefined) throw new Error('no fixture selected');
        return { status: current.status, headers: current.headers, body: current.body, chunking: current.chunking };
      },
    });
  });
  after(() => server.close());

  for (const f of fixtures) {
    for (const chunking of CHUNKINGS) {
      it(`${f.name} (${chunking})`, async () => {
        current = { status: f.status, headers: f.headers, body: f.body, chunking };
        const outcome = await collectOutcome(
          streamChat(REQUEST, { baseUrl: server.url, apiKey: 'aio_test', maxRetries: 0 }),
        );
        assertOutcome(outcome, f.expected, `${f.name} ${chunking}`);
      });
    }
  }
});

describe('transcript fixtures through a fetch stub', () => {
  for (const f of fixtures) {
    it(`${f.name}: whole, bytes and 20 random slicings give the expected outcome`, async () => {
      const chunkings: Chunking[] = [
        'whole',
        'bytes',
        ...Array.from({ length: 20 }, (_, i) => `random:${i + 100}` as Chunking),
      ];
      for (const chunking of chunkings) {
        const fetch = stubFetch([{ status: f.status, headers: f.headers, chunks: chunkBody(f.body, chunking) }]);
        const outcome = await collectOutcome(
          streamChat(REQUEST, { baseUrl: 'https://example.test/v1', apiKey: 'k', fetch, maxRetries: 0 }),
        );
        assertOutcome(outcome, f.expected, `${f.name} ${chunking}`);
      }
    });

    it(`${f.name}: every two-piece split gives the expected outcome`, async () => {
      for (let i = 1; i < f.body.length; i++) {
        const fetch = stubFetch([
          { status: f.status, headers: f.headers, chunks: [f.body.subarray(0, i), f.body.subarray(i)] },
        ]);
        const outcome = await collectOutcome(
          streamChat(REQUEST, { baseUrl: 'https://example.test/v1', apiKey: 'k', fetch, maxRetries: 0 }),
        );
        assertOutcome(outcome, f.expected, `${f.name} split at ${i}`);
      }
    });
  }
});
