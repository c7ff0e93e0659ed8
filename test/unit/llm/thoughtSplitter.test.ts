import assert from 'node:assert/strict';
import { stripThoughts, ThoughtSplitter } from '../../../src/common/llm/thoughtSplitter';

/** Runs the splitter over `pieces` and returns the joined text and reasoning. */
function split(pieces: string[]): { text: string; reasoning: string } {
  const s = new ThoughtSplitter();
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const p of [...pieces.map((x) => s.push(x)), s.end()]) {
    text.push(p.text);
    reasoning.push(p.reasoning);
  }
  return { text: text.join(''), reasoning: reasoning.join('') };
}

/** Every way to cut `s` into two pieces, plus one character at a time. */
function cuts(s: string): string[][] {
  const out = [[s], Array.from(s)];
  for (let i = 1; i < s.length; i++) out.push([s.slice(0, i), s.slice(i)]);
  return out;
}

describe('ThoughtSplitter', () => {
  const cases: Array<[string, string, string]> = [
    ['<thought>plan</thought>\n\nAnswer', 'Answer', 'plan'],
    ['  \n<think>a < b, </thin and </think>ok', 'ok', 'a < b, </thin and '],
    ['<thinking>x</thinking>   <thought>y</thought> z', 'z', 'xy'],
    ['<THOUGHT>caps</THOUGHT>text', 'text', 'caps'],
    ['Answer first <thought>not thinking</thought>', 'Answer first <thought>not thinking</thought>', ''],
    ['<b>bold</b>', '<b>bold</b>', ''],
    ['<thoughts>plural is not a tag', '<thoughts>plural is not a tag', ''],
    ['<thought>never closed', '', 'never closed'],
    ['<thoug', '<thoug', ''],
    ['\n\n', '\n\n', ''],
    ['<thought></thought>', '', ''],
    ['<thought>a</thought>\n\n<th', '<th', 'a'],
  ];
  for (const [input, text, reasoning] of cases) {
    it(`${JSON.stringify(input)} at every cut`, () => {
      for (const pieces of cuts(input)) assert.deepEqual(split(pieces), { text, reasoning }, JSON.stringify(pieces));
    });
  }

  it('releases reasoning while inside a block, holding back only a possible closing tag', () => {
    const s = new ThoughtSplitter();
    assert.deepEqual(s.push('<thought>abc</th'), { text: '', reasoning: 'abc' });
    assert.deepEqual(s.push('ing'), { text: '', reasoning: '</thing' });
    assert.deepEqual(s.push('</thought>Hi'), { text: 'Hi', reasoning: '' });
    assert.deepEqual(s.push(' <thought>'), { text: ' <thought>', reasoning: '' });
  });

  it('stripThoughts removes only a leading block', () => {
    assert.equal(stripThoughts('<thought>x</thought>\nDone'), 'Done');
    assert.equal(stripThoughts('Done <thought>x</thought>'), 'Done <thought>x</thought>');
  });
});
