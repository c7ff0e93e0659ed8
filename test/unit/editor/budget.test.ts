import assert from 'node:assert/strict';
import {
  cutSpan,
  describeOmitted,
  estimateTokens,
  numberLines,
  promptCharBudget,
  spanChars,
} from '../../../src/common/editor/budget';

describe('budget helpers', () => {
  it('estimates 3.5 characters per token and budgets a share of the window', () => {
    assert.equal(estimateTokens('x'.repeat(35)), 10);
    assert.equal(promptCharBudget(4000, 0.5), 7000);
  });

  it('numbers lines with padded numbers', () => {
    assert.equal(numberLines({ startLine: 9, lines: ['a', 'b'] }), ' 9 | a\n10 | b');
  });

  it('keeps a span that fits untouched', () => {
    const span = { startLine: 1, lines: ['a', 'b'] };
    assert.deepEqual(cutSpan(span, spanChars(span), 'head'), { kept: span, omitted: [] });
  });

  it('cuts whole lines from the end (head) or the start (tail) and says which', () => {
    const span = { startLine: 10, lines: Array.from({ length: 10 }, (_, i) => `line${i}`) };
    const head = cutSpan(span, 33, 'head');
    assert.deepEqual(head.kept, { startLine: 10, lines: ['line0', 'line1', 'line2'] });
    assert.equal(head.omitted[0]?.from, 13);
    assert.equal(head.omitted[0]?.to, 19);
    const tail = cutSpan(span, 33, 'tail');
    assert.deepEqual(tail.kept, { startLine: 17, lines: ['line7', 'line8', 'line9'] });
    assert.deepEqual(describeOmitted(tail, 'the context before'), [
      'lines 10–16 of the context before (about 42 characters)',
    ]);
  });

  it('drops a single line longer than the budget rather than splitting it', () => {
    const cut = cutSpan({ startLine: 1, lines: ['x'.repeat(100)] }, 50, 'head');
    assert.equal(cut.kept.lines.length, 0);
    assert.deepEqual(describeOmitted(cut, 'the file'), ['line 1 of the file (about 101 characters)']);
  });
});
