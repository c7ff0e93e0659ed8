// The long chat figures 6 and 9 open and write: 100 questions and 100 markdown answers, ~300 K characters.
import type { StoredChat } from '../../src/common/chat/types';
import type { TurnView } from '../../src/common/protocol';
import { longAnswer } from './answer';
import { rng } from './stats';

/** 100 questions and 100 answers; answers are markdown with code, tables and lists. */
export function bigChat(): StoredChat {
  const rand = rng(21);
  const turns: TurnView[] = [];
  for (let i = 0; i < 100; i++) {
    const q = longAnswer(150 + Math.floor(rand() * 300), 1000 + i)
      .split('\n\n')
      .slice(0, 1)
      .join('')
      .slice(0, 400);
    turns.push({ id: `u${i}`, role: 'user', text: q, status: 'done' });
    turns.push({
      id: `a${i}`,
      role: 'assistant',
      text: longAnswer(2_300 + Math.floor(rand() * 800), 2000 + i),
      status: 'done',
      usage: { promptTokens: 1200 + i, completionTokens: 700, totalTokens: 1900 + i },
    });
  }
  return {
    version: 1,
    id: 'benchHistory',
    title: 'A long chat',
    createdAt: 1_768_000_000_000,
    updatedAt: 1_768_000_100_000,
    options: { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' },
    turns,
    totals: {},
  };
}
