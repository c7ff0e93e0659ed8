// Puts one file back as a checkpoint kept it: absent files are deleted, a buffer that had unsaved
// changes gets that text back (unsaved), everything else gets its exact bytes back on disk, through
// the open editor when there is one (so it shows at once) and then byte for byte.
import * as vscode from 'vscode';
import { fromBase64 } from '../../common/agent/base64';
import type { CheckpointFile } from '../../common/agent/checkpoint';
import { diskBytes, openDocument } from './fileState';

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** Restores one file; throws when VS Code refuses. */
export async function restoreFile(f: CheckpointFile): Promise<void> {
  const file = vscode.Uri.file(f.absPath);
  const before = f.before;
  if (!before.exists) {
    if ((await diskBytes(f.absPath)) === undefined && !openDocument(f.absPath)) return;
    await apply((e) => e.deleteFile(file, { ignoreIfNotExists: true }), `delete ${f.display}`);
    return;
  }
  if (before.unsavedText !== undefined) return replaceText(f, before.unsavedText, false);
  const bytes = fromBase64(before.base64);
  const doc = openDocument(f.absPath);
  if (doc) await replaceText(f, new TextDecoder().decode(bytes), true);
  else if ((await diskBytes(f.absPath)) === undefined)
    await apply((e) => e.createFile(file, { contents: bytes, overwrite: true }), `recreate ${f.display}`);
  // Byte for byte, whatever the editor's encoding and line breaks made of the text.
  if (!sameBytes(await diskBytes(f.absPath), bytes)) await vscode.workspace.fs.writeFile(file, bytes);
}

/** Sets a document's whole text; saves it when `save`. */
async function replaceText(f: CheckpointFile, text: string, save: boolean): Promise<void> {
  const doc = openDocument(f.absPath) ?? (await vscode.workspace.openTextDocument(vscode.Uri.file(f.absPath)));
  if (doc.getText() !== text) {
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    await apply((e) => e.replace(doc.uri, all, text), `restore ${f.display}`);
  }
  if (save && doc.isDirty) await doc.save();
}

async function apply(build: (e: vscode.WorkspaceEdit) => void, what: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  build(edit);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused to ${what}`);
}
