import * as vscode from 'vscode';
import { log } from '../log';

const SCHEME = 'aio-coder-proposal';

/** Serves proposed file contents to the diff editor (read-only virtual documents). */
class ProposalContent implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.docs.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    this.docs.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }
}

let provider: ProposalContent | undefined;
let seq = 0;

/** Registers the proposal scheme (lazily, on first use). */
function content(): ProposalContent {
  if (!provider) {
    provider = new ProposalContent();
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider);
  }
  return provider;
}

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
  const right = vscode.Uri.from({ scheme: SCHEME, path: document.uri.path, query: `n=${++seq}` });
  content().set(right, proposed);
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
    await closeDiff(right);
    content().delete(right);
  }
}

async function closeDiff(right: vscode.Uri): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString()) {
        await vscode.window.tabGroups.close(tab);
      }
    }
  }
}
