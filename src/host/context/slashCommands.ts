import * as vscode from 'vscode';
import type { ContextChip, HostToWebview } from '../../common/protocol';
import {
  BUILTINS,
  commandList,
  isBuiltinCommand,
  problemsBlock,
  promptFilePreamble,
} from '../../common/slash/builtins';
import { parsePromptFile, parseSlash, type PromptFile, type PromptValues } from '../../common/slash/promptFiles';
import { diagnosticInfo } from '../diagnostics';
import { log } from '../log';

/** Where a workspace folder keeps its prompts: `.aio/prompts/NAME.md` is `/NAME`. */
const PROMPTS_DIR = ['.aio', 'prompts'] as const;
/**
 * Watched: the prompt files and the folders above them. A file written into a folder created a moment before
 * may bring no event of its own (the watcher is not yet on the new folder), but the folder's creation does.
 */
const WATCHED = ['**/.aio', '**/.aio/prompts', '**/.aio/prompts/*.md'];
/** A prompt file larger than this is left out (and logged): a prompt is a page, not a data file. */
const MAX_PROMPT_BYTES = 64 * 1024;
/** Editors that hold no user code (the Output panel, debug views) do not stand in as context. */
const NOT_CODE = new Set(['output', 'debug', 'vscode-terminal']);

/** What a typed message turned out to be. */
export type SlashPlan =
  /** `/clear`: a new chat; what followed the command is its first message. */
  | { kind: 'clear'; rest: string }
  /** A command that asks the model: `preamble` is sent before the message's context blocks. */
  | { kind: 'prompt'; preamble: string };

/** The chips the commands read and add to (the ChipStore). */
export interface SlashChips {
  list(): ContextChip[];
  addSelection(editor: vscode.TextEditor, range: vscode.Range, content: string): ContextChip;
  addFile(uri: vscode.Uri, languageId: string, size?: number): ContextChip;
}

interface LoadedPrompt extends PromptFile {
  uri: vscode.Uri;
  path: string;
}

/** Workspace-relative path, with the folder name only in a multi-root workspace (as chips and tools show it). */
function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

async function readPrompt(uri: vscode.Uri, name: string): Promise<LoadedPrompt | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_PROMPT_BYTES) {
      log.warn(`The prompt file ${relativePath(uri)} is over ${MAX_PROMPT_BYTES / 1024} KB and is left out.`);
      return undefined;
    }
    const prompt = parsePromptFile(name, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    return prompt && { ...prompt, uri, path: relativePath(uri) };
  } catch (e: unknown) {
    log.warn(`Reading the prompt file ${relativePath(uri)} failed: ${String(e)}`);
    return undefined;
  }
}

/** The prompt files of every workspace folder, folder by folder, each folder's sorted by name. */
async function loadPrompts(): Promise<LoadedPrompt[]> {
  const out: LoadedPrompt[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const dir = vscode.Uri.joinPath(folder.uri, ...PROMPTS_DIR);
    const entries = await vscode.workspace.fs.readDirectory(dir).then(
      (e) => e,
      () => [] as Array<[string, vscode.FileType]>, // no prompts folder
    );
    const names = entries
      .filter(([name, type]) => type === vscode.FileType.File && /\.md$/i.test(name))
      .map(([name]) => name)
      .sort();
    for (const name of names) {
      const prompt = await readPrompt(vscode.Uri.joinPath(dir, name), name);
      if (prompt) out.push(prompt);
    }
  }
  return out;
}

/** The active editor, if it holds code (not the Output panel). */
function codeEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && !NOT_CODE.has(editor.document.uri.scheme) ? editor : undefined;
}

/**
 * Slash commands of the chat input: the built-ins (`/explain`, `/fix`, `/tests`, `/new`, `/clear`) and the
 * workspace's prompt files (`.aio/prompts/*.md`). Lists them for completion (kept fresh by a watcher made on
 * first use, never at activation) and turns a typed `/command …` into what the request says.
 */
export class SlashCommands implements vscode.Disposable {
  private prompts: Promise<LoadedPrompt[]> | undefined;
  private subscriptions: vscode.Disposable[] | undefined;

  constructor(private readonly deps: { chips: SlashChips; post(m: HostToWebview): void; chipsChanged(): void }) {}

