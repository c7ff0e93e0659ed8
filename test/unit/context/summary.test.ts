import assert from 'node:assert/strict';
import {
  coveredTurnCount,
  summarizableTurns,
  summaryMessageText,
  summaryRequest,
  SUMMARY_SYSTEM,
} from '../../../src/common/context/summary';
import type { TurnView } from '../../../src/common/protocol';

const user = (id: string, text: string, extra: Partial<TurnView> = {}): TurnView => ({
  id,
  role: 'user',
  text,
  status: 'done',
  ...extra,
});
const answer = (id: string, text: string): TurnView => ({ id, role: 'assistant', text, status: 'done' });

describe('Summarize chat', () => {
  it('needs two turns, or a summary and one more turn', () => {
    assert.equal(summarizableTurns([user('u1', 'a'), answer('a1', 'b')]), undefined);
    const two = [user('u1', 'a'), answer('a1', 'b'), user('u2', 'c'), answer('a2', 'd')];
    assert.deepEqual(summarizableTurns(two), { from: 0, to: 4 });
    const summary = user('s', 'sum', { summaryOf: 2 });
    assert.equal(summarizableTurns([...two, summary]), undefined, 'nothing new since the summary');
    assert.deepEqual(summarizableTurns([...two, summary, user('u3', 'e'), answer('a3', 'f')]), { from: 4, to: 7 });
  });

  it('counts turns as messages with their answers; an earlier summary counts for what it stood for', () => {
    const turns = [user('s', 'sum', { summaryOf: 5 }), user('u3', 'e'), answer('a3', 'f'), user('u4', 'g')];
    assert.equal(coveredTurnCount(turns), 7);
  });

  it('asks once for a summary of the turns, with their context, and without the thinking', () => {
    const turns = [
      user('u1', 'Why does parse() fail?', { context: 'Context: src/parse.ts\n```ts\nparse()\n```' }),
      answer('a1', '<thought>hmm</thought>Because of the BOM.'),
      user('u2', 'Fix it'),
      answer('a2', 'Strip it first.'),
    ];
    const { messages, omitted } = summaryRequest(turns, 128_000);
    assert.equal(omitted, 0);
    assert.equal(messages[0]?.content, SUMMARY_SYSTEM);
    const body = messages[1]?.content ?? '';
    assert.match(body, /Developer:\nContext: src\/parse\.ts[\s\S]*Why does parse\(\) fail\?/);
    assert.match(body, /AIO Coder:\nBecause of the BOM\./);
    assert.ok(!body.includes('hmm'), 'thinking is never sent back');
    assert.match(body, /Write the summary now\.$/);
  });

  it('keeps the newest turns when the chat is larger than the request may be', () => {
    const big = 'y'.repeat(5000);
    const turns = Array.from({ length: 10 }, (_, i) => [
      user(`u${i}`, `q${i} ${big}`),
      answer(`a${i}`, `a${i} ${big}`),
    ]).flat();
    const { messages, omitted } = summaryRequest(turns, 8000);
    assert.ok(omitted > 0);
    assert.match(messages[1]?.content ?? '', new RegExp(`^\\(The ${omitted} oldest turns did not fit`));
    assert.match(messages[1]?.content ?? '', /q9 /);
    assert.ok(!(messages[1]?.content ?? '').includes('q0 '));
  });

  it('is sent in later requests as a user message that says what it stands for', () => {
    assert.equal(
      summaryMessageText(user('s', 'We fixed the BOM.', { summaryOf: 1 })),
      'Summary of the earlier conversation (1 turn, condensed to save room; it stands for them):\n\nWe fixed the BOM.',
    );
  });
});
