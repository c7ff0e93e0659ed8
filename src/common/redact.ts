/**
 * Removes anything that looks like a credential from text before it is shown or logged:
 * `Bearer <token>` and API in One keys (`aio_…`).
 */
const PATTERNS: readonly RegExp[] = [/Bearer\s+[^\s"',;]+/gi, /(?<![A-Za-z0-9])aio_[A-Za-z0-9_\-.]+/g];

/** Returns `text` with `Bearer …` and `aio_…` replaced by `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const p of PATTERNS)
    out = out.replace(p, (m) => (m.toLowerCase().startsWith('bearer') ? 'Bearer [redacted]' : 'aio_[redacted]'));
  return out;
}
