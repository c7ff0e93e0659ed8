/**
 * The seam between the edit tools and whoever reviews and writes their changes. The tools (pure)
 * check the path, read the file, compute the new text and the line counts; the gate (the host)
 * shows the change as a card, waits for Accept or Reject, keeps a checkpoint and writes it.
 */
import type { FileEditKind } from '../protocol';

/** A file as the tools name it. */
export interface EditPath {
  /** Absolute path, `/`-separated. */
  absPath: string;
  /** Workspace-relative path shown to the model and the user. */
  display: string;
}

/** One change proposed by an edit tool. */
export interface ProposedChange {
  kind: FileEditKind;
  target: EditPath;
  /** The new path of a rename. */
  to?: EditPath;
  /** The text the change was computed from (undefined: the file does not exist yet). */
  before?: string;
  /** The text after the change (undefined: the file is deleted or renamed away). */
  after?: string;
  added: number;
  removed: number;
  /** Orders the cards as the model ordered its calls (see ToolContext.seq). */
  seq: number;
}

/** What became of a proposed change. */
export type ChangeOutcome =
  | { status: 'applied'; auto: boolean }
  | { status: 'rejected'; reason?: string }
  | { status: 'stopped' }
  | { status: 'stale' }
  | { status: 'failed'; message: string };

/** Reviews and writes changes; one per answer in Agent mode. */
export interface EditGate {
  /** The text of a file as the user sees it: the open editor's buffer (unsaved changes included), else the disk. */
  currentText(absPath: string): Promise<string | undefined>;
  /** True when an editor holds unsaved changes of the file. */
  isDirty(absPath: string): boolean;
  /**
   * Shows the change, waits for the decision (or applies it at once when allowed) and writes it when accepted.
   * `awaitingReview` is called when the change waits for the user.
   */
  propose(change: ProposedChange, signal: AbortSignal, awaitingReview?: () => void): Promise<ChangeOutcome>;
  /** Runs `fn` while no other change to these files is being prepared or reviewed. */
  exclusive<T>(absPaths: readonly string[], fn: () => Promise<T>): Promise<T>;
}
