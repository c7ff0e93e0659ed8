import type { LlmError } from '../errors';

/** The longest server-requested delay that is honoured as is (docs/api.md §6.5). */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Backoff parameters: 0.5 s × 2^n, capped at 8 s, ±25 % jitter. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/**
 * Whether a failed attempt may be retried automatically: only a retryable error (never `auth`,
 * `insufficient_credits`, `bad_request`, `protocol` or `aborted`), only while nothing of the answer
 * was shown, and only while retries are left.
 */
export function shouldRetry(error: LlmError, shown: boolean, retriesDone: number, maxRetries: number): boolean {
  if (shown || retriesDone >= maxRetries || !error.retryable) return false;
  return (
    error.kind === 'rate_limit' ||
    error.kind === 'server' ||
    error.kind === 'network' ||
    error.kind === 'stream_truncated'
  );
}

/**
 * Delay before retry number `retryIndex` (0-based): the server's `retry-after-ms` / `Retry-After` when it is
 * between 0 and 60 s, else exponential backoff with jitter. `random` returns a number in [0, 1).
 */
export function retryDelayMs(error: LlmError, retryIndex: number, random: () => number): number {
  const ra = error.retryAfterMs;
  if (ra !== null && ra >= 0 && ra <= MAX_RETRY_AFTER_MS) return ra;
  const base = Math.min(BACKOFF_BASE_MS * 2 ** retryIndex, BACKOFF_CAP_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}
