import assert from 'node:assert/strict';
import { isWebviewToHost } from '../../src/common/protocolCheck';

const options = { includeThoughts: true, reasoningEffort: 'low', mode: 'agent' };

describe('isWebviewToHost', () => {
  it('accepts well-formed messages of each family (chat, chats, agent, context)', () => {
    for (const m of [
      { type: 'mentionQuery', queryId: 3, query: 'src/ma' },
      { type: 'pickMention', id: 'm12' },
      { type: 'dropUris', uris: ['file:///ws/a.ts'] },
      { type: 'ready' },
      { type: 'send', text: 'hi', options },
      { type: 'retry', turnId: 't1' },
      { type: 'renameChat', chatId: 'c1', title: 'A title' },
      { type: 'decideEdit', editId: 'e1', accept: false, reason: 'not this one' },
      { type: 'undoTurn', turnId: 't1', force: true },
      { type: 'useInstructions', path: 'AGENTS.md', use: false },
    ])
      assert.ok(isWebviewToHost(m), JSON.stringify(m));
  });

  it('refuses unknown types, missing or mistyped fields and oversized values', () => {
    for (const m of [
      null,
      'send',
      { type: 'eval', code: '1' },
      { type: 'send', text: 'hi' },
      { type: 'send', text: 'hi', options: { ...options, mode: 'yolo' } },
      { type: 'send', text: 'hi', options: { ...options, reasoningEffort: 'max' } },
      { type: 'stop', requestId: '' },
      { type: 'renameChat', chatId: 'c1', title: 'x'.repeat(201) },
      { type: 'decideEdit', editId: 'e1', accept: 'yes' },
      { type: 'openFile', path: '' },
      { type: 'editSummary', turnId: 't1', text: '   ' },
      { type: 'mentionQuery', queryId: 1.5, query: 'a' },
      { type: 'mentionQuery', queryId: 1, query: 'x'.repeat(501) },
      { type: 'pickMention', id: '' },
      { type: 'dropUris', uris: 'file:///a' },
      { type: 'dropUris', uris: Array.from({ length: 101 }, () => 'file:///a') },
    ])
      assert.equal(isWebviewToHost(m), false, JSON.stringify(m));
  });
});
