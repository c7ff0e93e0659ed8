import * as vscode from 'vscode';
import { CHARS_PER_TOKEN, estimateTokens } from '../../common/editor/budget';
import type { AttachedContext } from '../../common/prompts/chatPrompt';
import type { ContextChip } from '../../common/protocol';
import type { CapturedChip, ChipSink } from '../context/chipSink';
import { readText } from '../readText';

interface Entry {
  chip: ContextChip;
  /** Captured text (selection, symbol, problems, diff, terminal); files are read when the message is sent. */
  content?: string;
  uri?: vscode.Uri;
}

let nextId = 1;

/** Workspace-relative path; prefixed with the folder name only in a multi-root workspace (as the tools expect). */
function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/** The context chips waiting above the chat input; removable before sending. */
export class ChipStore implements ChipSink {
  private readonly entries = new Map<string, Entry>();

  /** Adds the editor's selection (or, when empty, nothing) as a chip. Returns the chip. */
  addSelection(editor: vscode.TextEditor, range: vscode.Range, content: string): ContextChip {
    const path = relativePath(editor.document.uri);
    const startLine = range.start.line + 1;
    const endLine = range.end.line + (range.end.character === 0 && range.end.line > range.start.line ? 0 : 1);
    const chip: ContextChip = {
      id: `chip-${nextId++}`,
      kind: 'selection',
      label: `${path.split('/').pop() ?? path}:${startLine}-${endLine}`,
      path,
      languageId: editor.document.languageId,
      startLine,
      endLine,
      tokens: estimateTokens(content),
    };
    this.entries.set(chip.id, { chip, content });
    return chip;
  }

  /** Adds a chip whose text was read now (a symbol's range, problems, a diff, terminal output). */
  addCaptured(fields: CapturedChip, content: string): ContextChip {
    const same = [...this.entries.values()].find((e) => e.content === content && e.chip.path === fields.path);
    if (same && same.chip.kind === fields.kind) return same.chip;
    const chip: ContextChip = { ...fields, id: `chip-${nextId++}`, tokens: estimateTokens(content) };
    this.entries.set(chip.id, { chip, content });
    return chip;
  }

  /** Adds a whole file as a chip (read at send time); `size` (characters or bytes) gives its token estimate. */
  addFile(uri: vscode.Uri, languageId: string, size?: number): ContextChip {
    const path = relativePath(uri);
    const existing = [...this.entries.values()].find(
      (e) => e.chip.kind === 'file' && e.uri?.toString() === uri.toString(),
    );
    if (existing) return existing.chip;
    const chip: ContextChip = {
      id: `chip-${nextId++}`,
      kind: 'file',
      label: path.split('/').pop() ?? path,
      path,
      languageId,
      ...(size !== undefined ? { tokens: Math.ceil(size / CHARS_PER_TOKEN) } : {}),
    };
    this.entries.set(chip.id, { chip, uri });
    return chip;
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  list(): ContextChip[] {
    return [...this.entries.values()].map((e) => e.chip);
  }

  /** Removes all chips and returns their contents, each cut to `maxChars` with a note when needed. */
  async take(maxChars: number): Promise<{ chips: ContextChip[]; context: AttachedContext[] }> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    const per = Math.max(1000, Math.floor(maxChars / Math.max(1, entries.length)));
    const context: AttachedContext[] = [];
    for (const e of entries) {
      const text = e.content ?? (e.uri ? await readText(e.uri) : undefined);
      if (text === undefined) continue;
      const cut = text.length > per;
      context.push({
        label: e.chip.label,
        path: e.chip.path,
        languageId: e.chip.languageId,
        startLine: e.chip.startLine,
        endLine: e.chip.endLine,
        ...(e.chip.kind === 'problems' || e.chip.kind === 'git' || e.chip.kind === 'terminal'
          ? { heading: e.chip.label }
          : {}),
        content: cut ? text.slice(0, per) : text,
        ...(cut ? { note: `cut to the first ${per} of ${text.length} characters to fit the context window` } : {}),
      });
    }
    return { chips: entries.map((e) => e.chip), context };
  }
}
