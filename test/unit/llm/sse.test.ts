import assert from 'node:assert/strict';
import { SseBodyDecoder } from '../../../src/common/llm/sse';

interface Seen {
  /** Every event as [data, 'error'] for an error frame or [data, undefined] for the rest. */
  data: Array<[string, 'error' | undefined]>;
  done: number;
  framing: string[];
}

function decode(
  pieces: Array<string | Uint8Array>,
  contentType = 'text/event-stream',
  maxBufferSize?: number,
): { seen: Seen; doc: string | undefined; d: SseBodyDecoder } {
  const seen: Seen = { data: [], done: 0, framing: [] };
  const d = new SseBodyDecoder(
    {
      onData: (data) => seen.data.push([data, undefined]),
      onErrorEvent: (data) => seen.data.push([data, 'error']),
      onDone: () => seen.done++,
      onFramingError: (m) => seen.framing.push(m),
    },
    { contentType, maxBufferSize },
  );
  for (const p of pieces) d.push(typeof p === 'string' ? Buffer.from(p) : p);
  return { seen, doc: d.end(), d };
}

describe('SseBodyDecoder', () => {
  it('decodes a character split across chunks (mid-UTF-8)', () => {
    const b = Buffer.from('data: "—😀"\n\n');
    const pieces = Array.from(b, (_, i) => b.subarray(i, i + 1));
    assert.deepEqual(decode(pieces).seen.data, [['"—😀"', undefined]]);
  });

  it('handles CRLF split between chunks, lone CR, comments and multi-line data', () => {
    const { seen, d } = decode(['data: 1\r', '\n\r', '\n: ping\r\rdata: {"a":\rdata: 2}\r\r']);
    assert.deepEqual(seen.data, [
      ['1', undefined],
      ['{"a":\n2}', undefined],
    ]);
    assert.equal(d.stats.commentsSeen, 1);
  });

  it('flushes a final event that lacks its blank line, and stops at [DONE]', () => {
    assert.deepEqual(decode(['data: {"x":1}']).seen.data, [['{"x":1}', undefined]]);
    const { seen, d } = decode(['data: a\n\ndata:  [DONE]\n\ndata: b\n\n']);
    assert.deepEqual(seen.data, [['a', undefined]]);
    assert.equal(seen.done, 1);
    assert.equal(d.done, true);
  });

  it('reports error frames, the last id and the retry hint', () => {
    const { seen, d } = decode(['retry: 1500\nid: 7\nevent: error\ndata: {}\n\ndata: x\n\n']);
    assert.deepEqual(seen.data, [
      ['{}', 'error'],
      ['x', undefined],
    ]);
    assert.equal(d.stats.lastEventId, '7');
    assert.equal(d.stats.retryHintMs, 1500);
  });

  it('sniffs a JSON or HTML body even under an event-stream Content-Type, after a BOM and whitespace', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const r = decode([bom, '  \n', '{"code":500', ',"msg":"x"}']);
    assert.equal(r.d.mode, 'document');
    assert.equal(r.doc?.trim(), '{"code":500,"msg":"x"}');
    assert.equal(decode(['<html>']).d.mode, 'document');
    assert.equal(decode([': hi\n\n{"a":1}\n']).d.mode, 'sse');
  });

  it('treats a JSON Content-Type as a document whatever the first byte', () => {
    const r = decode(['data: nope'], 'application/json; charset=utf-8');
    assert.equal(r.doc, 'data: nope');
    assert.equal(decode([], 'application/json').doc, '');
  });

  it('passes a bare JSON line inside an event stream on as data', () => {
    const { seen } = decode(['data: 1\n\n', '{"code":402,"msg":"no credits"}']);
    assert.deepEqual(seen.data, [
      ['1', undefined],
      ['{"code":402,"msg":"no credits"}', undefined],
    ]);
  });

  it('reports an event over the buffer cap as a framing error and stops', () => {
    const { seen } = decode([`data: ${'x'.repeat(200)}`, '\n\ndata: after\n\n'], 'text/event-stream', 100);
    assert.equal(seen.framing.length, 1);
    assert.deepEqual(seen.data, []);
  });

  it('passes the data of every named event other than error on like an unnamed event', () => {
    const { seen } = decode([
      'event: completion\ndata: {"a":1}\n\n',
      'event: message\ndata: {"b":2}\n\n',
      'event: thread.message.delta\ndata: {"c":3}\n\n',
      'event:\ndata: {"d":4}\n\n',
      'event: ERROR\ndata: {"e":5}\n\n',
      'data: {"f":6}\n\n',
    ]);
    assert.deepEqual(seen.data, [
      ['{"a":1}', undefined],
      ['{"b":2}', undefined],
      ['{"c":3}', undefined],
      ['{"d":4}', undefined],
      ['{"e":5}', undefined],
      ['{"f":6}', undefined],
    ]);
  });

  it('skips events with empty or blank data, named or not, and counts them', () => {
    const { seen, d } = decode([
      'event: ping\ndata:\n\n',
      'data: \n\n',
      'event: ping\ndata:   \ndata:\n\n',
      'data: x\n\n',
    ]);
    assert.deepEqual(seen.data, [['x', undefined]]);
    assert.equal(d.stats.emptyEvents, 3);
  });

  it('hands an error frame on even when its data is empty or not JSON', () => {
    const { seen } = decode(['event: error\ndata:\n\n', 'event: error\ndata: upstream down\n\n']);
    assert.deepEqual(seen.data, [
      ['', 'error'],
      ['upstream down', 'error'],
    ]);
  });

  it('a named [DONE] still ends the stream', () => {
    const { seen, d } = decode(['event: completion\ndata: [DONE]\n\ndata: late\n\n']);
    assert.deepEqual(seen.data, []);
    assert.equal(d.done, true);
  });
});
