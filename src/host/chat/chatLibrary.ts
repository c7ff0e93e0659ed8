import * as vscode from 'vscode';
import type { ChatOptions, ChatSummary, TurnView } from '../../common/protocol';
import type { StoredChat } from '../../common/chat/types';
import { newChat, summarize } from '../../common/chat/historyCodec';
import { HistoryStore } from '../../common/chat/historyStore';
import { chatToMarkdown } from '../../common/chat/exportMarkdown';
import { NodeHistoryFs } from './nodeHistoryFs';
import { log } from '../log';

/**
 * The chats on disk and the one that is open. The store is created on first use (not at activation),
 * under the extension's global storage; empty chats are never written.
 */
export class ChatLibrary {
  private chat: StoredChat | undefined;
  private storeInstance: HistoryStore | undefined;

  constructor(
    private readonly storageDir: string,
    private readonly onNotice: (message: string) => void,
  ) {}

  private get store(): HistoryStore {
    this.storeInstance ??= new HistoryStore(new NodeHistoryFs(), this.storageDir, () => Date.now(), this.onNotice);
    return this.storeInstance;
  }

  /** The open chat, loading the most recent one (or starting one) on first use. */
  async current(defaults: () => ChatOptions): Promise<StoredChat> {
    this.chat ??= (await this.mostRecent()) ?? newChat(newChatId(), defaults(), Date.now());
    return this.chat;
  }

  /** The most recent chat; an unreadable history folder must not keep the panel from opening. */
  private async mostRecent(): Promise<StoredChat | undefined> {
    try {
      return await this.store.mostRecent();
    } catch (e: unknown) {
      log.error(`Reading the chat history failed: ${String(e)}`);
      this.onNotice(
        `The chat history could not be read (${e instanceof Error ? e.message : String(e)}); starting a new chat. Nothing was deleted.`,
      );
      return undefined;
    }
  }

  /** The id of the open chat, if one is loaded. */
  get currentId(): string | undefined {
    return this.chat?.id;
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

  /** Opens an empty chat (the previous one stays in history). */
  startNew(options: ChatOptions): StoredChat {
    this.chat = newChat(newChatId(), options, Date.now());
    return this.chat;
  }

  /** Opens a chat from history; undefined when it is gone or unreadable (the store has said why). */
  async open(id: string): Promise<StoredChat | undefined> {
    const loaded = await this.store.load(id);
    if (loaded) this.chat = loaded;
    return loaded;
  }

  async rename(id: string, title: string): Promise<void> {
    if (this.chat?.id === id) {
      this.chat.title = title;
      if (this.chat.turns.length > 0) await this.save(this.chat);
    } else {
      await this.store.rename(id, title);
    }
  }

  /** Deletes a chat; when it was the open one, the most recent chat (or a new one) opens. */
  async delete(id: string, defaults: () => ChatOptions): Promise<{ reopened: boolean }> {
    const wasOpen = this.chat?.id === id;
    if (wasOpen) this.chat = undefined;
    await this.store.delete(id);
    if (wasOpen) await this.current(defaults);
    return { reopened: wasOpen };
  }

  /** Opens a chat as a Markdown document. */
  async export(id: string): Promise<void> {
    const chat = this.chat?.id === id ? this.chat : await this.store.load(id);
    if (!chat) return;
    const doc = await vscode.workspace.openTextDocument({ content: chatToMarkdown(chat), language: 'markdown' });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /**
   * Saves a chat that has content, with `live` standing in for a turn that is still streaming.
   * A failure is logged and shown, never thrown: the chat stays in memory and the next save retries.
   */
  async save(chat: StoredChat, live?: TurnView): Promise<void> {
    if (chat.turns.length === 0) return;
    const copy: StoredChat = live ? { ...chat, turns: chat.turns.map((t) => (t.id === live.id ? live : t)) } : chat;
    try {
      await this.store.save(copy);
    } catch (e: unknown) {
      log.error(`Saving chat ${chat.id} failed: ${String(e)}`);
      void vscode.window.showErrorMessage(
        `AIO Coder: could not save the chat history (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
  }
}

function newChatId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
