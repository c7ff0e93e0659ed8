import assert from 'node:assert/strict';
import { newChat } from '../../../src/common/chat/historyCodec';
import type { InstructionFile } from '../../../src/common/context/instructions';
import type { ContextChip } from '../../../src/common/protocol';
import {
  chatInstructions,
  contextPaths,
  instructionViews,
  planChatRequest,
  sentText,
  type InstructionSource,
} from '../../../src/host/chat/chatContext';

const chip = (path: string): ContextChip => ({ id: path, kind: 'file', label: path, path, languageId: 'ts' });
const files: InstructionFile[] = [
  { path: 'AGENTS.md', scope: 'root', text: 'ROOT RULES' },
  { path: 'src/AGENTS.md', scope: 'nested', text: 'SRC RULES' },
];

function chatWithChips() {
  const chat = newChat('c', { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' }, 1);
  chat.turns.push(
    { id: 'u1', role: 'user', text: 'one', status: 'done', chips: [chip('lib/a.ts')] },
    { id: 'a1', role: 'assistant', text: 'x', status: 'done' },
    { id: 'u2', role: 'user', text: 'two', status: 'done', chips: [chip('src/b.ts'), chip('lib/a.ts')] },
  );
  return chat;
}

describe('chat instructions', () => {
  it('takes the files in context newest first: waiting chips, then the newest message’s', () => {
    assert.deepEqual(contextPaths(chatWithChips(), [chip('test/c.ts')]), ['test/c.ts', 'src/b.ts', 'lib/a.ts']);
  });

  it('leaves a removed file out of the chat’s requests and shows it as removed', async () => {
    const asked: string[][] = [];
    const source: InstructionSource = {
      forPaths: (paths) => {
        asked.push([...paths]);
        return Promise.resolve(files);
      },
    };
    const chat = chatWithChips();
    chat.instructionsOff = ['AGENTS.md'];
    const used = await chatInstructions(source, chat);
    assert.deepEqual(
      used.map((f) => f.path),
      ['src/AGENTS.md'],
    );
    assert.deepEqual(asked, [['src/b.ts', 'lib/a.ts']]);
    assert.deepEqual(instructionViews(files, chat.instructionsOff), [
      { path: 'AGENTS.md', removed: true },
      { path: 'src/AGENTS.md', removed: false },
    ]);
    const plan = planChatRequest(chat, { instructions: used, contextWindowTokens: 128_000, answerId: 'none' });
    assert.match(plan.messages[0]?.content ?? '', /SRC RULES/);
    assert.ok(!(plan.messages[0]?.content ?? '').includes('ROOT RULES'));
  });

  it('sends a slash command’s instructions first, then the context blocks, then what the user typed', () => {
    const base = { id: 'u', role: 'user', status: 'done' } as const;
    assert.equal(sentText({ ...base, text: 'hi' }), 'hi');
    assert.equal(
      sentText({ ...base, text: '/explain', command: 'The user ran /explain: …' }),
      'The user ran /explain: …\n\n/explain',
    );
    assert.equal(
      sentText({ ...base, text: '/fix', command: 'FIX', context: 'Context: a.ts\n```ts\nx\n```' }),
      'FIX\n\nContext: a.ts\n```ts\nx\n```\n\n/fix',
    );
    const chat = chatWithChips();
    chat.turns.push({ ...base, id: 'u3', text: '/tests', command: 'WRITE TESTS' });
    const plan = planChatRequest(chat, { instructions: [], contextWindowTokens: 128_000, answerId: 'none' });
    assert.equal(plan.messages.at(-1)?.content, 'two\n\nWRITE TESTS\n\n/tests', 'merged after an unanswered turn');
  });
});
