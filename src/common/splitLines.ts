/** Options of {@link splitLines}. */
export interface SplitLinesOptions {
  /**
   * What a line break at the very end does. `'startsLine'` (the default) counts lines the way an editor
   * does: `'a\n'` is `['a', '']` and `''` is one empty line. `'endsLine'` counts the lines of a file:
   * the final break ends the last line, so `'a\n'` is `['a']` and `''` has no lines.
   */
  finalNewline?: 'startsLine' | 'endsLine';
}

/** Splits text into lines at LF or CRLF, without the line breaks. */
export function splitLines(text: string, options: SplitLinesOptions = {}): string[] {
  const lines = text.split(/\r?\n/);
  if (options.finalNewline === 'endsLine' && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
