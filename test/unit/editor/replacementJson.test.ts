import assert from 'node:assert/strict';
import { correctionMessage, parseReplacement, stripLineNumbers } from '../../../src/common/editor/replacementJson';

describe('parseReplacement', () => {
  it('parses a plain JSON object', () => {
    assert.deepEqual(parseReplacement('{"replacement":"const x = 1;","explanation":"Renamed."}'), {
      ok: true,
      value: { replacement: 'const x = 1;', explanation: 'Renamed.' },
    });
  });

  it('accepts the object inside a ```json fence or surrounded by prose', () => {
    const fenced = parseReplacement('```json\n{"replacement": "a\\nb", "explanation": "x"}\n```');
    assert.deepEqual(fenced, { ok: true, value: { replacement: 'a\nb', explanation: 'x' } });
    const prose = parseReplacement('Here you go: {"replacement": "y", "explanation": "z"} Hope it helps.');
    assert.deepEqual(prose, { ok: true, value: { replacement: 'y', explanation: 'z' } });
  });

  it('allows a missing explanation', () => {
    assert.deepEqual(parseReplacement('{"replacement": ""}'), {
      ok: true,
      value: { replacement: '', explanation: '' },
    });
  });

  it('reports invalid JSON, wrong shapes and empty answers', () => {
    for (const bad of [
      'not json at all',
      '{"replacement": "x",',
      '[1,2]',
      '{"code": "x"}',
      '{"replacement": 3}',
      '{"replacement": "x", "explanation": 4}',
      '  ',
    ]) {
      const r = parseReplacement(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.error.length > 5, r.error);
    }
  });

  it('removes line numbers the model copied from the prompt', () => {
    assert.equal(stripLineNumbers(' 9 | a\n10 | b\n\n11 |   c'), 'a\nb\n\n  c');
    assert.equal(stripLineNumbers('x | y\n1 | z'), 'x | y\n1 | z', 'only when every line is numbered');
    const r = parseReplacement(JSON.stringify({ replacement: '4 | return 1;', explanation: '' }));
    assert.ok(r.ok && r.value.replacement === 'return 1;');
  });

  it('builds a corrective message that repeats the shape', () => {
    assert.match(
      correctionMessage('the answer is not valid JSON'),
      /not valid JSON.*\{"replacement": string, "explanation": string\}/,
    );
  });
});
