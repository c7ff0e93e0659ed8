import * as vscode from 'vscode';
import { hiddenCharWarning } from '../../common/editor/hiddenCharWarning';
import { languageIdForFence } from '../../common/languageIds';
import { assertNever, type WebviewToHost } from '../../common/protocol';
import { proposeEdit } from '../editor/diffPreview';
import { editorUi } from '../editor/editorUi';
import { log } from '../log';

/** The webview messages of a code block's (or an answer's) buttons, and of links. */
export type CodeBlockMessage = Extract<
  WebviewToHost,
  { type: 'copyText' | 'insertCode' | 'applyCode' | 'newFile' | 'openExternal' }
>;

/** Runs a code-block button (or opens a link) from the chat. */
export async function runCodeBlockAction(msg: CodeBlockMessage): Promise<void> {
  switch (msg.type) {
    case 'copyText':
      return copyText(msg.text);
    case 'insertCode':
      await insertAtCursor(msg.code);
      return;
    case 'applyCode':
      return applyCode(msg.code);
    case 'newFile':
      return newFileWith(msg.code, msg.language);
    case 'openExternal':
      await openExternal(msg.url);
      return;
    default:
      assertNever(msg);
  }
}

/** The text editor the user last worked in (the chat view has focus when its buttons are pressed). */
function targetEditor(): vscode.TextEditor | undefined {
  return (
    vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output')
  );
}

/** Copies text to the clipboard. */
export async function copyText(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage('$(check) Copied', 2000);
}

/** Code with hidden characters goes into a file unchanged, but only once the user has read the warning. */
async function confirmHiddenChars(code: string, action: 'Insert' | 'Apply'): Promise<boolean> {
  const warning = hiddenCharWarning(code, action);
  return !warning || (await editorUi().message('warning', warning, `${action} Anyway`)) === `${action} Anyway`;
}

/** Inserts code at the cursor (replacing the selection) of the last active editor, as one undo step. */
export async function insertAtCursor(code: string): Promise<boolean> {
  if (!(await confirmHiddenChars(code, 'Insert'))) return false;
  const editor = targetEditor();
  if (!editor) {
    void vscode.window.showWarningMessage('AIO Coder: open a file and place the cursor where the code should go.');
    return false;
  }
  const ok = await editor.edit((b) => {
    for (const sel of editor.selections) b.replace(sel, code);
  });
  if (!ok) void vscode.window.showErrorMessage('AIO Coder: the editor refused the insertion (is it read-only?).');
  return ok;
}

/**
 * Applies code to the last active editor: it replaces the selection, or the whole file when nothing
 * is selected. The change is previewed in the diff editor first and refused if the file changed.
 */
export async function applyCode(code: string): Promise<void> {
  if (!(await confirmHiddenChars(code, 'Apply'))) return;
  const editor = targetEditor();
  if (!editor) {
    void vscode.window.showWarningMessage(
      'AIO Coder: open the file to apply the code to ' +
        '(select the part to replace, or nothing to replace the whole file).',
    );
    return;
  }
  const doc = editor.document;
  const range = editor.selection.isEmpty
    ? new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length))
    : editor.selection;
  const ui = editorUi();
  const result = await proposeEdit({
    document: doc,
    range,
    newText: code,
    title: vscode.workspace.asRelativePath(doc.uri),
    decide: (q) => ui.decide(q),
  });
  log.info(`Apply from chat: ${result}.`);
}

/** Opens the code in a new untitled editor with its language (from the fence tag). */
export async function newFileWith(code: string, language: string): Promise<void> {
  const known = await vscode.languages.getLanguages();
  const id = languageIdForFence(language);
  const lang = known.includes(id) ? id : undefined;
  const doc = await vscode.workspace.openTextDocument({ content: code, language: lang });
  await vscode.window.showTextDocument(doc, { preview: false });
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Opens a link from the webview after a scheme check (no command:, file:, javascript: …). */
export async function openExternal(url: string): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!SAFE_SCHEMES.has(parsed.protocol)) {
    log.warn(`Refused to open a link with scheme ${parsed.protocol}`);
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(parsed.toString(), true));
}
