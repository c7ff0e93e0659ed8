// Shared by the editor command suites (editorCommands.*.test.ts): the fixture files under editor/ in the
// workspace, the scripted fake model, a recording EditorUi, and helpers to open editors and read the diff.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/host/testingApi';
import type { EditorUi } from '../../src/host/editor/editorUi';
import type { FakeServer, ResponseSpec } from '../support/fakeServer';
import { connectScriptedModel, disconnectScriptedModel } from './scriptedModel';
import { answerStream, SSE_HEADERS } from '../support/sse';
import { extension } from './util';

/** The request body the fake model received. */
export interface WireBody {
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
  tools?: unknown[];
}

/** The API key the editor suites set (and set again after a test clears it). */
export const EDITOR_SUITE_KEY = 'aio_editor_suite_key';

export const STRINGS = [
  'export function capitalize(word: string): string {',
  '  if (word.length === 0) return word;',
  '  return word[0]!.toUpperCase() + word.slice(1);',
  '}',
  '',
  'export function shout(text: string): string {',
  "  return text.toUpperCase() + '!';",
  '}',
  '',
].join('\n');
export const NUMBERS = 'export function double(n: number): number {\n  return n * 2;\n}\n';
export const STRINGS_TEST =
  "import assert from 'node:assert/strict';\nimport { capitalize } from '../src/strings';\n\nsuite('strings', () => {\n  test('capitalize', () => assert.equal(capitalize('a'), 'A'));\n});\n";

/** What an editor suite works with; `server` and `api` are set once the suite's setup has run. */
export interface EditorKit {
  readonly server: FakeServer | undefined;
  readonly api: TestingApi;
  /** Scripted answers, served in order (reset before each test). */
  responses: ResponseSpec[];
  /** The messages the commands showed (reset before each test). */
  messages: Array<{ level: string; text: string; actions: string[] }>;
  sse(text: string[], chunking?: ResponseSpec['chunking']): ResponseSpec;
  bodyOf(n: number): WireBody;
  lastUser(b: WireBody): string;
  uri(rel: string): vscode.Uri;
  /** Replaces the editor commands' UI: messages are recorded and never block; the rest comes from `over`. */
  ui(over?: Partial<EditorUi>): void;
  open(rel: string, sel?: [number, number, number, number]): Promise<vscode.TextEditor>;
  /**
   * A new file for a test that changes its document. Each such test uses its own file: VS Code may
   * restore a closed, reverted document from a working-copy backup written while it was dirty.
   */
  fresh(name: string, content: string, sel?: [number, number, number, number]): Promise<vscode.TextEditor>;
  /** The proposed side of the AIO Coder diff editor that is open now. */
  proposedText(): Promise<string>;
  closeAll(): Promise<void>;
}

/**
 * Registers the suite's hooks (call it inside `suite(...)`): the fixture files and the fake model for the
 * suite, a fresh UI and no scripted answers for each test, all editors closed after each.
 */
export function editorKit(): EditorKit {
  let server: FakeServer | undefined;
  let api: TestingApi;
  let root: string;
  const responses: ResponseSpec[] = [];
  const messages: Array<{ level: string; text: string; actions: string[] }> = [];
  const sse = (text: string[], chunking: ResponseSpec['chunking'] = 'whole'): ResponseSpec => ({
    status: 200,
    headers: SSE_HEADERS,
    body: answerStream(text),
    chunking,
  });
  const bodyOf = (n: number): WireBody => server?.requests[n]?.json as WireBody;
  const lastUser = (b: WireBody): string => b.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const uri = (rel: string): vscode.Uri => vscode.Uri.file(join(root, rel));

  function ui(over: Partial<EditorUi> = {}): void {
    api.setEditorUi({
      message: async (level, text, ...actions) => {
        messages.push({ level, text, actions });
        return undefined;
      },
      ...over,
    });
  }

  async function open(rel: string, sel?: [number, number, number, number]): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(rel)), {
      preview: false,
    });
    editor.selection = sel ? new vscode.Selection(sel[0], sel[1], sel[2], sel[3]) : new vscode.Selection(0, 0, 0, 0);
    return editor;
  }

  async function fresh(
    name: string,
    content: string,
    sel?: [number, number, number, number],
  ): Promise<vscode.TextEditor> {
    writeFileSync(join(root, 'editor', 'src', name), content);
    return open(`editor/src/${name}`, sel);
  }

  async function proposedText(): Promise<string> {
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'aio-coder-proposal');
    assert.ok(tab, 'the diff editor is open');
    return (await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified)).getText();
  }

  async function closeAll(): Promise<void> {
    for (let i = 0; i < 40 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      if (!vscode.window.tabGroups.activeTabGroup.activeTab)
        await vscode.commands.executeCommand('workbench.action.focusNextGroup');
    }
  }

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the integration workspace is not open');
    root = folder.uri.fsPath;
    mkdirSync(join(root, 'editor', 'src'), { recursive: true });
    mkdirSync(join(root, 'editor', 'test'), { recursive: true });
    writeFileSync(join(root, 'editor', 'src', 'strings.ts'), STRINGS);
    writeFileSync(join(root, 'editor', 'src', 'numbers.ts'), NUMBERS);
    writeFileSync(join(root, 'editor', 'test', 'strings.test.ts'), STRINGS_TEST);
    api = (await extension().activate()) as TestingApi;
    server = await connectScriptedModel(responses, EDITOR_SUITE_KEY);
    await api.chat.newChat();
  });

  setup(() => {
    messages.length = 0;
    responses.length = 0;
    ui();
  });

  teardown(async () => {
    api.setEditorUi(undefined);
    await closeAll();
  });

  suiteTeardown(async () => {
    api?.setEditorUi(undefined);
    if (root) rmSync(join(root, 'editor'), { recursive: true, force: true });
    await disconnectScriptedModel(server);
  });

  return {
    get server() {
      return server;
    },
    get api() {
      return api;
    },
    responses,
    messages,
    sse,
    bodyOf,
    lastUser,
    uri,
    ui,
    open,
    fresh,
    proposedText,
    closeAll,
  };
}
