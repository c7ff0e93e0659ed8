// Tool calls in streamed deltas (index-less, duplicate ids, repeated names, cut off by length) and in a
// non-stream answer.
import assert from 'node:assert/strict';
import { chunk, sse } from './helpers';
import { describeAtEverySplit, type StreamCase } from './streamCase';

const SIG = { google: { thought_signature: 'c2lnbmF0dXJl+/==' } };
const tc = (d: Record<string, unknown>): unknown => chunk({ tool_calls: [d] });
const fn = (name: string | undefined, args: string | undefined): Record<string, unknown> => ({
  ...(name === undefined ? {} : { name }),
  ...(args === undefined ? {} : { arguments: args }),
});

const CASES: StreamCase[] = [
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
    name: 'length with tool calls stays length (arguments may be cut off)',
    body: sse([tc({ index: 0, id: 'x', function: fn('f', '{"a":') }), chunk({}, 'length')]),
    expect: { finish_reason: 'length', finish_reason_raw: 'length' },
    check: (o) => assert.equal(o.tool_calls[0]?.arguments, null),
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
];

describeAtEverySplit('tool calls', CASES);
