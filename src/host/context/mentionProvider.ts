import * as vscode from 'vscode';
import { FileIndex } from '../../common/context/fileIndex';
import { folderListing } from '../../common/context/mentionText';
import { languageIdForFence } from '../../common/languageIds';
import type { HostToWebview, MentionItem } from '../../common/protocol';
import { ApprovalBroker } from '../../common/tools/approvals';
import { DenyList } from '../../common/tools/pathGuard';
import type { ChipSink } from './chipSink';
import { readSettings } from '../config';
import { log } from '../log';
import { findRipgrep } from '../tools/findRipgrep';
import { VscodeWorkspaceFs } from '../tools/vscodeWorkspaceFs';
import { workspacePath } from './instructionsLoader';
import { captureMention, fileSize } from './mentionCapture';
import {
  editorCandidates,
  specialCandidates,
  symbolCandidates,
  uriOfWorkspacePath,
  type MentionCandidate,
  type MentionTarget,
} from './mentionTargets';
import { TerminalRecorder } from './terminalRecorder';

const MAX_RESULTS = 40;
const MAX_FOLDER_FILES = 300;

/** What the picker needs from the chat. */
export interface MentionDeps {
  chips: ChipSink;
  post(message: HostToWebview): void;
  /** The chips changed: show them. */
  chipsChanged(): void;
}

/**
 * The @ picker's host side: answers queries (specials, open editors, files and folders from an index
 * built when the picker opens, then workspace symbols) and turns a pick, or a file dropped on the
 * composer, into a chip. Sensitive files ask Allow once first, as the tools do.
 */
export class MentionProvider {
  readonly approvals = new ApprovalBroker();
  private readonly terminals = new TerminalRecorder();
  private index: Promise<FileIndex> | undefined;
  private targets = new Map<string, MentionTarget>();
  private seq = 0;
  private latest: { queryId: number; query: string } | undefined;
  /** The last finished listing (while a newer one may be under way in `index`). */
  private listed: FileIndex | undefined;

  constructor(private readonly deps: MentionDeps) {}

  /** Lists the workspace ahead of the first `@` (the chat view has loaded); nothing when a listing exists. */
  warm(): void {
    if (!this.index) this.index = this.buildIndex();
  }

  /**
   * Answers one query: the quick part at once, then again with symbols. An empty query (the picker
   * opened) answers from the last listing and lists the workspace again in the background; once that
   * is done, the latest query is answered again from the new listing.
   */
  async query(queryId: number, query: string): Promise<void> {
    this.latest = { queryId, query };
    if (query === '') this.targets.clear();
    const cached = this.listed;
    if (query === '' || !this.index) {
      const next = this.buildIndex();
      this.index = next;
      if (cached) {
        void next.then(() => this.latest && this.answer(this.latest.queryId, this.latest.query));
        return this.answer(queryId, query, cached);
      }
    }
    return this.answer(queryId, query);
  }

  private async answer(queryId: number, query: string, listed?: FileIndex): Promise<void> {
    const index = listed ?? (await this.index) ?? FileIndex.fromPaths([]);
    const room = MAX_RESULTS - 4;
    const quick = [
      ...specialCandidates(query),
      ...editorCandidates(query, 8),
      ...index.search(query, room).flatMap((r): MentionCandidate[] => {
        const uri = uriOfWorkspacePath(r.item.path);
        if (!uri) return [];
        const item = { kind: r.item.kind, label: r.item.path, ...(query ? { match: r.match.positions } : {}) };
        const folder = r.item.kind === 'folder';
        return [{ item, target: folder ? { kind: 'folder', path: r.item.path, uri } : { kind: 'file', uri } }];
      }),
    ].slice(0, MAX_RESULTS);
    const items = this.remember(quick);
    const wantsSymbols = query.trim().length >= 2;
    this.deps.post({ type: 'mentionResults', queryId, items, ...(wantsSymbols ? { partial: true } : {}) });
    if (!wantsSymbols) return;
    const symbols = await symbolCandidates(query, 15).catch((e: unknown) => {
      log.warn(`Workspace symbols for the @ picker failed: ${String(e)}`);
      return [];
    });
    this.deps.post({ type: 'mentionResults', queryId, items: [...items, ...this.remember(symbols)] });
  }

  /** Adds the entry the user picked (by its id from the last results) as a chip. */
  async pick(id: string): Promise<void> {
    const target = this.targets.get(id);
    if (!target) return;
    if (target.kind === 'file' || target.kind === 'editor') await this.addFile(target.uri);
    else if (target.kind === 'folder') await this.addFolder(target.path);
    else await captureMention(target, this.deps.chips, this.terminals);
    this.deps.chipsChanged();
  }

  /** Files (and folders) dragged onto the composer; anything outside the workspace is ignored. */
  async drop(uris: readonly string[]): Promise<void> {
    for (const raw of uris) {
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(raw, true);
      } catch {
        continue; // not a URI: nothing to add
      }
      const path = workspacePath(uri);
      if (!path) continue;
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (stat?.type === vscode.FileType.Directory) await this.addFolder(path);
      else if (stat) await this.addFile(uri);
    }
    this.deps.chipsChanged();
  }

  dispose(): void {
    this.approvals.cancelAll();
    this.terminals.dispose();
  }

  private remember(candidates: readonly MentionCandidate[]): MentionItem[] {
    return candidates.map((c) => {
      const id = `m${++this.seq}`;
      this.targets.set(id, c.target);
      return { ...c.item, id };
    });
  }

  private buildIndex(): Promise<FileIndex> {
    const started = Date.now();
    const fs = new VscodeWorkspaceFs(findRipgrep(vscode.env.appRoot));
    const built = FileIndex.build(fs, new AbortController().signal).then((index) => {
      log.info(`@ picker index: ${index.entries.length} entries in ${Date.now() - started} ms`);
      this.listed = index;
      return index;
    });
    return built.catch((e: unknown) => {
      log.warn(`Listing the workspace for the @ picker failed: ${String(e)}`);
      return FileIndex.fromPaths([]);
    });
  }

  /** A file becomes a chip after Allow once when it matches aioCoder.tools.denyGlobs. */
  private async addFile(uri: vscode.Uri): Promise<void> {
    const path = workspacePath(uri);
    if (!path) return;
    const rel = vscode.workspace.asRelativePath(uri, false);
    if (new DenyList(readSettings().toolsDenyGlobs).match(rel) && !(await this.allowOnce(path))) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const languageId = open?.languageId ?? languageIdForFence(rel.split('.').pop() ?? '');
    this.deps.chips.addFile(uri, languageId, await fileSize(uri));
  }

  private async addFolder(path: string): Promise<void> {
    const index = await (this.index ??= this.buildIndex());
    const files = index.filesUnder(path, MAX_FOLDER_FILES + 1);
    const cut = files.length > MAX_FOLDER_FILES;
    const listing = folderListing(path, files.slice(0, MAX_FOLDER_FILES), cut);
    this.deps.chips.addCaptured(
      { kind: 'folder', label: `${path.split('/').pop() ?? path}/`, path, languageId: 'text' },
      listing,
    );
  }

  private async allowOnce(path: string): Promise<boolean> {
    const { approvalId, answer } = this.approvals.request();
    this.deps.post({ type: 'chipApproval', approvalId, path });
    return answer;
  }
}
