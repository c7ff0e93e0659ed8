/** Text helpers shared by the tools: binary sniffing, decoding, and cutting to byte budgets. */

/** Bytes inspected for a NUL when deciding whether a file is binary (git uses the same amount). */
export const BINARY_SNIFF_BYTES = 8000;

/** True when the first {@link BINARY_SNIFF_BYTES} bytes contain a NUL byte. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const encoder = new TextEncoder();

/** Decodes UTF-8 (invalid sequences become U+FFFD; a BOM is dropped). */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** UTF-8 length of a string. */
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** The longest prefix of `s` whose UTF-8 encoding fits in `maxBytes` (never splits a surrogate pair). */
export function cutToBytes(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (utf8Length(s.slice(0, mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  const code = s.charCodeAt(lo - 1);
  return code >= 0xd800 && code <= 0xdbff ? s.slice(0, lo - 1) : s.slice(0, lo);
}

/** Cuts a single line for a one-line preview (search results), marking the cut. */
export function previewLine(line: string, maxChars = 300): string {
  const t = line.replace(/\s+$/, '');
  return t.length > maxChars ? `${t.slice(0, maxChars)}… (line cut at ${maxChars} characters)` : t;
}

/** Formats a count with a thousands separator, independent of the host's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Shortens text for display in the chat, saying how much was left out. */
export function cutForDisplay(text: string, maxChars = 4096): string {
  if (text.length <= maxChars) return text;
  const more = formatCount(text.length - maxChars);
  return `${text.slice(0, maxChars)}\n… (${more} more characters were sent to the model)`;
}

/** An Error whose name is `AbortError`, as fetch and AbortSignal use. */
export function abortError(): Error {
  const e = new Error('Stopped by the user');
  e.name = 'AbortError';
  return e;
}

/** Throws an AbortError when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}
