// Text and thoughts: <think>-style blocks split anywhere, tag-like text that is not a block, and
// reasoning and content-part fields.
import { chunk, sse } from './helpers';
import { describeAtEverySplit, type StreamCase } from './streamCase';

const CASES: StreamCase[] = [
  {
    name: '<thought> in the middle of an answer stays text',
    body: sse([
      chunk({ content: 'Use the ' }),
      chunk({ content: '<thought> element' }),
      chunk({ content: ' like <think>this</think>.' }),
      chunk({}, 'stop'),
    ]),
    expect: { ok: true, text: 'Use the <thought> element like <think>this</think>.', reasoning: '' },
  },
  {
    name: '<think> and <thinking> blocks split across deltas; whitespace before the answer dropped',
    body: sse([
      chunk({ content: '\n <thi' }),
      chunk({ content: 'nking>a<' }),
      chunk({ content: '/b> c</thinking' }),
      chunk({ content: '>  \n' }),
      chunk({ content: '\nAnswer <b>' }),
      chunk({}, 'stop'),
    ]),
    expect: { text: 'Answer <b>', reasoning: 'a</b> c' },
  },
  {
    name: 'an unclosed thought block becomes reasoning',
    body: sse([chunk({ content: '<think>still thinking' }), chunk({}, 'stop')]),
    expect: { text: '', reasoning: 'still thinking', ok: true },
  },
  {
    name: 'a lone "<th" at the start, never completed, becomes text at the end',
    body: sse([chunk({ content: ' <th' }), chunk({}, 'stop')]),
    expect: { text: ' <th', reasoning: '', ok: true },
  },
  {
    name: 'a tag-like start that is not a tag is released as text',
    body: sse([chunk({ content: '  <th' }), chunk({ content: 'ead> is a table tag' }), chunk({}, 'stop')]),
    expect: { text: '  <thead> is a table tag', reasoning: '' },
  },
  {
    name: 'content parts arrays, refusal, reasoning field and reasoning_details',
    body: sse([
      chunk({
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
        reasoning_details: [
          { type: 'reasoning.text', text: 'r1' },
          { type: 'reasoning.encrypted', data: 'zz' },
        ],
      }),
      chunk({ refusal: ' no.', reasoning: 'r2' }),
      chunk({}, 'stop'),
    ]),
    expect: { text: 'AB no.', reasoning: 'r1r2' },
  },
];

describeAtEverySplit('text, thoughts and reasoning', CASES);
