import assert from 'node:assert/strict';
import { changedRegion, countChanges } from '../../../src/common/agent/lineDiff';
import { textHash } from '../../../src/common/agent/textHash';
import { fromBase64, toBase64 } from '../../../src/common/agent/base64';

describe('line counts, changed region, fingerprints', () => {
  it('counts added and removed lines', () => {
    assert.deepEqual(countChanges('a\nb\nc\n', 'a\nB\nc\nd\n'), { added: 2, removed: 1 });
    assert.deepEqual(countChanges(undefined, 'x\ny\n'), { added: 2, removed: 0 });
    assert.deepEqual(countChanges('x\ny', undefined), { added: 0, removed: 2 });
    assert.deepEqual(countChanges('same\n', 'same\n'), { added: 0, removed: 0 });
    assert.deepEqual(countChanges('a\nb\nc\nd\n', 'a\nc\nb\nd\n'), { added: 1, removed: 1 });
  });

  it('finds the smallest whole-line region that differs', () => {
    const before = 'one\ntwo\nthree\nfour\n';
    const after = 'one\nTWO\nthree\nfour\n';
    const r = changedRegion(before, after);
    assert.deepEqual(r, { start: 4, end: 8, text: 'TWO\n' });
    assert.equal(before.slice(0, r.start) + r.text + before.slice(r.end), after);
    assert.equal(changedRegion('x', 'x'), undefined);
    for (const [b, a] of [
      ['\nabc', '\nabd'],
      ['a\r\nb\r\n', 'a\r\nc\r\n'],
      ['', 'new\n'],
      ['gone\n', ''],
      ['ab\n', 'abab\n'],
    ] as const) {
      const x = changedRegion(b, a);
      assert.ok(x);
      assert.equal(b.slice(0, x.start) + x.text + b.slice(x.end), a, JSON.stringify([b, a]));
      assert.ok(x.start === 0 || b[x.start - 1] === '\n', 'starts at a line start');
    }
  });

  it('fingerprints ignore CRLF versus LF but nothing else', () => {
    assert.equal(textHash('a\r\nb\r\n'), textHash('a\nb\n'));
    assert.notEqual(textHash('a\nb\n'), textHash('a\nb \n'));
    assert.notEqual(textHash(''), textHash('\n'));
  });

  it('base64 round-trips any bytes, large ones too', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7919) % 256);
    assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
    assert.equal(toBase64(new Uint8Array([0xef, 0xbb, 0xbf])), '77u/');
  });
});
