import * as vscode from 'vscode';
import { log } from '../log';
import { closeProposal, showProposal } from '../proposalContent';

/** The outcome of a proposed edit. */
export type ProposalResult = 'applied' | 'discarded' | 'stale';

/** Options of {@link proposeEdit}. */
export interface Proposal {
  document: vscode.TextDocument;
  /** The range to replace; its text is replaced by `newText`. */
  range: vscode.Range;
  newText: string;
  title: string;
  /** Decides Apply/Discard; defaults to a notification with Apply and Discard buttons. Tests inject it. */
  decide?: (question: string) => Thenable<'Apply' | 'Discard' | undefined>;
}

/**
 * Shows the change in VS Code's diff editor and applies it as one WorkspaceEdit (one undo step)
 * when the user chooses Apply. Refuses, with a message, when the document changed in the meantime.
 */
export async function proposeEdit(p: Proposal): Promise<ProposalResult> {
  const { document, range, newText } = p;
  const version = document.version;
  const original = document.getText();
  const proposed =
    original.slice(0, document.offsetAt(range.start)) + newText + original.slice(document.offsetAt(range.end));
  const right = showProposal(document.uri.path, proposed);
  try {
    await vscode.commands.executeCommand('vscode.diff', document.uri, right, `${p.title} ↔ proposed (AIO Coder)`, {
      preview: true,
    });
    const name = vscode.workspace.asRelativePath(document.uri);
    const decide = p.decide ?? ((q: string) => vscode.window.showInformationMessage(q, 'Apply', 'Discard'));
    const choice = await decide(`Apply the proposed change to ${name}?`);
    if (choice !== 'Apply') return 'discarded';
    if (document.version !== version || document.getText() !== original) {
      void vscode.window.showWarningMessage(
        `AIO Coder: ${name} changed since the proposal was made; nothing was applied. ` +
          'Ask again to get a fresh proposal.',
      );
      return 'stale';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, newText);
    const ok = await vscode.workspace.applyEdit(edit);
    if (!ok) {
      void vscode.window.showErrorMessage(`AIO Coder: VS Code refused the edit to ${name} (is it read-only?).`);
      return 'stale';
    }
    log.info(`Applied a proposed change to ${name}.`);
    return 'applied';
  } finally {
    await closeProposal(right);
  }
}