  /** Sends the commands to the webview (after a restore, and whenever a prompt file changes). */
  async postList(): Promise<void> {
    this.watch();
    this.deps.post({ type: 'slashCommands', commands: commandList(await this.load()) });
  }

  /**
   * What the message asks for when it starts with a known command; undefined for plain text (and for an
   * unknown `/word`, sent as typed). With `addEditorChip`, a code command with no code in the context adds the
   * active editor's selection, or its file when nothing is selected, as a chip.
   */
  async prepare(text: string, addEditorChip = true): Promise<SlashPlan | undefined> {
    const slash = parseSlash(text);
    if (!slash) return undefined;
    if (slash.name === 'clear') return { kind: 'clear', rest: slash.rest };
    const listed = (await this.load()).find((p) => p.name.toLowerCase() === slash.name);
    // Read again at send time: the file may have been edited since it was listed.
    const prompt = listed && ((await readPrompt(listed.uri, listed.uri.path.split('/').pop() ?? '')) ?? listed);
    if (prompt) return { kind: 'prompt', preamble: promptFilePreamble(prompt.path, prompt, editorValues()) };
    if (!isBuiltinCommand(slash.name)) return undefined;
    const builtin = BUILTINS[slash.name];
    if (builtin.usesEditor && addEditorChip) this.addEditorChip();
    const problems = slash.name === 'fix' ? `\n\n${problemsBlock(problemsIn(this.deps.chips.list()))}` : '';
    return { kind: 'prompt', preamble: `${builtin.instruction ?? ''}${problems}` };
  }

  dispose(): void {
    for (const s of this.subscriptions ?? []) s.dispose();
  }

  private load(): Promise<LoadedPrompt[]> {
    return (this.prompts ??= loadPrompts());
  }

  private watch(): void {
    if (this.subscriptions) return;
    const changed = (): void => {
      this.prompts = undefined;
      this.postList().catch((e: unknown) => log.warn(`Listing the slash commands failed: ${String(e)}`));
    };
    this.subscriptions = [vscode.workspace.onDidChangeWorkspaceFolders(changed)];
    for (const glob of WATCHED) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.subscriptions.push(
        watcher,
        watcher.onDidCreate(changed),
        watcher.onDidChange(changed),
        watcher.onDidDelete(changed),
      );
    }
  }

  /** With no code among the chips, the active editor's selection (or whole file) becomes one. */
  private addEditorChip(): void {
    const code = this.deps.chips.list().some((c) => c.kind === 'selection' || c.kind === 'file' || c.kind === 'symbol');
    const editor = codeEditor();
    if (code || !editor) return;
    const doc = editor.document;
    if (editor.selection.isEmpty) this.deps.chips.addFile(doc.uri, doc.languageId, doc.getText().length);
    else {
      const sel = editor.selection;
      const last = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
      const range = new vscode.Range(sel.start.line, 0, last, doc.lineAt(last).text.length);
      this.deps.chips.addSelection(editor, range, doc.getText(range));
    }
    this.deps.chipsChanged();
  }
}

/** `{{selection}}` and `{{file}}` of a prompt file: the active editor's selection and path. */
function editorValues(): PromptValues {
  const editor = codeEditor();
  if (!editor) return { selection: '', file: '' };
  return { selection: editor.document.getText(editor.selection), file: relativePath(editor.document.uri) };
}

/** The problems VS Code reports in the files and ranges of code chips, errors first. */
function problemsIn(chips: readonly ContextChip[]): Parameters<typeof problemsBlock>[0] {
  const code = chips.filter((c) => c.kind === 'selection' || c.kind === 'file' || c.kind === 'symbol');
  const out = new Map<vscode.Diagnostic, Parameters<typeof problemsBlock>[0][number]>();
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    const path = relativePath(uri);
    for (const chip of code.filter((c) => c.path === path)) {
      const inChip = (d: vscode.Diagnostic): boolean =>
        chip.startLine === undefined ||
        (d.range.end.line + 1 >= chip.startLine && d.range.start.line + 1 <= (chip.endLine ?? chip.startLine));
      for (const d of list.filter(inChip)) out.set(d, { ...diagnosticInfo(d), path });
    }
  }
  const severity = (p: { severity: string }): number => ['error', 'warning', 'information', 'hint'].indexOf(p.severity);
  return [...out.values()].sort((a, b) => severity(a) - severity(b));
}
