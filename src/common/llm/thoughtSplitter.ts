/** Opening tags that start an in-band thinking block, and their closing tags. */
const TAGS: ReadonlyArray<readonly [open: string, close: string]> = [
  ['<thought>', '</thought>'],
  ['<thinking>', '</thinking>'],
  ['<think>', '</think>'],
];

/** Where a {@link ThoughtSplitter} is: before the answer, inside a block, or passing text through. */
type State = 'start' | 'thought' | 'text';

/** Output of one {@link ThoughtSplitter} step. Empty strings mean nothing to emit. */
export interface SplitOutput {
  text: string;
  reasoning: string;
}

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Length of the longest suffix of `s` that is a proper prefix of `tag` (which starts with `<`). */
function partialTagSuffix(s: string, tag: string): number {
  let i = s.indexOf('<', Math.max(0, s.length - tag.length + 1));
  while (i >= 0) {
    if (tag.startsWith(s.slice(i))) return s.length - i;
    i = s.indexOf('<', i + 1);
  }
  return 0;
}

/**
 * Splits a leading `<thought>` / `<think>` / `<thinking>` block out of streamed answer text
 * (docs/api.md §4.3). Only a block that opens before any visible answer text counts; a tag later in
 * the answer stays text. Tags may be split across deltas, so a possible tag start is held back
 * until it is decided. Cost is linear in the input: once visible text has started, deltas pass through.
 */
export class ThoughtSplitter {
  private state: State = 'start';
  /** Held-back text: leading whitespace/tag prefix in `start`, a possible closing-tag prefix in `thought`. */
  private held = '';
  /** The closing tag in the case the block was opened with, and in lower case (often the same). */
  private closeTags: readonly string[] = [];
  /** After a closed block, whitespace before the answer is dropped instead of released. */
  private dropWhitespace = false;

  /** Feeds one content delta. */
  push(s: string): SplitOutput {
    if (this.state === 'text') return { text: s, reasoning: '' };
    if (this.state === 'thought') return this.inThought(s);
    return this.atStart(s);
  }

  /** Ends the stream: an unclosed block becomes reasoning, an undecided prefix becomes text. */
  end(): SplitOutput {
    const held = this.held;
    this.held = '';
    if (this.state === 'thought') return { text: '', reasoning: held };
    this.state = 'text';
    return { text: this.dropWhitespace ? held.trimStart() : held, reasoning: '' };
  }

  private atStart(s: string): SplitOutput {
    const buf = this.held + s;
    let i = 0;
    while (i < buf.length && isWs(buf.charCodeAt(i))) i++;
    const rest = buf.slice(i);
    if (rest === '') {
      this.held = this.dropWhitespace ? '' : buf;
      return { text: '', reasoning: '' };
    }
    for (const [open, close] of TAGS) {
      const opened = rest.slice(0, open.length);
      if (rest.length >= open.length && opened.toLowerCase() === open) {
        this.state = 'thought';
        this.closeTags = opened === open ? [close] : [`</${opened.slice(1)}`, close];
        this.held = '';
        return this.inThought(rest.slice(open.length));
      }
    }
    const lower = rest.toLowerCase();
    if (TAGS.some(([open]) => rest.length < open.length && open.startsWith(lower))) {
      this.held = buf;
      return { text: '', reasoning: '' };
    }
    this.state = 'text';
    this.held = '';
    return { text: this.dropWhitespace ? rest : buf, reasoning: '' };
  }

  private inThought(s: string): SplitOutput {
    const buf = this.held + s;
    for (const close of this.closeTags) {
      const at = buf.indexOf(close);
      if (at < 0) continue;
      this.state = 'start';
      this.dropWhitespace = true;
      this.held = '';
      const after = this.atStart(buf.slice(at + close.length));
      return { text: after.text, reasoning: buf.slice(0, at) + after.reasoning };
    }
    let keep = 0;
    for (const close of this.closeTags) keep = Math.max(keep, partialTagSuffix(buf, close));
    this.held = keep > 0 ? buf.slice(buf.length - keep) : '';
    return { text: '', reasoning: keep > 0 ? buf.slice(0, buf.length - keep) : buf };
  }
}

/** Removes a leading thinking block from a complete text (for resending earlier answers). */
export function stripThoughts(text: string): string {
  const s = new ThoughtSplitter();
  const a = s.push(text);
  return a.text + s.end().text;
}
