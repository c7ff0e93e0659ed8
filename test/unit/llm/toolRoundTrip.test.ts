import assert from 'node:assert/strict';
import { streamChat } from '../../../src/common/llm/client';
import type { AssistantMessage, ChatMessage, ChatRequest, StreamPart, ToolCall } from '../../../src/common/llm/types';
import { startFakeServer } from '../../support/fakeServer';
import { chunk, loadFixtures, sse } from './helpers';

const SIG_A = 'CpwBAdHtim9n3Ql2+/xk1Yw0bVq8Gf7r4mZc2pT0sLu6eJh9oRkQ1vYb5XaN3wE8iD0uF2gH4jK6lM8nP0qR2sT4uV6wX8yZ==';
const SIG_B =
  'EpYBCpMBAdHtim8vQ2nX5rL0kP7wS3dF9gH1jK4lZ6xC8vB0nM2qW4eR6tY8uI0oP2aS4dF6gH8jK0lZ2xC4vB6nM8qW0eR2tY4uI6oP8aS0d==';

/** Turn 1: thinking (field and inline tags, no visible text), then two index-less calls with the same provider id and signatures. */
const TURN_1 = sse([
  chunk({ role: 'assistant', content: '', reasoning_content: '**Plan**\n\nRead both files.\n\n\n' }),
  chunk({ content: '<thought>inline thinking</thought>\n\n' }),
  chunk({
    tool_calls: [
      {
        id: 'dup',
        type: 'function',
        function: { name: 'read_file', arguments: '{"path":"a.ts"}' },
        extra_content: { google: { thought_signature: SIG_A } },
      },
    ],
  }),
  chunk({
    tool_calls: [{ id: 'dup', type: 'function', function: { name: 'read_file', arguments: '{"path":"b.ts"}' } }],
  }),
  chunk({ tool_calls: [{ extra_content: { google: { thought_signature: SIG_B } } }] }),
  chunk({}, 'stop', { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }),
]);

const TOOLS: ChatRequest['tools'] = [
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: { path: { type: 'string' } },
      required: ['path'],
    },
  },
];

async function turn(parts: AsyncIterable<StreamPart>): Promise<AssistantMessage> {
  const text: string[] = [];
  const reasoning: string[] = [];
  let toolCalls: ToolCall[] = [];
  for await (const p of parts) {
    if (p.type === 'text') text.push(p.text);
    else if (p.type === 'reasoning') reasoning.push(p.text);
    else if (p.type === 'toolCalls') toolCalls = p.calls;
    else if (p.type === 'error') throw p.error;
  }
  return { role: 'assistant', content: text.join(''), reasoning: reasoning.join(''), toolCalls };
}

describe('tool round trip: request bodies', () => {
  it('echoes signatures verbatim, sends content "" with tool calls, tool_call_id per call, and no thinking', async () => {
    const plain = loadFixtures().find((f) => f.name.startsWith('01'))?.body;
    const server = await startFakeServer({
      script: (_req, n) => ({ body: n === 0 ? TURN_1 : plain }),
      maxRequests: 2,
      lifetimeMs: 10_000,
    });
    try {
      const options = { baseUrl: server.url, apiKey: 'aio_key123', maxRetries: 0 };
      const messages: ChatMessage[] = [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Compare a.ts and b.ts' },
      ];
      const first = await turn(
        streamChat({ model: 'gemini', messages, tools: TOOLS, includeThoughts: true, reasoningEffort: 'low' }, options),
      );
      assert.equal(first.content, '');
      assert.equal(first.reasoning, '**Plan**\n\nRead both files.\n\n\ninline thinking');
      const calls = first.toolCalls ?? [];
      assert.equal(calls.length, 2);
      assert.equal(calls[0]?.id, 'dup');
      assert.equal(calls[1]?.idSynthesized, true);
      assert.notEqual(calls[1]?.id, 'dup');
      const followUp: ChatMessage[] = [
        ...messages,
        first,
        ...calls.map((c): ChatMessage => ({
          role: 'tool',
          toolCallId: c.id,
          content: `contents of ${String((c.arguments as { path: string }).path)}`,
        })),
      ];
      const second = await turn(streamChat({ model: 'gemini', messages: followUp, tools: TOOLS }, options));
      assert.match(second.content, /superposition/);

      const [req1, req2] = server.requests;
      assert.equal(req1?.path, '/v1/chat/completions');
      assert.equal(req1?.headers.authorization, 'Bearer aio_key123');
      assert.equal(req1?.headers.accept, 'text/event-stream');
      assert.match(String(req1?.headers['content-type']), /application\/json/);
      const body1 = req1?.json as Record<string, unknown>;
      assert.equal(body1.stream, true);
      assert.equal(body1.include_thoughts, true);
      assert.equal(body1.reasoning_effort, 'low');
      assert.deepEqual(body1.tools, [
        {
          type: 'function',
          function: {
            name: 'read_file',
            description: 'Read a file',
            parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
          },
        },
      ]);
      const sent = (req2?.json as { messages: Array<Record<string, unknown>> }).messages;
      assert.deepEqual(sent.slice(2), [
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'dup',
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"a.ts"}' },
              extra_content: { google: { thought_signature: SIG_A } },
            },
            {
              id: calls[1]?.id,
              type: 'function',
              function: { name: 'read_file', arguments: '{"path":"b.ts"}' },
              extra_content: { google: { thought_signature: SIG_B } },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'dup', content: 'contents of a.ts' },
        { role: 'tool', tool_call_id: calls[1]?.id, content: 'contents of b.ts' },
      ]);
      assert.ok(!req2?.body.includes('reasoning'), 'thinking must never be resent');
      assert.ok(!req2?.body.includes('inline thinking'));
    } finally {
      await server.close();
    }
  });
});
