// The Review button: VS Code's diff editor, the file as it is now on the left, the proposed text
// (a read-only virtual document) on the right. The diff closes once the change is decided.
import * as vscode from 'vscode';
import type { ProposedChange } from '../../common/agent/editGate';
import { closeProposal, showProposal } from '../proposalContent';

/** The changes waiting for a decision that can be reviewed, by card id. */
export class ReviewDiffs {
  private readonly open = new Map<string, { change: ProposedChange; docs: vscode.Uri[] }>();

  /** Makes a pending change reviewable. */
  add(editId: string, change: ProposedChange): void {
    this.open.set(editId, { change, docs: [] });
  }

  /** Opens the diff of a pending change; false when it is no longer pending. */
  async show(editId: string): Promise<boolean> {
    const entry = this.open.get(editId);
    if (!entry) return false;
    const { change } = entry;
    const path = vscode.Uri.file(change.target.absPath).path;
    const left =
      change.before === undefined || change.kind === 'create'
        ? showProposal(path, '')
        : vscode.Uri.file(change.target.absPath);
    const rightPath = change.to ? vscode.Uri.file(change.to.absPath).path : path;
    const right = showProposal(rightPath, change.kind === 'rename' ? (change.before ?? '') : (change.after ?? ''));
    entry.docs.push(right, ...(left.scheme === 'file' ? [] : [left]));
    await vscode.commands.executeCommand('vscode.diff', left, right, title(change), { preview: true });
    return true;
  }

  /** The change was decided: closes its diffs. */
  async remove(editId: string): Promise<void> {
    const entry = this.open.get(editId);
    this.open.delete(editId);
    for (const doc of entry?.docs ?? []) await closeProposal(doc);
  }
}

function title(change: ProposedChange): string {
  const name = change.target.display;
  switch (change.kind) {
    case 'create':
      return `${name} (new file, proposed by AIO Coder)`;
    case 'delete':
      return `${name} (deleted, proposed by AIO Coder)`;
    case 'rename':
      return `${name} → ${change.to?.display ?? ''} (proposed by AIO Coder)`;
    default:
      return `${name} ↔ proposed (AIO Coder)`;
  }
}
