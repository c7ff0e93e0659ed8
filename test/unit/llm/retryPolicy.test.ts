import assert from 'node:assert/strict';
import { LlmError } from '../../../src/common/errors';
import { retryDelayMs, shouldRetry } from '../../../src/common/llm/retryPolicy';
import type { ErrorKind } from '../../../src/common/protocol';

const err = (kind: ErrorKind, retryAfterMs: number | null = null): LlmError =>
  new LlmError({ kind, source: 'http_status', message: kind, retryAfterMs });

describe('retry policy', () => {
  it('retries only retryable kinds, before anything was shown, while retries are left', () => {
    for (const k of ['rate_limit', 'server', 'network', 'stream_truncated'] as const)
      assert.equal(shouldRetry(err(k), false, 0, 2), true, k);
    for (const k of ['auth', 'insufficient_credits', 'bad_request', 'protocol', 'aborted'] as const)
      assert.equal(shouldRetry(err(k), false, 0, 2), false, k);
    assert.equal(shouldRetry(err('server'), true, 0, 2), false);
    assert.equal(shouldRetry(err('server'), false, 2, 2), false);
    assert.equal(shouldRetry(err('server'), false, 0, 0), false);
  });

  it('honours Retry-After up to 60 s, else backs off exponentially with ±25 % jitter, capped at 8 s', () => {
    assert.equal(
      retryDelayMs(err('rate_limit', 7000), 0, () => 0.9),
      7000,
    );
    assert.equal(
      retryDelayMs(err('rate_limit', 0), 3, () => 0.9),
      0,
    );
    assert.equal(
      retryDelayMs(err('rate_limit', 60_000), 0, () => 0.5),
      60_000,
    );
    assert.equal(
      retryDelayMs(err('rate_limit', 60_001), 0, () => 0.5),
      500,
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(err('server'), n, () => 0.5)),
      [500, 1000, 2000, 4000, 8000, 8000],
    );
    assert.equal(
      retryDelayMs(err('server'), 0, () => 0),
      375,
    );
    assert.equal(
      retryDelayMs(err('server'), 0, () => 0.999999),
      625,
    );
  });
});
