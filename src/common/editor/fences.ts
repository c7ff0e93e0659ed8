/** Where a {@link FenceStripper} is in the answer. */
type State = 'start' | 'fenced' | 'plain' | 'closed';

const OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const CLOSE = /^\s*(`{3,}|~{3,})\s*$/;

/**
 * Removes a Markdown code fence around streamed code, chunk by chunk, so code can be inserted while it
 * arrives. When the first non-blank line opens a fence (```` ```ts ````), that line is dropped, and so
 * are the closing fence and everything after it (a trailing explanation). Without an opening fence the
 * text passes through. Leading and trailing blank lines are dropped. The output does not depend on how
 * the input was split: a line is held back only while it could still turn out to be a fence, or blank.
 */
export class FenceStripper {
  private state: State = 'start';
  private fenceChar = '';
  private fenceLen = 0;
  /** The current, incomplete line as received. */
  private line = '';
  /** How many characters of `line` were already emitted. */
  private lineEmitted = 0;
  /** Blank lines seen since the last emitted line; emitted only once more code follows. */
  private blanks = 0;
  private emittedAny = false;

  /** Feeds a chunk; returns the code that can be emitted now. */
  push(chunk: string): string {
    let out = '';
    let rest = chunk;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
      this.line += rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      out += this.completeLine();
    }
    this.line += rest;
    return out + this.partialLine();
  }

  /** Ends the input; returns the rest of the code. */
  end(): string {
    return this.line === '' ? '' : this.completeLine();
  }

  /** True when the answer opened a fence (whether or not it was closed). */
  get wasFenced(): boolean {
    return this.fenceLen > 0;
  }

  private completeLine(): string {
    const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
    const emitted = this.lineEmitted;
    this.line = '';
    this.lineEmitted = 0;
    if (emitted > 0) return line.slice(emitted);
    switch (this.state) {
      case 'start':
        return this.firstLine(line);
      case 'fenced':
        if (this.closes(line)) {
          this.state = 'closed';
          return '';
        }
        return this.emitLine(line);
      case 'plain':
        return this.emitLine(line);
      case 'closed':
        return '';
    }
  }

  private firstLine(line: string): string {
    if (line.trim() === '') return '';
    const m = OPEN.exec(line);
    const marker = m?.[1];
    if (marker && !(marker.startsWith('`') && (m[2] ?? '').includes('`'))) {
      this.state = 'fenced';
      this.fenceChar = marker.charAt(0);
      this.fenceLen = marker.length;
      return '';
    }
    this.state = 'plain';
    return this.emitLine(line);
  }

  private closes(line: string): boolean {
    const marker = CLOSE.exec(line)?.[1];
    return marker !== undefined && marker.charAt(0) === this.fenceChar && marker.length >= this.fenceLen;
  }

  private emitLine(line: string): string {
    if (line.trim() === '') {
      if (this.emittedAny) this.blanks++;
      return '';
    }
    return this.prefix() + line;
  }

  /** Newlines owed before the next code: one separator plus the held blank lines. */
  private prefix(): string {
    const p = this.emittedAny ? '\n'.repeat(this.blanks + 1) : '';
    this.blanks = 0;
    this.emittedAny = true;
    return p;
  }

  /** Emits the decided part of the incomplete line (never a possible fence, blank, or a trailing CR). */
  private partialLine(): string {
    if ((this.state !== 'fenced' && this.state !== 'plain') || this.line === '') return '';
    if (this.lineEmitted === 0) {
      if (this.line.trim() === '') return '';
      if (this.state === 'fenced' && /^\s*[`~]/.test(this.line)) return '';
    }
    const avail = this.line.endsWith('\r') ? this.line.length - 1 : this.line.length;
    if (avail <= this.lineEmitted) return '';
    const piece = this.line.slice(this.lineEmitted, avail);
    const out = this.lineEmitted === 0 ? this.prefix() + piece : piece;
    this.lineEmitted = avail;
    return out;
  }
}

/** Removes a Markdown fence around a whole answer (same rules as {@link FenceStripper}). */
export function stripFences(text: string): string {
  const s = new FenceStripper();
  return s.push(text) + s.end();
}
