import assert from 'node:assert/strict';
import {
  leftOutNote,
  messagesTokens,
  planChatPrompt,
  reservedOutputTokens,
  toolSpecTokens,
} from '../../../src/common/context/chatBudget';
import { RoundBudget, SHORTENED_TOOL_RESULT } from '../../../src/common/context/roundBudget';
import type { ChatMessage } from '../../../src/common/llm/types';
import type { TurnView } from '../../../src/common/protocol';

const SYSTEM = 'You are a test assistant.';
/** About 1,000 tokens of text (3.5 characters per token). */
const K = 'x'.repeat(3500);

function exchange(n: number, size = K): TurnView[] {
  return [
    { id: `u${n}`, role: 'user', text: `question ${n} ${size}`, status: 'done' },
    { id: `a${n}`, role: 'assistant', text: `answer ${n} ${size}`, status: 'done' },
  ];
}

function chat(exchanges: number, size = K): TurnView[] {
  const turns = Array.from({ length: exchanges }, (_, i) => exchange(i + 1, size)).flat();
  turns.push({ id: 'q', role: 'user', text: 'the new question', status: 'done' });
  return turns;
}

const plan = (turns: TurnView[], window = 12_000) =>
  planChatPrompt({ contextWindowTokens: window, system: SYSTEM, turns, sentText: (t) => t.text });

describe('chat context budget', () => {
  it('sends everything, with no note, when it fits', () => {
    const p = plan(chat(2));
    assert.equal(p.note, undefined);
    assert.deepEqual(p.leftOut, { turns: 0 });
    assert.equal(p.messages.length, 6);
    assert.equal(p.messages[0]?.content, SYSTEM);
    assert.equal(p.question, 5);
  });

  it('leaves out the oldest turns first, keeps the newest and the new message, and says how many', () => {
    // A 12,000-token window keeps 2,400 for the answer: 4 of the 10 exchanges of about 2,000 tokens fit.
    const p = plan(chat(10));
    const texts = p.messages.map((m) => m.content.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(texts.slice(1), [
      'question 7',
      'answer 7',
      'question 8',
      'answer 8',
      'question 9',
      'answer 9',
      'question 10',
      'answer 10',
      'the new',
    ]);
    assert.equal(p.leftOut.turns, 6);
    assert.equal(p.note, '6 earlier turns left out to fit the context window');
    assert.match(
      p.messages[0]?.content ?? '',
      /^You are a test assistant\.\n\nNote: to fit the context window, parts of/,
    );
    assert.match(p.messages[0]?.content ?? '', /\(6 earlier turns left out\)\. You have not seen them/);
    assert.ok(messagesTokens(p.messages) <= p.budget, 'the planned messages fit the budget');
  });

  it('counts the tool declarations and the room kept for the answer', () => {
    const tools = [{ name: 'read_file', description: 'd'.repeat(7000), parameters: { type: 'object' } }];
    const withTools = planChatPrompt({
      contextWindowTokens: 12_000,
      system: SYSTEM,
      tools,
      turns: chat(4),
      sentText: (t) => t.text,
    });
    assert.ok(toolSpecTokens(tools) > 2000);
    assert.ok(withTools.leftOut.turns > plan(chat(4)).leftOut.turns);
    assert.equal(reservedOutputTokens(128_000), 16_384);
    assert.equal(reservedOutputTokens(12_000), 2_400);
  });

  it('never leaves out the new message, even when it alone is over the budget', () => {
    const turns = chat(1);
    turns[turns.length - 1] = { id: 'q', role: 'user', text: K.repeat(20), status: 'done' };
    const p = plan(turns);
    assert.equal(p.messages.at(-1)?.content, K.repeat(20));
    assert.equal(p.note, '1 earlier turn left out to fit the context window');
  });

  it('starts at the latest summary, which is kept longest', () => {
    const summary: TurnView = { id: 's', role: 'user', text: 'what we did', status: 'done', summaryOf: 12 };
    const turns = [...exchange(1), ...exchange(2), summary, ...chat(6)];
    const p = plan(turns);
    const sent = p.messages.map((m) => m.content);
    assert.ok(!sent.some((c) => c.startsWith('question 1 ') || c.startsWith('question 2 ')), 'turns before it go');
    assert.match(
      sent[1] ?? '',
      /^Summary of the earlier conversation \(12 turns, condensed to save room; it stands for them\):\n\nwhat we did/,
    );
    assert.ok(p.leftOut.turns > 0 && !p.leftOut.summary, 'older turns go before the summary');
  });

  it('words the note for one turn, the summary and shortened tool results', () => {
    assert.equal(leftOutNote({ turns: 0 }), undefined);
    assert.equal(leftOutNote({ turns: 1 }), '1 earlier turn left out to fit the context window');
    assert.equal(
      leftOutNote({ turns: 3, summary: true, toolResults: 2 }),
      '3 earlier turns left out, the summary of earlier turns left out and 2 tool results shortened to fit the context window',
    );
  });
});

describe('context budget across tool rounds', () => {
  const tool = (id: string, content: string): ChatMessage => ({ role: 'tool', toolCallId: id, content });
  const call = (id: string): ChatMessage => ({
    role: 'assistant',
    content: '',
    toolCalls: [{ id, idSynthesized: false, name: 'read_file', argumentsRaw: '{}', arguments: {} }],
  });

  it('drops earlier turns first, then shortens the oldest tool results, and keeps the system note current', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: `old question ${K}` },
      { role: 'assistant', content: `old answer ${K}` },
      { role: 'user', content: 'the question' },
      call('c1'),
      tool('c1', K.repeat(2)),
      call('c2'),
      tool('c2', K),
    ];
    const rounds = new RoundBudget(SYSTEM, 2500, 3, { turns: 0 });
    const note = rounds.fit(messages);
    assert.equal(note, '1 earlier turn left out and 1 tool result shortened to fit the context window');
    assert.deepEqual(
      messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'tool', 'assistant', 'tool'],
    );
    assert.equal(messages[1]?.content, 'the question');
    assert.equal(messages[3]?.content, SHORTENED_TOOL_RESULT);
    assert.equal(messages[5]?.content, K, 'the newest tool result stays');
    assert.match(messages[0]?.content ?? '', /1 earlier turn left out and 1 tool result shortened\)/);
    assert.ok(messagesTokens(messages) <= 2500);
    assert.equal(rounds.fit(messages), undefined, 'nothing more to do: no new note');
  });
});
