import assert from 'node:assert/strict';
import { FenceStripper, stripFences } from '../../../src/common/editor/fences';

/** Feeds `text` in pieces cut at `cuts` and returns what was emitted, checking each emission is final. */
function streamed(text: string, cuts: number[]): string {
  const s = new FenceStripper();
  let out = '';
  let at = 0;
  for (const c of [...cuts, text.length]) {
    out += s.push(text.slice(at, c));
    at = c;
  }
  return out + s.end();
}

describe('stripFences', () => {
  it('removes a fence with a language tag and the trailing explanation', () => {
    assert.equal(
      stripFences('```ts\nconst a = 1;\nconst b = 2;\n```\nThis adds two constants.'),
      'const a = 1;\nconst b = 2;',
    );
  });

  it('passes unfenced code through, without leading and trailing blank lines', () => {
    assert.equal(stripFences('\n\nfunction f() {\n\n  return 1;\n}\n\n'), 'function f() {\n\n  return 1;\n}');
  });

  it('keeps inner fences shorter than the outer one, and tilde fences work', () => {
    assert.equal(stripFences('````md\n```js\nx\n```\n````'), '```js\nx\n```');
    assert.equal(stripFences('~~~python\nprint(1)\n~~~'), 'print(1)');
  });

  it('handles CRLF, an unclosed fence and an empty answer', () => {
    assert.equal(stripFences('```js\r\nlet x;\r\nlet y;\r\n'), 'let x;\nlet y;');
    assert.equal(stripFences(''), '');
    assert.equal(stripFences('```\n```'), '');
  });

  it('does not treat a ``` with backticks in its info string as an opening fence', () => {
    assert.equal(stripFences('```a`b```\nx'), '```a`b```\nx');
  });
});

describe('FenceStripper (streaming)', () => {
  const samples = [
    '```typescript\nexport function add(a: number, b: number) {\n  return a + b;\n}\n```\nDone.',
    'plain\ncode\n\n\nwith blanks\n',
    '\r\n```js\r\nconst s = `template`;\r\n\r\n  ~~~ not a fence\r\n```\r\n',
    '````\n```\ninner\n```\n````\ntrailing',
  ];

  it('gives the same output for every split point as for the whole text', () => {
    for (const text of samples) {
      const whole = stripFences(text);
      for (let i = 0; i <= text.length; i++) {
        for (const j of [i, Math.min(text.length, i + 1), Math.min(text.length, i + 3)]) {
          assert.equal(streamed(text, [i, j]), whole, `split at ${i},${j} of ${JSON.stringify(text)}`);
        }
      }
      assert.equal(
        streamed(
          text,
          Array.from({ length: text.length }, (_, k) => k),
        ),
        whole,
        'one character at a time',
      );
    }
  });

  it('emits a code line before it ends, but holds back a possible closing fence', () => {
    const s = new FenceStripper();
    assert.equal(s.push('```ts\nconst x'), 'const x');
    assert.equal(s.push(' = 1;\n``'), ' = 1;');
    assert.equal(s.push('`\nexplanation'), '');
    assert.equal(s.end(), '');
    assert.equal(s.wasFenced, true);
  });

  it('holds back blank lines until more code follows, a trailing CR, and the undecided first line', () => {
    const s = new FenceStripper();
    assert.equal(s.push('```\na\r'), 'a');
    assert.equal(s.push('\n\n'), '');
    assert.equal(s.push('b'), '\n\nb');
    assert.equal(s.end(), '');
    const first = new FenceStripper();
    assert.equal(first.push('``'), '', 'the first line could still open a fence');
    assert.equal(first.push('`ts\nx'), 'x');
  });
});
