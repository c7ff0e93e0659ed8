/**
 * Chat history on disk, written against the {@link HistoryFs} seam. Layout under `dir`:
 * `chats/<id>.json` (one file per chat, written atomically) and `index.json` (id, title, updatedAt
 * and turnCount of every chat) so listing and opening a chat never read the other chats. The index
 * is derived data: it is rebuilt from the chat files when missing or corrupt, and reconciled with
 * the folder listing, since another window or a crash between the two writes can leave it stale.
 */
import type { ChatSummary } from '../protocol';
import { titleFrom } from './chatFields';
import {
  byNewest,
  isParseError,
  isValidChatId,
  parseIndex,
  parseStoredChat,
  serializeChat,
  serializeIndex,
  summarize,
} from './historyCodec';
import { joinPath, type HistoryFs } from './historyFs';
import type { StoredChat } from './types';

/** The time source of the store: milliseconds since the epoch. */
export type Clock = () => number;

/** Receives user-facing notices, e.g. that a corrupt chat file was set aside. */
export type NoticeSink = (message: string) => void;

/** Longest title accepted by {@link HistoryStore.rename}. */
export const MAX_RENAMED_TITLE_LENGTH = 200;

const CHAT_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/;

/** Lists, loads, saves, renames and deletes chats; operations on one chat run one at a time. */
export class HistoryStore {
  private readonly root: string;
  private readonly chatsDir: string;
  private readonly indexPath: string;
  private readonly chatQueues = new Map<string, Promise<void>>();
  private indexQueue: Promise<void> = Promise.resolve();
  private dirReady: Promise<void> | undefined;
  private swept: Promise<void> | undefined;

  /**
   * @param fs file operations
   * @param dir the history folder (e.g. under the extension's global storage)
   * @param clock time source, used to stamp set-aside files
   * @param onNotice receives notices for the user (never file content)
   */
  constructor(
    private readonly fs: HistoryFs,
    dir: string,
    private readonly clock: Clock,
    private readonly onNotice: NoticeSink = () => undefined,
  ) {
    this.root = dir;
    this.chatsDir = joinPath(dir, 'chats');
    this.indexPath = joinPath(dir, 'index.json');
  }

  /** All chats, newest first. Rebuilds the index from the chat files when it is missing or corrupt. */
  list(): Promise<ChatSummary[]> {
    return this.withIndex(async () => {
      await this.sweep();
      return [...(await this.reconciledIndex()).values()].sort(byNewest);
    });
  }

  /**
   * Once per store (the first list or write): removes the temporary files a crash mid-write left in
   * the history folder. Best effort: a failure only leaves them for the next start.
   */
  private sweep(): Promise<void> {
    this.swept ??= Promise.all([this.fs.removeStaleTemps(this.root), this.fs.removeStaleTemps(this.chatsDir)]).then(
      () => undefined,
      () => undefined,
    );
    return this.swept;
  }

  /**
   * One chat, or `undefined` when it does not exist or is corrupt. A corrupt file is renamed to
   * `<id>.corrupt-<timestamp>.json` (never deleted) and reported through `onNotice`.
   */
  load(id: string): Promise<StoredChat | undefined> {
    if (!isValidChatId(id)) return Promise.resolve(undefined);
    return this.withChat(id, () => this.loadNow(id, true));
  }

  /** The newest chat that loads, or `undefined` when there is none. */
  async mostRecent(): Promise<StoredChat | undefined> {
    for (const summary of await this.list()) {
      const chat = await this.load(summary.id);
      if (chat) return chat;
    }
    return undefined;
  }

  /**
   * Writes the chat file atomically, then its index entry. The chat is captured when this is
   * called; saves of one chat are applied in call order, so the last one wins.
   * Rejects when the chat is malformed, e.g. has an invalid id (a programming error).
   */
  async save(chat: StoredChat): Promise<void> {
    if (!isValidChatId(chat.id)) throw new Error('Invalid chat id');
    // Runs before the first await, so the chat is captured at call time.
    const text = serializeChat(chat);
    const summary = summarize(chat);
    await this.withChat(chat.id, () => this.write(text, summary));
  }

  /**
   * Gives a chat a new title (one line, at most {@link MAX_RENAMED_TITLE_LENGTH} characters; an
   * empty title falls back to one made from the first message). Does not change `updatedAt`.
   * @returns the new summary, or `undefined` when the chat does not exist.
   */
  rename(id: string, title: string): Promise<ChatSummary | undefined> {
    if (!isValidChatId(id)) return Promise.resolve(undefined);
    return this.withChat(id, async () => {
      const chat = await this.loadNow(id, false);
      if (!chat) return undefined;
      const firstUser = chat.turns.find((t) => t.role === 'user')?.text ?? '';
      chat.title = title.trim() ? titleFrom(title, MAX_RENAMED_TITLE_LENGTH) : titleFrom(firstUser);
      const summary = summarize(chat);
      await this.write(serializeChat(chat), summary);
      return summary;
    });
  }

  /** Removes a chat file and its index entry. Deleting a missing chat is not an error. */
  delete(id: string): Promise<void> {
    if (!isValidChatId(id)) return Promise.resolve();
    return this.withChat(id, async () => {
      await this.fs.remove(this.chatPath(id));
      await this.updateIndex((entries) => entries.delete(id));
    });
  }

  private chatPath(id: string): string {
    return joinPath(this.chatsDir, `${id}.json`);
  }

