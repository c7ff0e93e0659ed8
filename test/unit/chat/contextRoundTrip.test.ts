import assert from 'node:assert/strict';
import { newChat, parseStoredChat, serializeChat } from '../../../src/common/chat/historyCodec';

describe('history codec: user-turn context', () => {
  it('keeps the context (and slash-command instructions) sent with a user message, so the chat can be resent after a reload', () => {
    const chat = newChat('c1', { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' }, 1);
    chat.turns.push({
      id: 'u1',
      role: 'user',
      text: 'Explain',
      status: 'done',
      context: 'Context: src/a.ts\n```ts\nx\n```',
      command: 'The user ran /explain: …',
    });
    const back = parseStoredChat(serializeChat(chat));
    assert.ok(!('error' in back));
    assert.equal(back.turns[0]?.context, 'Context: src/a.ts\n```ts\nx\n```');
    assert.equal(back.turns[0]?.command, 'The user ran /explain: …', "a slash command's instructions too");
  });
});
