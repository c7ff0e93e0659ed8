import assert from 'node:assert/strict';
import {
  classifyError,
  errorFromHttp,
  errorFromTransport,
  extractErrorInfo,
  isAbortError,
  LlmError,
  parseErrorBody,
  parseRetryAfter,
} from '../../src/common/errors';
import { errorOutcome } from '../support/outcome';

const headers = (h: Record<string, string>): Headers => new Headers(h);
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first, then seconds (fractional), then an HTTP date', () => {
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), NOW), 1500);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '7' }), NOW), 7000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '0.25' }), NOW), 250);
    assert.equal(parseRetryAfter(headers({ 'retry-after': new Date(NOW + 30_000).toUTCString() }), NOW), 30_000);
  });

  it('returns undefined when missing, negative, in the past or garbage; keeps values over 60 s for the policy', () => {
    assert.equal(parseRetryAfter(headers({}), NOW), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '-3' }), NOW), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after': new Date(NOW - 5000).toUTCString() }), NOW), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' }), NOW), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': 'x', 'retry-after': '2' }), NOW), 2000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '3600' }), NOW), 3_600_000);
  });
});

describe('error body shapes', () => {
  it('reads {error:{…}}, {error:"text"}, envelopes with msg or message, and Google lists', () => {
    assert.deepEqual(extractErrorInfo({ error: { message: 'm', type: 't', code: 'c' } }), {
      message: 'm',
      type: 't',
      code: 'c',
    });
    assert.deepEqual(extractErrorInfo({ error: 'plain' }), { message: 'plain', code: undefined });
    assert.deepEqual(extractErrorInfo({ code: 401, msg: 'no access' }), {
      message: 'no access',
      code: 401,
      type: undefined,
    });
    assert.deepEqual(extractErrorInfo({ code: 402, message: 'credits', data: null }), {
      message: 'credits',
      code: 402,
      type: undefined,
    });
    assert.deepEqual(extractErrorInfo([{ error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT' } }]), {
      message: 'bad',
      code: 400,
      type: 'INVALID_ARGUMENT',
    });
    assert.equal(extractErrorInfo({ choices: [] }), undefined);
  });

  it('unwraps a nested JSON-string message one level', () => {
    const nested = JSON.stringify({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } });
    assert.deepEqual(extractErrorInfo({ error: { message: nested } }), {
      message: 'The model is overloaded.',
      code: 503,
      type: 'UNAVAILABLE',
    });
    assert.deepEqual(extractErrorInfo({ error: { message: '{not json', code: 1 } }), {
      message: '{not json',
      code: 1,
      type: undefined,
    });
  });

  it('falls back to the HTML title, plain text or the status line', () => {
    assert.equal(
      parseErrorBody('<html><head><title>\n 504 Gateway\n Time-out </title></head></html>', 'HTTP 504').message,
      '504 Gateway Time-out',
    );
    assert.equal(parseErrorBody('<html><body>no title</body></html>', 'HTTP 504').message, 'HTTP 504');
    assert.equal(parseErrorBody('   ', 'HTTP 500 Internal Server Error').message, 'HTTP 500 Internal Server Error');
    assert.equal(parseErrorBody('upstream connect error', 'x').message, 'upstream connect error');
    assert.equal(parseErrorBody('x'.repeat(500), 'f').message?.length, 201);
    assert.equal(parseErrorBody('{"unrelated":true}', 'HTTP 500').message, '{"unrelated":true}');
  });
});

describe('classifyError (docs/api.md §6.1)', () => {
  const cases: Array<[number, Parameters<typeof classifyError>[1], string]> = [
    [401, {}, 'auth'],
    [403, { message: 'insufficient credits' }, 'auth'],
    [402, {}, 'insufficient_credits'],
    [400, { code: 402 }, 'insufficient_credits'],
    [500, { message: 'Your balance is too low' }, 'insufficient_credits'],
    [429, {}, 'rate_limit'],
    [400, {}, 'bad_request'],
    [404, {}, 'bad_request'],
    [422, {}, 'bad_request'],
    [418, {}, 'bad_request'],
    [408, {}, 'server'],
    [409, {}, 'server'],
    [455, {}, 'server'],
    [500, {}, 'server'],
    [502, {}, 'server'],
    [522, {}, 'server'],
    [200, { code: 500 }, 'server'],
    [200, { code: '422' }, 'bad_request'],
    [200, { code: 401 }, 'auth'],
    [200, { code: 429 }, 'rate_limit'],
    [200, { type: 'authentication_error' }, 'auth'],
    [200, { code: 'rate_limit_exceeded' }, 'rate_limit'],
    [200, { type: 'invalid_request_error' }, 'bad_request'],
    [200, { code: 'upstream_overloaded', type: 'server_error' }, 'server'],
  ];
  for (const [status, info, kind] of cases) {
    it(`${status} ${JSON.stringify(info)} → ${kind}`, () => assert.equal(classifyError(status, info), kind));
  }
});

describe('errorFromHttp', () => {
  it('maps a 429 with Retry-After to a retryable rate_limit error', () => {
    const e = errorFromHttp(
      429,
      'Too Many Requests',
      headers({ 'retry-after': '7' }),
      '{"error":{"message":"slow","type":"rate_limit_error","code":"rate_limit_exceeded"}}',
      NOW,
    );
    assert.deepEqual(errorOutcome(e), {
      kind: 'rate_limit',
      source: 'http_status',
      http_status: 429,
      code: 'rate_limit_exceeded',
      type: 'rate_limit_error',
      message: 'slow',
      retryable: true,
      retry_after_ms: 7000,
    });
  });

  it('uses the status line for an empty body and honours x-should-retry', () => {
    const e = errorFromHttp(503, 'Service Unavailable', headers({ 'x-should-retry': 'false' }), '', NOW);
    assert.equal(e.message, 'HTTP 503 Service Unavailable');
    assert.equal(e.retryable, false);
    assert.equal(errorFromHttp(400, '', headers({ 'x-should-retry': 'true' }), '', NOW).retryable, false);
    assert.equal(errorFromHttp(418, '', headers({ 'x-should-retry': 'true' }), '', NOW).retryable, false);
  });

  it('redacts keys in every message', () => {
    const e = errorFromHttp(
      401,
      '',
      headers({}),
      '{"error":{"message":"key aio_AbC123xyz rejected; header was Bearer sk-live-zzz"}}',
      NOW,
    );
    assert.equal(e.message, 'key aio_[redacted] rejected; header was Bearer [redacted]');
    const direct = new LlmError({ kind: 'network', source: 'transport', message: 'Authorization: Bearer aio_q1w2e3' });
    assert.ok(!direct.message.includes('q1w2e3'));
  });
});

describe('transport errors', () => {
  it('recognizes aborts but not timeouts', () => {
    assert.equal(isAbortError(new DOMException('x', 'AbortError')), true);
    assert.equal(isAbortError(new DOMException('x', 'TimeoutError')), false);
    assert.equal(isAbortError(new Error('AbortError')), false);
    assert.equal(isAbortError(undefined), false);
  });

  it('classifies undici failures as network with the cause code', () => {
    const reset = Object.assign(new TypeError('terminated'), {
      cause: { name: 'SocketError', code: 'UND_ERR_SOCKET' },
    });
    const e = errorFromTransport(reset, 200);
    assert.deepEqual(
      [e.kind, e.source, e.code, e.retryable, e.httpStatus],
      ['network', 'transport', 'UND_ERR_SOCKET', true, 200],
    );
    assert.match(e.message, /terminated \(UND_ERR_SOCKET\)/);
    assert.equal(errorFromTransport(new DOMException('t', 'TimeoutError'), null).message, 'Request timed out');
    assert.equal(errorFromTransport(new DOMException('a', 'AbortError'), null).kind, 'aborted');
    assert.equal(errorFromTransport('weird', null).kind, 'network');
  });
});
