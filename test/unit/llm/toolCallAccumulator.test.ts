import assert from 'node:assert/strict';
import { randomCallId, ToolCallAccumulator } from '../../../src/common/llm/toolCallAccumulator';

const counter = (): ((n: number) => string) => {
  let i = 0;
  return () => `gen_${i++}`;
};

describe('ToolCallAccumulator', () => {
  it('accumulates by index even when fragments interleave', () => {
    const acc = new ToolCallAccumulator(counter());
    acc.push({ index: 1, id: 'b', function: { name: 'g', arguments: '' } });
    acc.push({ index: 0, id: 'a', function: { name: 'f', arguments: '{"x"' } });
    acc.push({ index: 1, function: { arguments: '{"y":2}' } });
    acc.push({ index: 0, function: { arguments: ':1}' } });
    const calls = acc.finish();
    assert.deepEqual(
      calls.map((c) => [c.id, c.name, c.arguments]),
      [
        ['b', 'g', { y: 2 }],
        ['a', 'f', { x: 1 }],
      ],
    );
  });

  it('starts a new index-less call per named delta, and attaches metadata-only deltas to the latest', () => {
    const acc = new ToolCallAccumulator(counter());
    acc.push({ id: '', function: { name: 'a', arguments: '{}' } });
    acc.push({ extra_content: { sig: 1 } });
    acc.push({ id: '', function: { name: 'a', arguments: '{"n":2}' } });
    acc.push({ extra_content: { sig: 2 } });
    const calls = acc.finish();
    assert.deepEqual(
      calls.map((c) => [c.id, c.idSynthesized, c.extraContent]),
      [
        ['gen_0', true, { sig: 1 }],
        ['gen_1', true, { sig: 2 }],
      ],
    );
  });

  it('a metadata-only delta before any call creates one, which is dropped without a name', () => {
    const acc = new ToolCallAccumulator(counter());
    acc.push({ extra_content: { sig: 1 } });
    acc.push({ function: { arguments: '{"late":true}' } });
    const dropped: string[] = [];
    assert.deepEqual(
      acc.finish((raw) => dropped.push(raw)),
      [],
    );
    assert.deepEqual(dropped, ['{"late":true}']);
  });

  it('matches an index-less fragment to its call by id', () => {
    const acc = new ToolCallAccumulator(counter());
    acc.push({ id: 'x', function: { name: 'f', arguments: '{"a":' } });
    acc.push({ id: 'y', function: { name: 'g', arguments: '{}' } });
    acc.push({ id: 'x', function: { arguments: '1}' } });
    assert.deepEqual(
      acc.finish().map((c) => [c.id, c.argumentsRaw]),
      [
        ['x', '{"a":1}'],
        ['y', '{}'],
      ],
    );
  });

  it('keeps the first name, ignores later empty names, and keeps unknown keys', () => {
    const acc = new ToolCallAccumulator(counter());
    acc.push({ index: 0, id: 'c', type: 'function', function: { name: 'first', arguments: '' }, custom: { a: 1 } });
    acc.push({ index: 0, function: { name: '', arguments: '' } });
    const [call] = acc.finish();
    assert.equal(call?.name, 'first');
    assert.deepEqual(call?.arguments, {});
    assert.deepEqual(call?.extraKeys, { custom: { a: 1 } });
  });

  it('reports unparsable arguments instead of throwing', () => {
    const acc = new ToolCallAccumulator(counter());
    acc.push({ index: 0, id: 'c', function: { name: 'f', arguments: '{"a":' } });
    const [call] = acc.finish();
    assert.equal(call?.arguments, undefined);
    assert.equal(call?.argumentsRaw, '{"a":');
    assert.ok(call?.argumentsError);
  });

  it('synthesized ids avoid ids used by other calls', () => {
    const ids = ['taken', 'taken', 'fresh'];
    const acc = new ToolCallAccumulator(() => ids.shift() ?? 'end');
    acc.push({ index: 0, id: '', function: { name: 'f' } });
    acc.push({ index: 1, id: 'taken', function: { name: 'g' } });
    assert.deepEqual(
      acc.finish().map((c) => c.id),
      ['fresh', 'taken'],
    );
  });

  it('random ids look like call ids, not like aio_ keys', () => {
    const id = randomCallId();
    assert.match(id, /^call_[A-Za-z0-9]{24}$/);
    assert.notEqual(randomCallId(), id);
  });
});
