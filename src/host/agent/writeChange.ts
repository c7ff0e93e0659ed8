// Writes an accepted change through a WorkspaceEdit: open editors update, an editor with unsaved
// changes gets the edit in its buffer and stays unsaved, every other edited file is saved. A file
// that no longer holds the text the change was computed from is refused as stale.
import * as vscode from 'vscode';
import type { ProposedChange } from '../../common/agent/editGate';
import { changedRegion } from '../../common/agent/lineDiff';
import { textHash } from '../../common/agent/textHash';
import { log } from '../log';
import { currentText, openDocument } from './fileState';

/** The write's outcome: the fingerprint each path was left with (null: no file), or why it failed. */
export type WriteResult =
  { ok: true; after: Map<string, string | null> } | { ok: false; stale: boolean; message: string };

const uri = (absPath: string): vscode.Uri => vscode.Uri.file(absPath);
const stale = (display: string): WriteResult => ({
  ok: false,
  stale: true,
  message: `${display} changed since the change was proposed`,
});
const refused = (message: string): WriteResult => ({ ok: false, stale: false, message });

/** Writes one change (all of it or nothing: one WorkspaceEdit). */
export async function writeChange(change: ProposedChange): Promise<WriteResult> {
  const { target } = change;
  const now = await currentText(target.absPath);
  const unchanged =
    change.before === undefined ? now === undefined : now !== undefined && textHash(now) === textHash(change.before);
  if (!unchanged) return stale(target.display);
  const file = uri(target.absPath);
  switch (change.kind) {
    case 'edit':
    case 'overwrite':
      return editText(target.absPath, change.after ?? '');
    case 'create': {
      const contents = new TextEncoder().encode(change.after ?? '');
      const after = new Map([[target.absPath, textHash(change.after ?? '')]]);
      return fileOp((e) => e.createFile(file, { contents }), after, `create ${target.display}`);
    }
    case 'delete':
      return fileOp((e) => e.deleteFile(file), new Map([[target.absPath, null]]), `delete ${target.display}`);
    case 'rename': {
      const to = change.to;
      if (!to) return refused('no new path');
      if ((await currentText(to.absPath)) !== undefined) return refused(`${to.display} exists now`);
      const after = new Map([
        [target.absPath, null],
        [to.absPath, textHash(change.before ?? '')],
      ]);
      return fileOp((e) => e.renameFile(file, uri(to.absPath)), after, `rename ${target.display}`);
    }
  }
}

/** Replaces the changed lines in the document, and saves it unless it had unsaved changes before. */
async function editText(absPath: string, after: string): Promise<WriteResult> {
  const doc = openDocument(absPath) ?? (await vscode.workspace.openTextDocument(uri(absPath)));
  const wasDirty = doc.isDirty;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const region = changedRegion(doc.getText(), after.replace(/\r?\n/g, eol));
  if (region) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(region.start), doc.positionAt(region.end)), region.text);
    if (!(await vscode.workspace.applyEdit(edit))) return refused('VS Code refused the edit (is the file read-only?)');
  }
  // The buffer holds the change either way; a failed save leaves it there, unsaved, as the user would.
  if (!wasDirty && !(await doc.save())) log.warn(`Saving ${doc.uri.fsPath} after an agent edit failed.`);
  return { ok: true, after: new Map([[absPath, textHash(doc.getText())]]) };
}

/** Applies a file operation (create, delete, rename) as one WorkspaceEdit. */
async function fileOp(
  build: (e: vscode.WorkspaceEdit) => void,
  after: Map<string, string | null>,
  what: string,
): Promise<WriteResult> {
  const edit = new vscode.WorkspaceEdit();
  build(edit);
  return (await vscode.workspace.applyEdit(edit)) ? { ok: true, after } : refused(`VS Code refused to ${what}`);
}
