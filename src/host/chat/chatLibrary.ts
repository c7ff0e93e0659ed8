import * as vscode from 'vscode';
import {
  assertNever,
  type ChatOptions,
  type ChatSummary,
  type HostToWebview,
  type TurnView,
  type WebviewToHost,
} from '../../common/protocol';
import type { StoredChat } from '../../common/chat/types';
import { newChat, summarize } from '../../common/chat/historyCodec';
import { HistoryStore } from '../../common/chat/historyStore';
import { chatToMarkdown } from '../../common/chat/exportMarkdown';
import { readSettings } from '../config';
import { log } from '../log';
import { NodeHistoryFs } from './nodeHistoryFs';

/** The webview messages about the list of chats. */
export type LibraryMessage = Extract<
  WebviewToHost,
  { type: 'newChat' | 'switchChat' | 'renameChat' | 'deleteChat' | 'exportChat' }
>;

/** What the library needs from the chat panel around it. */
export interface LibraryHost {
  post(msg: HostToWebview): void;
  /** Stops the running answer (before the open chat changes) and resolves once it has ended. */
  stopActive(): Promise<void>;
  /** Sends the whole state of the (new) open chat to the webview. */
  reload(): Promise<void>;
  /** A chat was deleted: prune what belongs to it elsewhere (checkpoints). */
  chatDeleted(chatId: string): Promise<void>;
}

/**
 * The chats on disk and the one that is open: list, open, start, rename, delete, export, save.
 * The store is created on first use (not at activation), under the extension's global storage;
 * empty chats are never written.
 */
export class ChatLibrary {
  private chat: StoredChat | undefined;
  private storeInstance: HistoryStore | undefined;

  constructor(
    private readonly storageDir: string,
    private readonly host: LibraryHost,
  ) {}

  private get store(): HistoryStore {
    this.storeInstance ??= new HistoryStore(
      new NodeHistoryFs(),
      this.storageDir,
      () => Date.now(),
      (notice) => this.notice(notice),
    );
    return this.storeInstance;
  }

  handle(msg: LibraryMessage): Promise<void> {
    switch (msg.type) {
      case 'newChat':
        return this.newChat();
      case 'switchChat':
        return this.switchTo(msg.chatId);
      case 'renameChat':
        return this.rename(msg.chatId, msg.title);
      case 'deleteChat':
        return this.delete(msg.chatId);
      case 'exportChat':
        return this.export(msg.chatId);
      default:
        return assertNever(msg);
    }
  }

  /** The open chat, loading the most recent one (or starting one) on first use. */
  async current(): Promise<StoredChat> {
    this.chat ??= (await this.mostRecent()) ?? newChat(newChatId(), defaultOptions(), Date.now());
    return this.chat;
  }

  /** History, newest first, including the open chat once it has content. */
  async list(): Promise<ChatSummary[]> {
    const list = await this.store.list().catch((e: unknown) => {
      log.error(`Listing the chat history failed: ${String(e)}`);
      return [] as ChatSummary[];
    });
    const chat = this.chat;
    if (chat && chat.turns.length > 0 && !list.some((c) => c.id === chat.id)) list.unshift(summarize(chat));
    return list;
  }

  /** Starts an empty chat (the current one stays in history). */
  async newChat(): Promise<void> {
    await this.host.stopActive();
    this.chat = newChat(newChatId(), defaultOptions(), Date.now());
    await this.host.reload();
    this.host.post({ type: 'focusInput' });
  }

  /** Removes an instruction file from the open chat's requests, or uses it again; remembered with the chat. */
  async useInstructions(path: string, use: boolean): Promise<void> {
    const chat = await this.current();
    const off = new Set(chat.instructionsOff ?? []);
    if (use) off.delete(path);
    else off.add(path);
    if (off.size > 0) chat.instructionsOff = [...off].sort();
    else delete chat.instructionsOff;
    await this.save(chat);
  }

  /** Opens another chat from history. */
  async switchTo(chatId: string): Promise<void> {
    if (this.chat?.id === chatId) return;
    await this.host.stopActive();
    const loaded = await this.store.load(chatId);
    if (loaded) this.chat = loaded;
    // Gone or unreadable: the store has said why; the list shows what is left.
    if (loaded) await this.host.reload();
    else await this.postList();
  }

  /**
   * Saves a chat that has content, with `live` standing in for a turn that is still streaming.
   * A failure is logged and shown (only logged when `quiet`: a checkpoint mid-answer), never thrown:
   * the chat stays in memory and the next save retries.
   */
  async save(chat: StoredChat, live?: TurnView, quiet = false): Promise<void> {
    if (chat.turns.length === 0) return;
    const copy: StoredChat = live ? { ...chat, turns: chat.turns.map((t) => (t.id === live.id ? live : t)) } : chat;
    try {
      await this.store.save(copy);
    } catch (e: unknown) {
      log.error(`Saving chat ${chat.id} failed: ${String(e)}`);
      if (quiet) return;
      void vscode.window.showErrorMessage(
        `AIO Coder: could not save the chat history (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  }

  /** Sends the history list to the webview. */
  async postList(): Promise<void> {
    this.host.post({ type: 'chatList', chats: await this.list() });
  }

  private async rename(chatId: string, title: string): Promise<void> {
    const t = title.trim();
    if (!t) return;
    if (this.chat?.id === chatId) {
      this.chat.title = t;
      await this.save(this.chat);
    } else {
      await this.store.rename(chatId, t);
    }
    await this.postList();
  }

  /** Deletes a chat; when it was the open one, the most recent chat (or a new one) opens. */
  private async delete(chatId: string): Promise<void> {
    const wasOpen = this.chat?.id === chatId;
    if (wasOpen) {
      await this.host.stopActive();
      this.chat = undefined;
    }
    await this.store.delete(chatId);
    await this.host.chatDeleted(chatId).catch((e: unknown) => log.error(`Pruning chat ${chatId} failed: ${String(e)}`));
    if (!wasOpen) return this.postList();
    await this.current();
    await this.host.reload();
  }

  /** Opens a chat as a Markdown document. */
  private async export(chatId: string): Promise<void> {
    const chat = this.chat?.id === chatId ? this.chat : await this.store.load(chatId);
    if (!chat) return;
    const doc = await vscode.workspace.openTextDocument({ content: chatToMarkdown(chat), language: 'markdown' });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /** The most recent chat; an unreadable history folder must not keep the panel from opening. */
  private async mostRecent(): Promise<StoredChat | undefined> {
    try {
      return await this.store.mostRecent();
    } catch (e: unknown) {
      log.error(`Reading the chat history failed: ${String(e)}`);
      const why = e instanceof Error ? e.message : String(e);
      this.notice(`The chat history could not be read (${why}); starting a new chat. Nothing was deleted.`);
      return undefined;
    }
  }

  private notice(message: string): void {
    log.warn(message);
    this.host.post({ type: 'notice', level: 'warning', message });
    void vscode.window.showWarningMessage(`AIO Coder: ${message}`);
  }
}

/** A new chat's options: the settings' defaults. */
function defaultOptions(): ChatOptions {
  const s = readSettings();
  return { includeThoughts: s.includeThoughts, reasoningEffort: s.reasoningEffort, mode: 'ask' };
}

function newChatId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
