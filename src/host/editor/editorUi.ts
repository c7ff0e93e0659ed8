import * as vscode from 'vscode';
import type { LlmError } from '../../common/errors';
import { errorView } from '../../common/chat/errorView';
import { openModelSession, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';

/** Apply/Discard, as {@link proposeEdit} expects it. */
export type Decision = 'Apply' | 'Discard' | undefined;

/** What a task running under a progress notification can use. */
export interface ProgressHandle {
  report(message: string): void;
  /** Cancelled by the notification's Cancel button. */
  token: vscode.CancellationToken;
}

/**
 * Every prompt and notification the editor commands show. The default is VS Code's window API;
 * integration tests replace parts of it (through the testing API) to answer without clicking.
 */
export interface EditorUi {
  /** A quick pick that also accepts free text: resolves to the picked label or the typed text. */
  pickOrType(title: string, placeholder: string, items: readonly vscode.QuickPickItem[]): Thenable<string | undefined>;
  /** A plain quick pick; resolves to the picked item's label. */
  pick(title: string, items: readonly vscode.QuickPickItem[]): Thenable<string | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** Apply or Discard a proposal shown in the diff editor. */
  decide(question: string): Thenable<Decision>;
  message(level: 'info' | 'warning' | 'error', text: string, ...actions: string[]): Thenable<string | undefined>;
  /** Runs `task` under a cancellable progress notification. */
  progress<T>(title: string, task: (p: ProgressHandle) => Promise<T>): Thenable<T>;
}

function pickOrType(
  title: string,
  placeholder: string,
  items: readonly vscode.QuickPickItem[],
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick();
    qp.title = title;
    qp.placeholder = placeholder;
    qp.items = items;
    qp.ignoreFocusOut = true;
    let done = false;
    const finish = (v: string | undefined): void => {
      if (done) return;
      done = true;
      resolve(v);
      qp.dispose();
    };
    // Typed text that matches no item is taken as a free-form request.
    qp.onDidChangeValue((v) => {
      qp.items =
        v.trim() && !items.some((i) => i.label.toLowerCase().includes(v.trim().toLowerCase()))
          ? [{ label: v.trim(), description: 'your request' }, ...items]
          : items;
    });
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.label ?? (qp.value.trim() || undefined)));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

const windowUi: EditorUi = {
  pickOrType,
  pick: async (title, items) =>
    (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, matchOnDescription: true }))?.label,
  input: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  decide: (question) => vscode.window.showInformationMessage(question, 'Apply', 'Discard'),
  message: (level, text, ...actions) => {
    if (level === 'error') return vscode.window.showErrorMessage(text, ...actions);
    if (level === 'warning') return vscode.window.showWarningMessage(text, ...actions);
    return vscode.window.showInformationMessage(text, ...actions);
  },
  progress: (title, task) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (progress, token) => task({ report: (message) => progress.report({ message }), token }),
    ),
};

let current: EditorUi = windowUi;

/** The UI the editor commands use now. */
export function editorUi(): EditorUi {
  return current;
}

/** Replaces parts of the UI (tests); `undefined` restores VS Code's. */
export function setEditorUi(overrides: Partial<EditorUi> | undefined): void {
  current = { ...windowUi, ...overrides };
}

/**
 * Opens the model session for one editor command. A bad base URL or a missing key is shown here
 * (the key with a "Set API Key" button running aioCoder.setApiKey), and the command gets undefined.
 */
export async function openEditorSession(keys: ApiKeyStore, logUri: vscode.Uri): Promise<ModelSession | undefined> {
  const opened = await openModelSession(keys, logUri);
  if (opened.ok) return opened.session;
  if (opened.problem.kind === 'badBaseUrl')
    void editorUi().message('error', `AIO Coder: ${opened.problem.message} (setting aioCoder.baseUrl)`);
  else void askForKey('AIO Coder: no API key is set. Set your API in One key (aio_…) to use the editor commands.');
  return undefined;
}

async function askForKey(text: string): Promise<void> {
  const choice = await editorUi().message('warning', text, 'Set API Key');
  if (choice === 'Set API Key') await vscode.commands.executeCommand('aioCoder.setApiKey');
}

/** Tells the user why a request failed (an abort is not a failure and shows nothing). */
export function reportRequestError(e: LlmError, doing: string): void {
  if (e.kind === 'aborted') return;
  const text = `AIO Coder: ${doing} failed. ${errorView(e).message}`;
  if (e.kind === 'auth') void askForKey(text);
  else void editorUi().message('error', text);
}

/** Tells the user what was left out of a prompt to fit the context window (nothing when nothing was). */
export function reportOmitted(omitted: readonly string[]): void {
  if (omitted.length === 0) return;
  void editorUi().message(
    'info',
    'AIO Coder: to fit the context window (aioCoder.contextWindowTokens), this was left out of the request: ' +
      `${omitted.join('; ')}.`,
  );
}
