// The context budget inside the model → tools → model loop: a tool result that would overflow the
// window is shortened before the next round, and the answer carries the note.
import assert from 'node:assert/strict';
import { runTurn, type ToolExecutor } from '../../../src/common/chat/turnRunner';
import { TurnAccumulator } from '../../../src/common/chat/turnAccumulator';
import { RoundBudget, SHORTENED_TOOL_RESULT } from '../../../src/common/context/roundBudget';
import type { ChatMessage, ChatRequest, StreamPart } from '../../../src/common/llm/types';

const call = (id: string): StreamPart => ({
  type: 'toolCalls',
  calls: [{ id, idSynthesized: false, name: 'read_file', argumentsRaw: '{}', arguments: {} }],
});

describe('context budget across the tool loop', () => {
  it('shortens the oldest tool result before a round that would not fit, and notes it on the answer', async () => {
    const requests: ChatMessage[][] = [];
    const answers: StreamPart[][] = [[call('c1')], [call('c2')], [{ type: 'text', text: 'Done.' }]];
    const tools: ToolExecutor = {
      specs: [{ name: 'read_file', description: 'reads', parameters: {} }],
      execute: (calls) =>
        Promise.resolve(calls.map((c) => ({ role: 'tool' as const, toolCallId: c.id, content: 'x'.repeat(7000) }))),
    };
    const turn = new TurnAccumulator('a1');
    const rounds = new RoundBudget('SYSTEM', 3000, 1, { turns: 0 });
    const notes: string[] = [];
    await runTurn(
      {
        async *stream(req: ChatRequest) {
          requests.push(req.messages.map((m) => ({ ...m })));
          yield* answers[requests.length - 1] ?? [];
        },
        post: () => {},
        tools,
        maxToolRounds: 5,
        beforeRound: (messages) => {
          const note = rounds.fit(messages);
          if (note) notes.push(note);
        },
      },
      {
        requestId: 'r1',
        base: { model: 'gemini' },
        messages: [
          { role: 'system', content: 'SYSTEM' },
          { role: 'user', content: 'Read both files' },
        ],
        turn,
        signal: new AbortController().signal,
      },
    );
    assert.equal(requests.length, 3);
    assert.equal(requests[1]?.find((m) => m.role === 'tool')?.content.length, 7000, 'the first result fits alone');
    const third = requests[2]?.filter((m) => m.role === 'tool').map((m) => m.content);
    assert.deepEqual(third, [SHORTENED_TOOL_RESULT, 'x'.repeat(7000)], 'the older result goes first');
    assert.deepEqual(notes, ['1 tool result shortened to fit the context window']);
    assert.match(requests[2]?.[0]?.content ?? '', /^SYSTEM\n\nNote: to fit the context window/);
    assert.equal(turn.view().text, 'Done.');
  });
});
