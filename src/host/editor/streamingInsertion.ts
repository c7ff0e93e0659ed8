import * as vscode from 'vscode';

/** Thrown when the streamed insertion cannot continue (the document changed, the editor closed). */
export class InsertionStopped extends Error {
  override readonly name = 'InsertionStopped';
}

/**
 * Streams text into an editor at a position as ONE undo step: the first edit sets an undo stop
 * before, the following ones set none, and the last character is held back so the final edit can
 * set the stop after. `editor.edit` is refused when the document changed in between (VS Code checks
 * the version), which stops the insertion instead of writing into moved text.
 */
export class StreamingInsertion {
  private readonly startOffset: number;
  private readonly eol: string;
  private inserted = 0;
  private pending = '';

  constructor(
    private readonly editor: vscode.TextEditor,
    at: vscode.Position,
  ) {
    this.startOffset = editor.document.offsetAt(at);
    this.eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  }

  /** Characters inserted so far. */
  get length(): number {
    return this.inserted;
  }

  /** Queues text and inserts all of it but the last character. */
  async append(text: string): Promise<void> {
    this.pending += text.replace(/\r?\n/g, this.eol);
    const ready = this.pending.length - (this.pending.endsWith(this.eol) ? this.eol.length : 1);
    if (ready > 0) await this.insert(this.pending.slice(0, ready), false);
  }

  /** Inserts the rest and closes the undo step. */
  async finish(text: string): Promise<void> {
    this.pending += text.replace(/\r?\n/g, this.eol);
    if (this.pending.length > 0) await this.insert(this.pending, true);
  }

  private async insert(text: string, last: boolean): Promise<void> {
    const doc = this.editor.document;
    const at = doc.positionAt(this.startOffset + this.inserted);
    let ok: boolean;
    try {
      ok = await this.editor.edit((b) => b.insert(at, text), {
        undoStopBefore: this.inserted === 0,
        undoStopAfter: last,
      });
    } catch (e: unknown) {
      throw new InsertionStopped(`the editor was closed (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!ok) throw new InsertionStopped('the document was edited while the code was being generated');
    this.inserted += text.length;
    this.pending = this.pending.slice(text.length);
  }

  /** Removes what was inserted (cancel, failure). Resolves false when that is no longer possible. */
  async revert(): Promise<boolean> {
    if (this.inserted === 0) return true;
    const doc = this.editor.document;
    const range = new vscode.Range(doc.positionAt(this.startOffset), doc.positionAt(this.startOffset + this.inserted));
    try {
      const ok = await this.editor.edit((b) => b.delete(range), { undoStopBefore: false, undoStopAfter: true });
      if (ok) this.inserted = 0;
      return ok;
    } catch {
      return false; // the editor is gone: the caller tells the user the partial code stayed
    }
  }
}
