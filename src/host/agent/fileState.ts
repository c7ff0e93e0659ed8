// Files as the user sees them: an open editor's buffer (unsaved changes included) wins over the disk.
import * as vscode from 'vscode';
import { toBase64 } from '../../common/agent/base64';
import type { FileBefore } from '../../common/agent/checkpoint';
import { textHash } from '../../common/agent/textHash';
import { normalizeAbsPath } from '../../common/tools/pathGuard';

/** The open text document of a file, if any. */
export function openDocument(absPath: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(
    (d) => d.uri.scheme === 'file' && !d.isClosed && normalizeAbsPath(d.uri.fsPath) === absPath,
  );
}

/** True when an editor holds unsaved changes of the file. */
export function isDirty(absPath: string): boolean {
  return openDocument(absPath)?.isDirty ?? false;
}

/** The bytes on disk, or undefined when there is no file. */
export async function diskBytes(absPath: string): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(vscode.Uri.file(absPath));
  } catch (e: unknown) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

/** The text the user sees, or undefined when there is no file. */
export async function currentText(absPath: string): Promise<string | undefined> {
  const doc = openDocument(absPath);
  if (doc) return doc.getText();
  const bytes = await diskBytes(absPath);
  return bytes && new TextDecoder().decode(bytes);
}

/** The fingerprint of what the user sees now; null when there is no file. */
export async function currentHash(absPath: string): Promise<string | null> {
  const text = await currentText(absPath);
  return text === undefined ? null : textHash(text);
}

/** The file as a checkpoint keeps it: the exact bytes on disk, and the buffer when it has unsaved changes. */
export async function snapshot(absPath: string): Promise<FileBefore> {
  const bytes = await diskBytes(absPath);
  const doc = openDocument(absPath);
  const unsaved = doc?.isDirty ? { unsavedText: doc.getText() } : {};
  if (!bytes) return doc?.isDirty ? { exists: true, base64: '', ...unsaved } : { exists: false };
  return { exists: true, base64: toBase64(bytes), ...unsaved };
}
