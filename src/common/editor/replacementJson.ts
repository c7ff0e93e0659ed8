import { stripFences } from './fences';

/** What refactor and quick fix ask the model for. */
export interface Replacement {
  /** The new code for the lines that were sent, without line numbers. */
  replacement: string;
  /** One or two sentences for the user. */
  explanation: string;
}

/** A parsed replacement, or why the answer could not be used. */
export type ReplacementParse = { ok: true; value: Replacement } | { ok: false; error: string };

/** The JSON shape, as said to the model. */
export const REPLACEMENT_SHAPE = '{"replacement": string, "explanation": string}';

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Models sometimes wrap the object in prose: try the outermost braces once.
    const from = text.indexOf('{');
    const to = text.lastIndexOf('}');
    if (from < 0 || to <= from) throw new SyntaxError('no JSON object found');
    return JSON.parse(text.slice(from, to + 1));
  }
}

/**
 * Parses a `{"replacement", "explanation"}` answer. Accepts the object inside a ```json fence or
 * surrounded by prose; `explanation` may be missing. Anything else is an error with a short reason
 * (used in the corrective retry and, if that fails too, shown to the user).
 */
export function parseReplacement(answer: string): ReplacementParse {
  const text = stripFences(answer).trim();
  if (text === '') return { ok: false, error: 'the answer was empty' };
  let value: unknown;
  try {
    value = parseObject(text);
  } catch (e: unknown) {
    return { ok: false, error: `the answer is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'the answer is not a JSON object' };
  const o = value as Record<string, unknown>;
  if (typeof o.replacement !== 'string') return { ok: false, error: 'the JSON object has no string "replacement"' };
  if (o.explanation !== undefined && typeof o.explanation !== 'string')
    return { ok: false, error: '"explanation" is not a string' };
  return {
    ok: true,
    value: { replacement: stripLineNumbers(o.replacement), explanation: (o.explanation ?? '').trim() },
  };
}

/**
 * Removes `NN | ` prefixes when every non-blank line has them: the prompt shows numbered lines and a
 * model occasionally copies the numbers back.
 */
export function stripLineNumbers(code: string): string {
  const lines = code.split('\n');
  const numbered = /^\s*\d+ \| ?/;
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (nonBlank.length === 0 || !nonBlank.every((l) => numbered.test(l))) return code;
  return lines.map((l) => l.replace(numbered, '')).join('\n');
}

/** The follow-up user message of the one corrective retry. */
export function correctionMessage(error: string): string {
  return (
    `Your previous answer could not be used: ${error}. Answer again with only one JSON object of the form ` +
    `${REPLACEMENT_SHAPE}, no Markdown fence and no other text.`
  );
}
