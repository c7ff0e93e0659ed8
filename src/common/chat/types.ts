import type { ChatOptions, TurnView, UsageView } from '../protocol';

/** Current on-disk schema version of a stored chat. */
export const CHAT_SCHEMA_VERSION = 1;

/** One chat as stored in history (one JSON file per chat). Never holds the API key. */
export interface StoredChat {
  version: typeof CHAT_SCHEMA_VERSION;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  options: ChatOptions;
  /** Turns as the webview shows them; a streaming turn is stored as `stopped` if the host dies. */
  turns: TurnView[];
  /** Running usage total of the chat. */
  totals: UsageView;
  /** Workspace paths of the project instruction files the user removed for this chat. */
  instructionsOff?: string[];
}