  private async write(text: string, summary: ChatSummary): Promise<void> {
    await this.ensureDir();
    await this.fs.writeFileAtomic(this.chatPath(summary.id), text);
    await this.updateIndex((entries) => {
      entries.set(summary.id, summary);
      return true;
    });
  }

  /** Reads and parses a chat; the caller holds the chat's queue. */
  private async loadNow(id: string, healIndex: boolean): Promise<StoredChat | undefined> {
    const parsed = await this.readChat(id);
    if (!parsed) {
      // The entry of a missing or set-aside chat would only point at nothing.
      await this.updateIndex((entries) => entries.delete(id));
      return undefined;
    }
    // A file copied under another name is a chat of its own: the file name is the id.
    const chat = parsed.id === id ? parsed : { ...parsed, id };
    if (healIndex) {
      // A crash between the chat write and the index write leaves the entry stale; fix it here.
      const summary = summarize(chat);
      await this.updateIndex((entries) => {
        const old = entries.get(id);
        if (old && sameSummary(old, summary)) return false;
        entries.set(id, summary);
        return true;
      });
    }
    return chat;
  }

  /** Reads a chat file, setting it aside when corrupt; `undefined` when missing or corrupt. */
  private async readChat(id: string): Promise<StoredChat | undefined> {
    const text = await this.fs.readFile(this.chatPath(id));
    if (text === undefined) return undefined;
    const parsed = parseStoredChat(text);
    if (!isParseError(parsed)) return parsed;
    await this.setAside(id, parsed.error);
    return undefined;
  }

  private async setAside(id: string, reason: string): Promise<void> {
    const name = `${id}.corrupt-${this.clock()}.json`;
    const why = reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
    try {
      await this.fs.rename(this.chatPath(id), joinPath(this.chatsDir, name));
      this.notify(`Chat history file "${id}.json" could not be read (${why}). It was kept as "${name}".`);
    } catch (e: unknown) {
      const detail = e instanceof Error ? e.message : String(e);
      this.notify(`Chat history file "${id}.json" could not be read (${why}) and could not be set aside (${detail}).`);
    }
  }

  private notify(message: string): void {
    try {
      this.onNotice(message);
    } catch {
      // A failing listener must not turn a recoverable read into a failed one.
    }
  }

  /** The index, rebuilt or reconciled with the chat files on disk; rewritten when it changed. */
  private async reconciledIndex(): Promise<Map<string, ChatSummary>> {
    const onDisk = await this.chatIdsOnDisk();
    const index = await this.readIndex();
    const entries = new Map((index ?? []).filter((c) => onDisk.has(c.id)).map((c) => [c.id, c]));
    let dirty = index === undefined || entries.size !== index.length;
    const missing = [...onDisk].filter((id) => !entries.has(id));
    const found = await Promise.all(missing.map((id) => this.readChat(id)));
    missing.forEach((id, i) => {
      const chat = found[i];
      if (chat) entries.set(id, { ...summarize(chat), id });
      dirty = true;
    });
    if (dirty) await this.writeIndex(entries);
    return entries;
  }

  private async chatIdsOnDisk(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const name of await this.fs.list(this.chatsDir)) {
      const m = CHAT_FILE.exec(name);
      if (m?.[1]) ids.add(m[1]);
    }
    return ids;
  }

  /**
   * Applies `mutate` to the index under the index queue and writes it when `mutate` returns true.
   * It does not reconcile with the folder, so saving or opening a chat never reads the other chats;
   * a missing or corrupt index counts as empty here and {@link list} fills it in later.
   */
  private updateIndex(mutate: (entries: Map<string, ChatSummary>) => boolean): Promise<void> {
    return this.withIndex(async () => {
      const entries = new Map(((await this.readIndex()) ?? []).map((c) => [c.id, c]));
      if (mutate(entries)) await this.writeIndex(entries);
    });
  }

  private async readIndex(): Promise<ChatSummary[] | undefined> {
    const text = await this.fs.readFile(this.indexPath);
    const parsed = text === undefined ? undefined : parseIndex(text);
    return parsed === undefined || isParseError(parsed) ? undefined : parsed;
  }

  private async writeIndex(entries: Map<string, ChatSummary>): Promise<void> {
    await this.ensureDir();
    await this.fs.writeFileAtomic(this.indexPath, serializeIndex([...entries.values()]));
  }

  private ensureDir(): Promise<void> {
    this.dirReady ??= this.fs
      .mkdir(this.chatsDir)
      .then(() => this.sweep())
      .catch((e: unknown) => {
        this.dirReady = undefined;
        throw e;
      });
    return this.dirReady;
  }

  private withChat<T>(id: string, task: () => Promise<T>): Promise<T> {
    const prev = this.chatQueues.get(id) ?? Promise.resolve();
    const run = prev.then(task);
    const tail = run.then(noop, noop);
    this.chatQueues.set(id, tail);
    void tail.then(() => {
      if (this.chatQueues.get(id) === tail) this.chatQueues.delete(id);
    });
    return run;
  }

  private withIndex<T>(task: () => Promise<T>): Promise<T> {
    const run = this.indexQueue.then(task);
    this.indexQueue = run.then(noop, noop);
    return run;
  }
}

function noop(): void {
  // Queue tails swallow results: each caller gets its own outcome from `run`.
}

function sameSummary(a: ChatSummary, b: ChatSummary): boolean {
  return a.title === b.title && a.updatedAt === b.updatedAt && a.turnCount === b.turnCount && a.mode === b.mode;
}
