import assert from 'node:assert/strict';
import { applyBlocks } from '../../../src/common/agent/searchReplace';

const FILE = [
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  'export function sub(a: number, b: number): number {',
  '  return a - b;',
  '}',
  '',
].join('\n');

describe('edit_file search/replace blocks', () => {
  it('replaces an exact, unique match and keeps the rest byte for byte', () => {
    const r = applyBlocks(FILE, [{ search: '  return a + b;', replace: '  return b + a;' }], 'm.ts');
    assert.ok(r.ok);
    assert.equal(r.text, FILE.replace('a + b', 'b + a'));
    assert.deepEqual(r.loose, []);
  });

  it('applies several blocks in order, each against the text the previous one left', () => {
    const r = applyBlocks(
      FILE,
      [
        { search: 'return a + b;', replace: 'return sum(a, b);' },
        { search: 'return sum(a, b);', replace: 'return total(a, b);' },
        { search: 'a - b', replace: 'b - a' },
      ],
      'm.ts',
    );
    assert.ok(r.ok);
    assert.match(r.text, /return total\(a, b\);/);
    assert.match(r.text, /b - a/);
  });

  it('refuses a block that matches more than once, naming the lines, and applies none of the blocks', () => {
    const r = applyBlocks(
      FILE,
      [
        { search: 'a - b', replace: 'x' },
        { search: '(a: number, b: number): number {', replace: '()' },
      ],
      'src/m.ts',
    );
    assert.ok(!r.ok);
    assert.match(r.error, /^Block 2 of 2: the search text matches 2 places \(lines 1, 5\) in src\/m\.ts\./);
    assert.match(r.error, /Add neighbouring lines/);
    assert.match(r.error, /Nothing was changed \(edit_file applies all of its blocks or none\)\./);
  });

  it('refuses a block found nowhere, showing the closest lines with their numbers', () => {
    const r = applyBlocks(FILE, [{ search: 'export function subtract(a: number, b: number) {', replace: '' }], 'm.ts');
    assert.ok(!r.ok);
    assert.match(r.error, /^The search text was not found in m\.ts, not even ignoring whitespace\./);
    assert.match(r.error, /The closest lines are 5-5:\n5\| export function sub\(a: number, b: number\): number \{/);
  });

  it('says so when nothing in the file looks similar', () => {
    const r = applyBlocks(FILE, [{ search: 'zzzz qqqq', replace: '' }], 'm.ts');
    assert.ok(!r.ok);
    assert.match(r.error, /No lines of the file look similar/);
  });

  it('falls back to a whitespace-insensitive match of whole lines when it is unique', () => {
    const r = applyBlocks(FILE, [{ search: 'return   a+b;\n}\n', replace: '  return a + b + 0;\n}\n' }], 'm.ts');
    assert.ok(r.ok);
    assert.deepEqual(r.loose, [1]);
    assert.equal(r.text, FILE.replace('  return a + b;\n}', '  return a + b + 0;\n}'));
  });

  it('refuses a whitespace-insensitive match that is not unique', () => {
    const r = applyBlocks(FILE, [{ search: ' }\n', replace: '' }], 'm.ts');
    assert.ok(!r.ok);
    assert.match(r.error, /does not match m\.ts exactly, and ignoring whitespace it matches/);
  });

  it('refuses an empty search text', () => {
    const r = applyBlocks(FILE, [{ search: '  \n', replace: 'x' }], 'm.ts');
    assert.ok(!r.ok);
    assert.match(r.error, /is empty/);
  });

  it('keeps CRLF line breaks: blocks written with LF match and insert CRLF', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    const r = applyBlocks(crlf, [{ search: 'return a + b;\n}', replace: 'return a + b;\n  // sum\n}' }], 'm.ts');
    assert.ok(r.ok);
    assert.equal(r.text, crlf.replace('return a + b;\r\n}', 'return a + b;\r\n  // sum\r\n}'));
    assert.ok(!/[^\r]\n/.test(r.text), 'no bare LF');
  });
});
