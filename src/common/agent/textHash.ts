/**
 * A fingerprint of a file's text, to tell whether it changed since it was read or written. Line
 * breaks are normalized first: an editor and the disk may disagree on CRLF without the text changing.
 */

/** Two 32-bit FNV-1a hashes with different offsets, and the length: collisions are not a concern here. */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // CRLF counts as LF.
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    length++;
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}:${length}`;
}
