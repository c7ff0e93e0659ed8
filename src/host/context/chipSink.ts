import type * as vscode from 'vscode';
import type { ContextChip } from '../../common/protocol';

/** A chip made by the @ picker, with the text it stands for (read now). */
export type CapturedChip = Omit<ContextChip, 'id' | 'tokens'>;

/** Where the @ picker puts what the user picked: the chips above the chat input (ChipStore). */
export interface ChipSink {
  /** A whole file, read when the message is sent; `size` in characters gives its token estimate. */
  addFile(uri: vscode.Uri, languageId: string, size?: number): ContextChip;
  /** A chip whose text was read now (a symbol's range, problems, a diff, terminal output, a folder listing). */
  addCaptured(fields: CapturedChip, content: string): ContextChip;
}
