// SSE framing (encodings, line endings, named events, [DONE]) and how finish reasons and usage are read.
import { chunk, sse } from './helpers';
import { describeAtEverySplit, type StreamCase } from './streamCase';

const CASES: StreamCase[] = [
  {
    name: '4-byte emoji, CJK, a BOM, lone CR and CRLF line endings',
    body: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `data: ${JSON.stringify(chunk({ content: '😀 名前 — ok' }))}\r\rdata: ${JSON.stringify(chunk({}, 'stop'))}\r\n\r\ndata: [DONE]\r\n\r\n`,
      ),
    ]),
    expect: { ok: true, text: '😀 名前 — ok', done_marker_seen: true },
  },
  {
    name: 'usage before finish, content on the finish chunk, [DONE] with trailing spaces',
    body:
      `data: ${JSON.stringify(chunk({}, null, { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, prompt_tokens_details: { cached_tokens: 2 } } }))}\n\n` +
      `data: ${JSON.stringify(chunk({ content: 'last words' }, 'MAX_TOKENS'))}\n\ndata: [DONE]  \n\ndata: garbage after done\n\n`,
    expect: {
      ok: true,
      text: 'last words',
      finish_reason: 'length',
      finish_reason_raw: 'MAX_TOKENS',
      done_marker_seen: true,
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, reasoning_tokens: null, cached_tokens: 2 },
    },
  },
  {
    name: 'SAFETY is content_filter',
    body: sse([chunk({ content: 'x' }), chunk({}, 'SAFETY')]),
    expect: { ok: true, finish_reason: 'content_filter', finish_reason_raw: 'SAFETY' },
  },
  {
    name: 'an unknown finish reason counts as stop',
    body: sse([chunk({ content: 'x' }, 'weird_reason')]),
    expect: { ok: true, finish_reason: 'stop', finish_reason_raw: 'weird_reason' },
  },
  {
    name: 'malformed function call',
    body: sse([chunk({}, 'MALFORMED_FUNCTION_CALL')]),
    expect: { ok: true, finish_reason: 'malformed_tool_call' },
  },
  {
    name: 'choices [] without usage, a second choice, unparsable data and a named non-chunk event are skipped',
    body:
      `data: {"choices":[]}\n\ndata: not json\n\nevent: ping\ndata: {"x":1}\n\n` +
      `data: ${JSON.stringify({
        choices: [
          { index: 1, delta: { content: 'other' } },
          { index: 0, delta: { content: 'mine' }, finish_reason: 'stop' },
        ],
      })}\n\n`,
    expect: { ok: true, text: 'mine', done_marker_seen: false },
  },
  {
    name: 'named events (completion, message, a thread.* name, an upper-case ERROR) are chunks like unnamed ones',
    body:
      `event: completion\ndata: ${JSON.stringify(chunk({ content: 'alpha ' }))}\n\n` +
      `event: ping\ndata:\n\n` +
      `event: thread.message.delta\ndata: ${JSON.stringify(chunk({ content: 'beta ' }))}\n\n` +
      `event: ERROR\ndata: ${JSON.stringify(chunk({ content: 'gamma' }))}\n\n` +
      `event: message\ndata: ${JSON.stringify(chunk({}, 'stop'))}\n\n`,
    expect: { ok: true, text: 'alpha beta gamma', finish_reason: 'stop', done_marker_seen: false },
  },
  {
    name: '[DONE] without a finish_reason completes the turn',
    body: sse([chunk({ content: 'hi' })]),
    expect: { ok: true, text: 'hi', finish_reason: 'stop', finish_reason_raw: null, done_marker_seen: true },
  },
];

describeAtEverySplit('framing and finish reasons', CASES);
