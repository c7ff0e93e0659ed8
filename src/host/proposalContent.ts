import * as vscode from 'vscode';

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

/** A new read-only document holding `text`, named after `path`, for one side of a diff. */
export function showProposal(path: string, text: string): vscode.Uri {
  const uri = vscode.Uri.from({ scheme: SCHEME, path, query: `n=${++seq}` });
  content().set(uri, text);
  return uri;
}

/** Forgets a proposal document and closes the diff tabs that show it. */
export async function closeProposal(uri: vscode.Uri): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (
        input instanceof vscode.TabInputTextDiff &&
        (input.modified.toString() === uri.toString() || input.original.toString() === uri.toString())
      )
        await vscode.window.tabGroups.close(tab);
    }
  }
  content().delete(uri);
}
