import assert from 'node:assert/strict';
import { streamChat } from '../../../src/common/llm/client';
import { collectOutcome, type Outcome } from '../../support/outcome';
import { chunkBody, type Chunking } from '../../support/fakeServer';
import { chunk, sse, stubFetch } from './helpers';

/** A stream the fixtures do not cover, and the outcome fields it must reduce to. */
interface Case {
  name: string;
  body: string | Buffer;
  status?: number;
  headers?: Record<string, string>;
  expect: Partial<Outcome>;
  /** Checks beyond field equality. */
  check?: (o: Outcome) => void;
}

const SIG = { google: { thought_signature: 'c2lnbmF0dXJl+/==' } };
const tc = (d: Record<string, unknown>): unknown => chunk({ tool_calls: [d] });
const fn = (name: string | undefined, args: string | undefined): Record<string, unknown> => ({
  ...(name === undefined ? {} : { name }),
  ...(args === undefined ? {} : { arguments: args }),
});

const CASES: Case[] = [
  {
    name: '<thought> in the middle of an answer stays text',
    body: sse([
      chunk({ content: 'Use the ' }),
      chunk({ content: '<thought> element' }),
      chunk({ content: ' like <think>this</think>.' }),
      chunk({}, 'stop'),
    ]),
    expect: { ok: true, text: 'Use the <thought> element like <think>this</think>.', reasoning: '' },
  },
  {
    name: '<think> and <thinking> blocks split across deltas; whitespace before the answer dropped',
    body: sse([
      chunk({ content: '\n <thi' }),
      chunk({ content: 'nking>a<' }),
      chunk({ content: '/b> c</thinking' }),
      chunk({ content: '>  \n' }),
      chunk({ content: '\nAnswer <b>' }),
      chunk({}, 'stop'),
    ]),
    expect: { text: 'Answer <b>', reasoning: 'a</b> c' },
  },
  {
    name: 'an unclosed thought block becomes reasoning',
    body: sse([chunk({ content: '<think>still thinking' }), chunk({}, 'stop')]),
    expect: { text: '', reasoning: 'still thinking', ok: true },
  },
  {
    name: 'a lone "<th" at the start, never completed, becomes text at the end',
    body: sse([chunk({ content: ' <th' }), chunk({}, 'stop')]),
    expect: { text: ' <th', reasoning: '', ok: true },
  },
  {
    name: 'a tag-like start that is not a tag is released as text',
    body: sse([chunk({ content: '  <th' }), chunk({ content: 'ead> is a table tag' }), chunk({}, 'stop')]),
    expect: { text: '  <thead> is a table tag', reasoning: '' },
  },
  {
    name: '4-byte emoji, CJK, a BOM, lone CR and CRLF line endings',
    body: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `data: ${JSON.stringify(chunk({ content: '😀 名前 — ok' }))}\r\rdata: ${JSON.stringify(chunk({}, 'stop'))}\r\n\r\ndata: [DONE]\r\n\r\n`,
      ),
    ]),
    expect: { ok: true, text: '😀 名前 — ok', done_marker_seen: true },
  },
  {
    name: 'index-less parallel calls with signatures on the call and as metadata-only deltas, empty ids',
    body: sse([
      tc({ id: '', type: 'function', function: fn('grep', '{"q":"a"}'), extra_content: SIG }),
      tc({ id: '', type: 'function', function: fn('grep', '{"q":"b"}') }),
      tc({ extra_content: { google: { thought_signature: 'second' } } }),
      tc({ id: null, function: fn('list', '') }),
      chunk({}, 'stop'),
    ]),
    expect: { finish_reason: 'tool_calls', finish_reason_raw: 'stop' },
    check: (o) => {
      assert.deepEqual(
        o.tool_calls.map((c) => [c.name, c.arguments, c.extra_content, c.id_synthesized]),
        [
          ['grep', { q: 'a' }, SIG, true],
          ['grep', { q: 'b' }, { google: { thought_signature: 'second' } }, true],
          ['list', {}, null, true],
        ],
      );
    },
  },
  {
    name: 'indexed calls with duplicate ids get unique ids; unknown keys survive',
    body: sse([
      tc({ index: 0, id: 'same', type: 'function', function: fn('a', '{}'), vendor_flag: 1 }),
      tc({ index: 1, id: 'same', type: 'function', function: fn('b', '{"x"') }),
      tc({ index: 1, function: fn(undefined, ':1}') }),
      chunk({}, 'tool_calls'),
    ]),
    expect: { finish_reason: 'tool_calls' },
    check: (o) => {
      assert.equal(o.tool_calls[0]?.id, 'same');
      assert.equal(o.tool_calls[0]?.id_synthesized, false);
      assert.notEqual(o.tool_calls[1]?.id, 'same');
      assert.equal(o.tool_calls[1]?.id_synthesized, true);
      assert.deepEqual(o.tool_calls[1]?.arguments, { x: 1 });
    },
  },
  {
    name: 'a relay that repeats the name on every fragment of one index-less call',
    body: sse([
      tc({ id: 'c1', function: fn('read_file', '{"pa') }),
      tc({ function: fn('read_file', 'th":"x"}') }),
      chunk({}, 'stop'),
    ]),
    expect: { finish_reason: 'tool_calls' },
    check: (o) =>
      assert.deepEqual(
        o.tool_calls.map((c) => [c.id, c.arguments_raw]),
        [['c1', '{"path":"x"}']],
      ),
  },
  {
    name: 'usage before finish, content on the finish chunk, [DONE] with trailing spaces',
    body:
      `data: ${JSON.stringify(chunk({}, null, { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, prompt_tokens_details: { cached_tokens: 2 } } }))}\n\n` +
      `data: ${JSON.stringify(chunk({ content: 'last words' }, 'MAX_TOKENS'))}\n\ndata: [DONE]  \n\ndata: garbage after done\n\n`,
    expect: {
      ok: true,
      text: 'last words',
      finish_reason: 'length',
      finish_reason_raw: 'MAX_TOKENS',
      done_marker_seen: true,
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, reasoning_tokens: null, cached_tokens: 2 },
    },
  },
  {
    name: 'length with tool calls stays length (arguments may be cut off)',
    body: sse([tc({ index: 0, id: 'x', function: fn('f', '{"a":') }), chunk({}, 'length')]),
    expect: { finish_reason: 'length', finish_reason_raw: 'length' },
    check: (o) => assert.equal(o.tool_calls[0]?.arguments, null),
  },
  {
    name: 'SAFETY is content_filter',
    body: sse([chunk({ content: 'x' }), chunk({}, 'SAFETY')]),
    expect: { ok: true, finish_reason: 'content_filter', finish_reason_raw: 'SAFETY' },
  },
  {
    name: 'an unknown finish reason counts as stop',
    body: sse([chunk({ content: 'x' }, 'weird_reason')]),
    expect: { ok: true, finish_reason: 'stop', finish_reason_raw: 'weird_reason' },
  },
  {
    name: 'malformed function call',
    body: sse([chunk({}, 'MALFORMED_FUNCTION_CALL')]),
    expect: { ok: true, finish_reason: 'malformed_tool_call' },
  },
  {
    name: 'a bare envelope error line after some text (no data: prefix)',
    body: `data: ${JSON.stringify(chunk({ content: 'Part' }))}\n\n{"code":402,"msg":"Insufficient credits","data":null}\n`,
    expect: { ok: false, text: 'Part' },
    check: (o) =>
      assert.deepEqual(
        [o.error?.kind, o.error?.source, o.error?.code, o.error?.retryable],
        ['insufficient_credits', 'stream_event', 402, false],
      ),
  },
  {
    name: 'content parts arrays, refusal, reasoning field and reasoning_details',
    body: sse([
      chunk({
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
        reasoning_details: [
          { type: 'reasoning.text', text: 'r1' },
          { type: 'reasoning.encrypted', data: 'zz' },
        ],
      }),
      chunk({ refusal: ' no.', reasoning: 'r2' }),
      chunk({}, 'stop'),
    ]),
    expect: { text: 'AB no.', reasoning: 'r1r2' },
  },
  {
    name: 'choices [] without usage, a second choice, unparsable data and a named non-chunk event are skipped',
    body:
      `data: {"choices":[]}\n\ndata: not json\n\nevent: ping\ndata: {"x":1}\n\n` +
      `data: ${JSON.stringify({
        choices: [
          { index: 1, delta: { content: 'other' } },
          { index: 0, delta: { content: 'mine' }, finish_reason: 'stop' },
        ],
      })}\n\n`,
    expect: { ok: true, text: 'mine', done_marker_seen: false },
  },
  {
    name: 'named events (completion, message, a thread.* name, an upper-case ERROR) are chunks like unnamed ones',
    body:
      `event: completion\ndata: ${JSON.stringify(chunk({ content: 'alpha ' }))}\n\n` +
      `event: ping\ndata:\n\n` +
      `event: thread.message.delta\ndata: ${JSON.stringify(chunk({ content: 'beta ' }))}\n\n` +
      `event: ERROR\ndata: ${JSON.stringify(chunk({ content: 'gamma' }))}\n\n` +
      `event: message\ndata: ${JSON.stringify(chunk({}, 'stop'))}\n\n`,
    expect: { ok: true, text: 'alpha beta gamma', finish_reason: 'stop', done_marker_seen: false },
  },
  {
    name: 'an error frame with empty data still fails the turn, after the text before it',
    body: `event: completion\ndata: ${JSON.stringify(chunk({ content: 'partial' }))}\n\nevent: error\ndata:\n\n`,
    expect: { ok: false, text: 'partial' },
    check: (o) => {
      assert.equal(o.error?.source, 'stream_event');
      assert.equal(o.error?.message, 'Server reported an error');
    },
  },
  {
    name: 'an error frame whose data is not JSON keeps its text as the message',
    body: `data: ${JSON.stringify(chunk({ content: 'x' }))}\n\nevent: error\ndata: upstream timed out\n\n`,
    expect: { ok: false, text: 'x' },
    check: (o) => assert.equal(o.error?.message, 'upstream timed out'),
  },
  {
    name: 'a stream of nothing but garbage is a protocol error',
    body: 'data: nope\n\ndata: {broken\n\n',
    expect: { ok: false },
    check: (o) => assert.equal(o.error?.kind, 'protocol'),
  },
  {
    name: '[DONE] without a finish_reason completes the turn',
    body: sse([chunk({ content: 'hi' })]),
    expect: { ok: true, text: 'hi', finish_reason: 'stop', finish_reason_raw: null, done_marker_seen: true },
  },
  {
    name: 'an empty 200 body is truncated',
    body: '',
    expect: { ok: false },
    check: (o) => assert.equal(o.error?.kind, 'stream_truncated'),
  },
  {
    name: 'an HTML page with status 200 is a protocol error naming its title',
    body: '\n<!doctype html><html><head><title>Just a moment...</title></head></html>',
    expect: { ok: false },
    check: (o) => {
      assert.equal(o.error?.kind, 'protocol');
      assert.equal(o.error?.source, 'body_envelope');
      assert.match(o.error?.message ?? '', /Just a moment/);
    },
  },
  {
    name: "Google's list-shaped error in a 200 JSON body",
    body: '[{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \\"const\\"","status":"INVALID_ARGUMENT"}}]',
    headers: { 'content-type': 'application/json' },
    expect: { ok: false },
    check: (o) =>
      assert.deepEqual(
        [o.error?.kind, o.error?.code, o.error?.type, o.error?.retryable],
        ['bad_request', 400, 'INVALID_ARGUMENT', false],
      ),
  },
  {
    name: 'a non-stream answer with tool_calls, null content, no finish_reason and choice index 1',
    body: JSON.stringify({
      object: 'chat.completion',
      credits_consumed: '0.5',
      choices: [
        {
          index: 1,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' }, extra_content: SIG },
            ],
          },
        },
      ],
    }),
    headers: { 'content-type': 'application/json' },
    expect: { ok: true, finish_reason: 'tool_calls', finish_reason_raw: null, streamed: false, credits_consumed: 0.5 },
    check: (o) => assert.deepEqual(o.tool_calls[0]?.extra_content, SIG),
  },
  {
    name: 'a success envelope without data is a protocol error',
    body: '{"code":200,"message":"success","data":null}',
    expect: { ok: false },
    check: (o) => assert.equal(o.error?.kind, 'protocol'),
  },
  {
    name: 'an error object with a nested JSON string message',
    body: sse(
      [
        {
          error: {
            message:
              '{\n  "error": {\n    "code": 429,\n    "message": "Resource has been exhausted",\n    "status": "RESOURCE_EXHAUSTED"\n  }\n}',
          },
        },
      ],
      false,
    ),
    expect: { ok: false },
    check: (o) =>
      assert.deepEqual(
        [o.error?.kind, o.error?.message, o.error?.code],
        ['rate_limit', 'Resource has been exhausted', 429],
      ),
  },
];

const REQUEST = { model: 'gemini', messages: [{ role: 'user' as const, content: 'x' }] };

async function run(c: Case, chunks: Uint8Array[]): Promise<Outcome> {
  const fetch = stubFetch([
    { status: c.status ?? 200, headers: c.headers ?? { 'content-type': 'text/event-stream' }, chunks },
  ]);
  return collectOutcome(streamChat(REQUEST, { baseUrl: 'https://x.test/v1', apiKey: 'k', fetch, maxRetries: 0 }));
}

function verify(c: Case, o: Outcome, label: string): void {
  for (const [k, v] of Object.entries(c.expect)) assert.deepStrictEqual(o[k as keyof Outcome], v, `${label}: ${k}`);
  c.check?.(o);
}

describe('streams beyond the fixtures, at every split', () => {
  for (const c of CASES) {
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

/** Synthesized ids are random; compare everything else. */
function stripIds(o: Outcome): Outcome {
  return { ...o, tool_calls: o.tool_calls.map((t) => (t.id_synthesized ? { ...t, id: '' } : t)) };
}
