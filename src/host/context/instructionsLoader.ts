import * as vscode from 'vscode';
import { workspaceInstructionReader } from '../../common/context/instructionReader';
import {
  discoverInstructions,
  instructionLimits,
  MAX_INSTRUCTION_FILE_CHARS,
  type InstructionFile,
  type InstructionReader,
  type ReadInstructions,
} from '../../common/context/instructions';
import { DenyList } from '../../common/tools/pathGuard';
import { readSettings, SECTION } from '../config';
import { log } from '../log';
import { VscodeWorkspaceFs } from '../tools/vscodeWorkspaceFs';

/** Watched file names: every instruction file is one of these (see ROOT_INSTRUCTION_FILES). */
const WATCHED = '**/{AGENTS.md,copilot-instructions.md,instructions.md}';

/**
 * The project instruction files of the workspace, for the chat and the editor commands. What was read
 * is cached until an instruction file, a workspace folder or a setting that matters changes; the
 * watcher and the listeners are created on first use, never at activation.
 */
export class InstructionsLoader implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<ReadInstructions | undefined>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the instructions may have changed (a file, the folders, or the settings). */
  readonly onDidChange = this.changed.event;
  private subscriptions: vscode.Disposable[] | undefined;

  /**
   * The instruction files for a request about the files at `contextPaths` (workspace paths, newest
   * first); empty when `aioCoder.instructions.enabled` is off.
   */
  async forPaths(contextPaths: readonly string[]): Promise<InstructionFile[]> {
    this.watch();
    const settings = readSettings();
    if (!settings.instructionsEnabled) return [];
    const fs = new VscodeWorkspaceFs(undefined);
    const folders = fs.folders();
    const prefixes = folders.length > 1 ? folders.map((f) => `${f.name}/`) : folders.length === 1 ? [''] : [];
    const reader = workspaceInstructionReader(
      fs,
      new DenyList(settings.toolsDenyGlobs),
      MAX_INSTRUCTION_FILE_CHARS * 4,
    );
    return discoverInstructions(
      this.cached(reader),
      prefixes,
      contextPaths,
      instructionLimits(settings.contextWindowTokens),
    );
  }

  /** The instruction files for a request about these documents. */
  forUris(uris: readonly vscode.Uri[]): Promise<InstructionFile[]> {
    return this.forPaths(uris.map(workspacePath).filter((p): p is string => p !== undefined));
  }

  private cached(reader: InstructionReader): InstructionReader {
    return {
      read: (path) => {
        let r = this.cache.get(path);
        if (!r) {
          r = reader.read(path).catch((e: unknown) => {
            log.warn(`Reading the instructions file ${path} failed: ${String(e)}`);
            return undefined;
          });
          this.cache.set(path, r);
        }
        return r;
      },
    };
  }

  private watch(): void {
    if (this.subscriptions) return;
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
    const reset = (): void => {
      this.cache.clear();
      this.changed.fire();
    };
    const keys = ['instructions.enabled', 'tools.denyGlobs', 'contextWindowTokens'].map((k) => `${SECTION}.${k}`);
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(reset),
      watcher.onDidChange(reset),
      watcher.onDidDelete(reset),
      vscode.workspace.onDidChangeWorkspaceFolders(reset),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (keys.some((k) => e.affectsConfiguration(k))) reset();
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions ?? []) s.dispose();
    this.subscriptions = [];
    this.changed.dispose();
    this.cache.clear();
  }
}

/** The path of a document as the tools write it (folder name first in a multi-root workspace), if inside one. */
export function workspacePath(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
