/** Whitespace-insensitive comparison key of a line: every whitespace character removed. */
export function looseKeyOf(line: string): string {
  return line.replace(/\s+/g, '');
}
