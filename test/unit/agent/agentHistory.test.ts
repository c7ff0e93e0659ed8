import assert from 'node:assert/strict';
import { parseStoredChat, serializeChat, isParseError } from '../../../src/common/chat/historyCodec';
import { TurnAccumulator } from '../../../src/common/chat/turnAccumulator';
import { historyMessages } from '../../../src/common/prompts/chatPrompt';
import type { FileEditView } from '../../../src/common/protocol';
import { isWebviewToHost } from '../../../src/common/protocolCheck';
import { chatWith, userTurn } from '../chat/chatFixtures';

const EDIT: FileEditView = { id: 'e1', kind: 'edit', path: 'src/a.ts', added: 2, removed: 1, status: 'applied' };

describe('Agent mode in history and protocol', () => {
  it('keeps the mode, the change cards and the undo state of an answer', () => {
    const chat = chatWith('c1', 10);
    chat.options.mode = 'agent';
    const t = new TurnAccumulator('a9');
    t.setMode('agent');
    t.setEdit(EDIT);
    t.setEdit({ ...EDIT, id: 'e2', kind: 'rename', newPath: 'src/b.ts', status: 'rejected', note: 'no' });
    t.end('done');
    chat.turns.push(userTurn('u9', 'change it'), { ...t.view(), undone: true });
    const back = parseStoredChat(serializeChat(chat));
    assert.ok(!isParseError(back));
    assert.equal(back.options.mode, 'agent');
    assert.deepEqual(back.turns.at(-1), chat.turns.at(-1));
  });

  it('old chats are Ask chats; a change left pending by a closed window reads as rejected', () => {
    const chat = chatWith('c1', 10);
    const raw = JSON.parse(serializeChat(chat)) as {
      options: Record<string, unknown>;
      turns: Record<string, unknown>[];
    };
    delete raw.options.mode;
    const answer = raw.turns[1];
    if (answer) answer.edits = [{ ...EDIT, status: 'pending' }];
    const back = parseStoredChat(JSON.stringify(raw));
    assert.ok(!isParseError(back));
    assert.equal(back.options.mode, 'ask');
    assert.deepEqual(back.turns[1]?.edits?.[0], {
      ...EDIT,
      status: 'rejected',
      note: 'Not decided before the window closed.',
    });
  });

  it('resends what became of an answer’s changes to the model', () => {
    const msgs = historyMessages(
      [
        userTurn('u1', 'rename it'),
        { id: 'a1', role: 'assistant', text: 'Done.', status: 'done', edits: [EDIT], undone: true },
      ],
      (t) => t.text,
    );
    assert.equal(
      msgs[1]?.content,
      'Done.\n\n[Changes proposed in this answer: edit src/a.ts: applied. The user has since undone every change of this answer.]',
    );
  });

  it('validates the Agent mode messages from the webview', () => {
    const options = { includeThoughts: true, reasoningEffort: 'high', mode: 'agent' };
    assert.ok(isWebviewToHost({ type: 'send', text: 'x', options }));
    assert.ok(!isWebviewToHost({ type: 'send', text: 'x', options: { ...options, mode: 'yolo' } }));
    assert.ok(isWebviewToHost({ type: 'decideEdit', editId: 'e1', accept: false, reason: 'no' }));
    assert.ok(!isWebviewToHost({ type: 'decideEdit', editId: 'e1', accept: 'yes' }));
    assert.ok(isWebviewToHost({ type: 'decideAllEdits', turnId: 't1', accept: true }));
    assert.ok(isWebviewToHost({ type: 'undoTurn', turnId: 't1', force: true }));
    assert.ok(!isWebviewToHost({ type: 'undoTurn', turnId: '' }));
    assert.ok(isWebviewToHost({ type: 'reviewEdit', editId: 'e1' }));
    assert.ok(isWebviewToHost({ type: 'openFile', path: 'src/a.ts' }));
    assert.ok(!isWebviewToHost({ type: 'openFile', path: '' }));
  });
});
