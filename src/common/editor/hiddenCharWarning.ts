import { findHiddenChars, hiddenCharLabel, MAY_HIDE } from '../protocol';

/** How many hidden characters a warning names before it says "and N more". */
const NAMED = 4;

/**
 * The warning shown before code from the chat goes into a file unchanged, when the code holds
 * characters that can make it read differently from what it does (bidi controls, invisible marks;
 * the same ones the chat marks in code), or undefined when it holds none. Each line is its own
 * context: directional marks in a line of right-to-left text are not counted.
 */
export function hiddenCharWarning(code: string, action: 'Insert' | 'Apply'): string | undefined {
  if (!MAY_HIDE.test(code)) return undefined;
  const named: string[] = [];
  let count = 0;
  for (const [i, line] of code.split('\n').entries()) {
    if (!MAY_HIDE.test(line)) continue;
    for (const at of findHiddenChars(line, 'code')) {
      count++;
      if (named.length < NAMED) named.push(`${hiddenCharLabel(line.charAt(at))} (line ${i + 1})`);
    }
  }
  if (count === 0) return undefined;
  const more = count > named.length ? `, and ${count - named.length} more` : '';
  const what = count === 1 ? 'an invisible character' : `${count} invisible characters`;
  return (
    `AIO Coder: this code contains ${what} that can make it read differently from what it does: ` +
    `${named.join(', ')}${more}. ${action} it unchanged anyway?`
  );
}
