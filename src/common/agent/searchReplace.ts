/**
 * The search/replace blocks of edit_file. A block's search text must match exactly one place; when
 * it matches nowhere, a whitespace-insensitive match of whole lines is the only fallback, and only if
 * it is unique. A refusal says why and shows the closest lines, so the model can correct itself.
 * Blocks apply one after the other to the text; if any fails, none applies.
 */
import { closestLines } from './closestLines';
import { looseKeyOf } from './looseKey';

/** One search/replace block. */
export interface EditBlock {
  search: string;
  replace: string;
}

/** The text with every block applied, or why a block could not be placed. */
export type BlocksResult =
  | {
      ok: true;
      text: string;
      /** 1-based numbers of the blocks that matched only when whitespace was ignored. */
      loose: number[];
    }
  | { ok: false; error: string };

type OneResult = { ok: true; text: string; loose: boolean } | { ok: false; error: string };

const MAX_LISTED = 8;

/** Applies `blocks` in order to `text` (all or none). `display` names the file in messages. */
export function applyBlocks(text: string, blocks: readonly EditBlock[], display: string): BlocksResult {
  const eol = text.includes('\r\n') && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
  const toEol = (s: string): string => s.replace(/\r?\n/g, eol);
  let work = text;
  const loose: number[] = [];
  for (const [i, block] of blocks.entries()) {
    const r = applyOne(work, toEol(block.search), toEol(block.replace), eol);
    if (!r.ok) {
      const which = blocks.length > 1 ? `Block ${i + 1} of ${blocks.length}: the` : 'The';
      return {
        ok: false,
        error:
          `${which} search text ${r.error.replace('{file}', display)} ` +
          `Nothing was changed (edit_file applies all of its blocks or none).`,
      };
    }
    work = r.text;
    if (r.loose) loose.push(i + 1);
  }
  return { ok: true, text: work, loose };
}

function applyOne(text: string, search: string, replace: string, eol: string): OneResult {
  if (search.trim() === '')
    return {
      ok: false,
      error: 'is empty. Copy the lines to change from the file; use create_file to write a new file.',
    };
  const exact = occurrences(text, search);
  if (exact.length === 1) {
    const at = exact[0] ?? 0;
    return { ok: true, text: text.slice(0, at) + replace + text.slice(at + search.length), loose: false };
  }
  if (exact.length > 1) {
    return { ok: false, error: `matches ${placesIn(text, exact)} in {file}. ${MAKE_UNIQUE}` };
  }
  return applyLoose(text, search, replace, eol);
}

const MAKE_UNIQUE = 'Add neighbouring lines to the search text so that it matches exactly one place.';

/** Start offsets of `search` in `text` (overlapping ones too), up to a few more than can be listed. */
function occurrences(text: string, search: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(search); i >= 0 && at.length <= MAX_LISTED; i = text.indexOf(search, i + 1)) at.push(i);
  return at;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function placesIn(text: string, offsets: readonly number[]): string {
  const lines = offsets.slice(0, MAX_LISTED).map((o) => lineAt(text, o));
  const more = offsets.length > MAX_LISTED ? ', …' : '';
  return `${offsets.length > MAX_LISTED ? 'more than ' + MAX_LISTED : offsets.length} places (lines ${lines.join(', ')}${more})`;
}

/** Matches whole lines ignoring whitespace; applies only when exactly one place matches. */
function applyLoose(text: string, search: string, replace: string, eol: string): OneResult {
  const lines = text.split('\n');
  const wanted = search.split(/\r?\n/);
  const trailingBreak = wanted.length > 1 && wanted[wanted.length - 1] === '';
  if (trailingBreak) wanted.pop();
  const keys = lines.map(looseKeyOf);
  const wantedKeys = wanted.map(looseKeyOf);
  const starts: number[] = [];
  for (let i = 0; i + wanted.length <= lines.length && starts.length <= MAX_LISTED; i++) {
    if (wantedKeys.every((k, j) => keys[i + j] === k)) starts.push(i);
  }
  if (starts.length > 1) {
    const where = starts.slice(0, MAX_LISTED).map((s) => s + 1);
    return {
      ok: false,
      error:
        `does not match {file} exactly, and ignoring whitespace it matches ${starts.length} places ` +
        `(lines ${where.join(', ')}). ${MAKE_UNIQUE}`,
    };
  }
  const first = starts[0];
  if (first === undefined) {
    return {
      ok: false,
      error:
        `was not found in {file}, not even ignoring whitespace. ${closestLines(lines, wanted)}` +
        `\nCopy the search text exactly from the current file (read it again with read_file if unsure).`,
    };
  }
  const offsets = lineOffsets(lines);
  const lastLine = lines[first + wanted.length - 1] ?? '';
  const start = offsets[first] ?? 0;
  const end = (offsets[first + wanted.length - 1] ?? 0) + lastLine.length - (lastLine.endsWith('\r') ? 1 : 0);
  const body = trailingBreak && replace.endsWith(eol) ? replace.slice(0, -eol.length) : replace;
  return { ok: true, text: text.slice(0, start) + body + text.slice(end), loose: true };
}

function lineOffsets(lines: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const l of lines) {
    out.push(at);
    at += l.length + 1;
  }
  return out;
}
