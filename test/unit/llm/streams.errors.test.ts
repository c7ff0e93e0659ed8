// Errors inside a 200 response: envelope lines, error frames, garbage, empty and HTML bodies, JSON error shapes.
import assert from 'node:assert/strict';
import { chunk, sse } from './helpers';
import { describeAtEverySplit, type StreamCase } from './streamCase';

const CASES: StreamCase[] = [
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

describeAtEverySplit('errors', CASES);
