import assert from 'node:assert/strict';
import { CALL_ID_MARK, decodeCallId, encodeCallId } from '../../../src/common/lm/callId';
import {
  estimateLmTokens,
  lmRole,
  toChatMessages,
  toToolCallOut,
  toToolSpecs,
  type LmMessage,
} from '../../../src/common/lm/messages';
import { buildRequestBody } from '../../../src/common/llm/request';
import type { ToolCall } from '../../../src/common/llm/types';

const SIG = 'CpwBAdHtim9n3Ql2+/xk1Yw0bVq8Gf7r4mZc2pT0sLu6eJh9oRkQ1vYb5XaN3wE8iD0uF2gH4jK6lM8nP0qR2sT4uV6wX8yZ==';

const call = (over: Partial<ToolCall> = {}): ToolCall => ({
  id: 'function-call-8841207719',
  idSynthesized: false,
  name: 'read_file',
  argumentsRaw: '{"path":"src/a.ts"}',
  arguments: { path: 'src/a.ts' },
  ...over,
});

describe('lm: call ids carry the extras', () => {
  it('a call without extras keeps its own id', () => {
    assert.equal(encodeCallId(call()), 'function-call-8841207719');
    assert.deepEqual(decodeCallId('function-call-8841207719'), { id: 'function-call-8841207719' });
  });

  it('round-trips a thought signature and unknown keys exactly, in a URL-safe id', () => {
    const extraContent = { google: { thought_signature: SIG }, note: 'é ✓ 𝄞' };
    const id = encodeCallId(call({ extraContent, extraKeys: { index_hint: 3 } }));
    assert.ok(id.startsWith(`function-call-8841207719${CALL_ID_MARK}`), id);
    assert.match(id.slice(id.indexOf(CALL_ID_MARK) + CALL_ID_MARK.length), /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCallId(id), {
      id: 'function-call-8841207719',
      extraContent,
      extraKeys: { index_hint: 3 },
    });
  });

  it("an id that only looks encoded stays the caller's id", () => {
    for (const odd of [`x${CALL_ID_MARK}not base64!`, `x${CALL_ID_MARK}${btoa('[1,2]')}`, `x${CALL_ID_MARK}`])
      assert.deepEqual(decodeCallId(odd), { id: odd });
  });
});

describe('lm: VS Code messages to the client', () => {
  it('maps roles, text, tool calls (signatures restored) and tool results (named) in order', () => {
    const out = toToolCallOut(call({ extraContent: { google: { thought_signature: SIG } } }));
    const messages: LmMessage[] = [
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'What is in a.ts?' }] },
      {
        role: 'assistant',
        parts: [{ kind: 'text', text: 'Reading it.' }, { kind: 'toolCall', ...out }, { kind: 'other' }],
      },
      {
        role: 'user',
        parts: [
          { kind: 'text', text: 'Here you go.' },
          { kind: 'toolResult', callId: out.callId, text: 'export const a = 1;' },
        ],
      },
    ];
    const chat = toChatMessages(messages);
    assert.deepEqual(chat, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is in a.ts?' },
      {
        role: 'assistant',
        content: 'Reading it.',
        toolCalls: [
          {
            id: 'function-call-8841207719',
            idSynthesized: false,
            name: 'read_file',
            argumentsRaw: '{"path":"src/a.ts"}',
            arguments: { path: 'src/a.ts' },
            extraContent: { google: { thought_signature: SIG } },
          },
        ],
      },
      { role: 'tool', toolCallId: 'function-call-8841207719', name: 'read_file', content: 'export const a = 1;' },
      { role: 'user', content: 'Here you go.' },
    ]);
    const body = buildRequestBody({ model: 'gemini', messages: chat });
    const wire = JSON.stringify(body.messages);
    assert.ok(wire.includes(`"thought_signature":"${SIG}"`), 'the signature goes back verbatim');
    assert.ok(!wire.includes(CALL_ID_MARK), 'the API sees its own id, not ours');
  });

  it('drops empty messages and merges adjacent user messages', () => {
    const chat = toChatMessages([
      { role: 'user', parts: [{ kind: 'text', text: 'one' }] },
      { role: 'assistant', parts: [{ kind: 'other' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'two' }] },
      { role: 'system', parts: [{ kind: 'text', text: '  ' }] },
    ]);
    assert.deepEqual(chat, [{ role: 'user', content: 'one\n\ntwo' }]);
  });

  it('reads VS Code role numbers (System is 3 in newer VS Code)', () => {
    assert.deepEqual([lmRole(1), lmRole(2), lmRole(3), lmRole(9)], ['user', 'assistant', 'system', 'user']);
  });

  it("offers the caller's tools with their schemas, and an object schema when one is missing", () => {
    const specs = toToolSpecs([
      { name: 'a', description: 'A', inputSchema: { type: 'object', properties: { x: { type: 'string' } } } },
      { name: 'b', description: 'B' },
    ]);
    assert.deepEqual(specs, [
      { name: 'a', description: 'A', parameters: { type: 'object', properties: { x: { type: 'string' } } } },
      { name: 'b', description: 'B', parameters: { type: 'object', properties: {} } },
    ]);
  });

  it('reports arguments that are not a JSON object as {}', () => {
    const out = toToolCallOut(call({ argumentsRaw: '{"path":', arguments: undefined, argumentsError: 'cut off' }));
    assert.deepEqual(out, { callId: 'function-call-8841207719', name: 'read_file', input: {} });
  });

  it('sends tool_choice "required" only with tools', () => {
    const tools = toToolSpecs([{ name: 'a', description: 'A' }]);
    assert.equal(buildRequestBody({ model: 'g', messages: [], tools, toolChoice: 'required' }).tool_choice, 'required');
    assert.equal(buildRequestBody({ model: 'g', messages: [], toolChoice: 'required' }).tool_choice, undefined);
    assert.equal(buildRequestBody({ model: 'g', messages: [], tools }).tool_choice, undefined);
  });

  it('estimates tokens of text and of messages at 3.5 characters per token', () => {
    assert.equal(estimateLmTokens('x'.repeat(35)), 10);
    const m: LmMessage = {
      role: 'assistant',
      parts: [
        { kind: 'text', text: 'x'.repeat(10) },
        { kind: 'toolCall', callId: 'c', name: 'abcd', input: { a: 1 } },
        { kind: 'toolResult', callId: 'c', text: 'y'.repeat(7) },
      ],
    };
    assert.equal(estimateLmTokens(m), Math.ceil((10 + 4 + 7 + 7) / 3.5));
  });
});
