import assert from 'node:assert/strict';
import { chatCompletionsUrl, validateBaseUrl } from '../../../src/common/llm/baseUrl';
import { buildHeaders, buildRequestBody, cleanSchema } from '../../../src/common/llm/request';
import type { ChatRequest, ToolCall } from '../../../src/common/llm/types';

const call = (over: Partial<ToolCall>): ToolCall => ({
  id: 'c1',
  idSynthesized: false,
  name: 'f',
  argumentsRaw: '{"a":1}',
  arguments: { a: 1 },
  ...over,
});

describe('buildRequestBody', () => {
  it('always sends stream explicitly and only low/high reasoning effort', () => {
    const base: ChatRequest = { model: 'gemini', messages: [{ role: 'user', content: 'q' }] };
    assert.deepEqual(buildRequestBody(base), {
      model: 'gemini',
      messages: [{ role: 'user', content: 'q' }],
      stream: true,
    });
    const full = buildRequestBody({
      ...base,
      stream: false,
      includeThoughts: false,
      reasoningEffort: 'high',
      includeUsage: true,
    });
    assert.equal(full.stream, false);
    assert.equal(full.include_thoughts, false);
    assert.equal(full.reasoning_effort, 'high');
    assert.equal(full.stream_options, undefined, 'stream_options only when streaming');
    assert.deepEqual(buildRequestBody({ ...base, includeUsage: true }).stream_options, { include_usage: true });
    const medium = buildRequestBody({ ...base, reasoningEffort: 'medium' as unknown as 'low' });
    assert.equal('reasoning_effort' in medium, false);
  });

  it('never sends response_format together with tools: a JSON request leaves the tools out', () => {
    const tools = [{ name: 't', description: 'd', parameters: { type: 'object', properties: {} } }];
    const withTools = buildRequestBody({ model: 'm', messages: [], tools, responseFormat: { type: 'json_object' } });
    assert.deepEqual(withTools.response_format, { type: 'json_object' });
    assert.equal(withTools.tools, undefined);
    assert.equal(buildRequestBody({ model: 'm', messages: [], tools }).tools?.length, 1);
    assert.deepEqual(
      buildRequestBody({ model: 'm', messages: [], responseFormat: { type: 'json_object' } }).response_format,
      { type: 'json_object' },
    );
    assert.equal(buildRequestBody({ model: 'm', messages: [], tools: [] }).tools, undefined);
  });

  it('resends assistant text only, content "" with tool calls, extra_content verbatim, tool results with ids', () => {
    const sig = { google: { thought_signature: 'abc+/=' } };
    const body = buildRequestBody({
      model: 'm',
      includeToolNameInResults: true,
      messages: [
        { role: 'system', content: 's' },
        {
          role: 'assistant',
          content: '<thought>old thinking</thought>Answer',
          reasoning: 'hidden',
          extraContent: { k: 1 },
        },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            call({ extraContent: sig, extraKeys: { vendor: true } }),
            call({ id: 'c2', argumentsRaw: '', arguments: {} }),
            call({ id: 'c3', argumentsRaw: '{"a":', arguments: undefined }),
          ],
        },
        { role: 'tool', toolCallId: 'c1', content: 'r1', name: 'f' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'system', content: 's' },
      { role: 'assistant', content: 'Answer', extra_content: { k: 1 } },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            vendor: true,
            id: 'c1',
            type: 'function',
            function: { name: 'f', arguments: '{"a":1}' },
            extra_content: sig,
          },
          { id: 'c2', type: 'function', function: { name: 'f', arguments: '{}' } },
          { id: 'c3', type: 'function', function: { name: 'f', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'r1', name: 'f' },
    ]);
    assert.ok(!JSON.stringify(body).includes('hidden'));
    const withPreamble = buildRequestBody({
      model: 'm',
      messages: [{ role: 'assistant', content: 'Let me look.', toolCalls: [call({})] }],
    });
    assert.equal(withPreamble.messages[0]?.content, '', 'an assistant turn with tool calls carries content ""');
    const noName = buildRequestBody({
      model: 'm',
      messages: [{ role: 'tool', toolCallId: 'c1', content: 'r', name: 'f' }],
    });
    assert.deepEqual(noName.messages, [{ role: 'tool', tool_call_id: 'c1', content: 'r' }]);
  });
});

describe('cleanSchema', () => {
  it('drops keywords Gemini rejects, recursively, without touching property names', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        const: { type: 'string', const: 'fixed', format: 'uri' },
        when: { type: 'string', format: 'date-time' },
        tags: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: { type: 'string' },
            properties: { n: { type: ['integer', 'null'], format: 'int64' } },
          },
        },
        mode: {
          anyOf: [
            { type: 'string', enum: ['a'] },
            { type: 'number', examples: [1] },
          ],
        },
      },
      required: ['const'],
    };
    assert.deepEqual(cleanSchema(schema), {
      type: 'object',
      properties: {
        const: { type: 'string', enum: ['fixed'] },
        when: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer', nullable: true } } } },
        mode: { anyOf: [{ type: 'string', enum: ['a'] }, { type: 'number' }] },
      },
      required: ['const'],
    });
  });

  it('gives a tool without parameters an empty object schema', () => {
    const body = buildRequestBody({
      model: 'm',
      messages: [],
      tools: [{ name: 'now', description: 'time', parameters: {} }],
    });
    assert.deepEqual(body.tools?.[0]?.function.parameters, { type: 'object', properties: {} });
  });
});

describe('headers and base URL', () => {
  it('sends the bearer key, JSON and event-stream accept', () => {
    assert.deepEqual(buildHeaders('aio_k'), {
      Authorization: 'Bearer aio_k',
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
    });
  });

  it('validates base URLs: https anywhere, http only on loopback', () => {
    for (const ok of [
      'https://apiin.one/api/v1',
      'http://localhost:8080/v1',
      'http://127.0.0.1:1/v1',
      'http://[::1]:3000',
      'HTTP://LOCALHOST/v1',
    ]) {
      assert.equal(validateBaseUrl(ok), undefined, ok);
    }
    for (const bad of [
      'http://apiin.one/api/v1',
      'http://127.0.0.2/v1',
      'http://localhost.evil.com/',
      'ftp://x',
      'not a url',
      'https://user:pw@apiin.one',
    ]) {
      assert.equal(typeof validateBaseUrl(bad), 'string', bad);
    }
  });

  it('joins the endpoint path without double slashes', () => {
    assert.equal(chatCompletionsUrl('https://apiin.one/api/v1/'), 'https://apiin.one/api/v1/chat/completions');
    assert.equal(chatCompletionsUrl(' https://apiin.one/api/v1 '), 'https://apiin.one/api/v1/chat/completions');
  });
});
