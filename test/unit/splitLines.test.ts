import assert from 'node:assert/strict';
import { splitLines } from '../../src/common/splitLines';

describe('splitLines', () => {
  it('counts lines the way an editor does by default: a final newline starts an empty line', () => {
    assert.deepEqual(splitLines(''), ['']);
    assert.deepEqual(splitLines('a\r\nb\n'), ['a', 'b', '']);
    assert.deepEqual(splitLines('a'), ['a']);
  });

  it("counts a file's lines with finalNewline 'endsLine': the final newline ends the last line", () => {
    const fileLines = (t: string) => splitLines(t, { finalNewline: 'endsLine' });
    assert.deepEqual(fileLines(''), []);
    assert.deepEqual(fileLines('a\r\nb\n'), ['a', 'b']);
    assert.deepEqual(fileLines('a\n\n'), ['a', '']);
    assert.deepEqual(fileLines('a'), ['a']);
  });
});
