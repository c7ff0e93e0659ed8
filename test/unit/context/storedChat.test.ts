import assert from 'node:assert/strict';
import { isParseError, newChat, parseStoredChat, serializeChat } from '../../../src/common/chat/historyCodec';
import type { StoredChat } from '../../../src/common/chat/types';

describe('chat history: context fields', () => {
  it('keeps removed instruction files, left-out notes and summary turns across a save and a load', () => {
    const chat: StoredChat = newChat('c1', { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' }, 1);
    chat.instructionsOff = ['AGENTS.md'];
    chat.turns.push(
      { id: 's', role: 'user', text: 'summary', status: 'done', summaryOf: 4 },
      { id: 'u', role: 'user', text: 'q', status: 'done' },
      { id: 'a', role: 'assistant', text: 'a', status: 'done', contextNote: '2 earlier turns left out' },
    );
    const loaded = parseStoredChat(serializeChat(chat));
    assert.ok(!isParseError(loaded));
    assert.deepEqual(loaded.instructionsOff, ['AGENTS.md']);
    assert.equal(loaded.turns[0]?.summaryOf, 4);
    assert.equal(loaded.turns[2]?.contextNote, '2 earlier turns left out');
    assert.ok(!('instructionsOff' in (parseStoredChat(serializeChat(newChat('c2', chat.options, 1))) as object)));
  });

  it('refuses a malformed removed-instructions list', () => {
    const text = serializeChat(
      newChat('c3', { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' }, 1),
    ).replace('"totals"', '"instructionsOff":[1],"totals"');
    assert.ok(isParseError(parseStoredChat(text)));
  });
});
