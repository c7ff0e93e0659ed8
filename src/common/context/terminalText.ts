import stripAnsi from 'strip-ansi';

/**
 * Terminal output as a reader sees it, for the model: escape sequences (colours, cursor moves, shell-integration
 * marks) removed, CRLF as LF, and a line redrawn with carriage returns (a progress bar) kept as last drawn.
 */
export function terminalText(raw: string): string {
  return stripAnsi(raw)
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}
