import * as vscode from 'vscode';

/**
 * The text of a file: from its open editor when it has one (unsaved edits included), else from disk.
 * Undefined when the file cannot be read (absent, vanished, a folder) or looks binary (a NUL byte
 * in its first 8000 bytes).
 */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined; // callers treat an unreadable file as an absent one
  }
}
