import type { ApiKeyStore } from './secrets';
import type { ChatService } from './chat/chatService';
import type { ChatViewProvider } from './chat/chatViewProvider';
import { setEditorUi, type EditorUi } from './editor/editorUi';
import type { InstructionsLoader } from './context/instructionsLoader';

/** What integration tests may reach; returned by activate() only in ExtensionMode.Test. */
export interface TestingApi {
  /** Time spent inside activate(), in milliseconds. */
  activationMs: number;
  keySource(): Promise<string | undefined>;
  /** The key in use, for round-trip tests only (never exposed outside test mode). */
  currentKey(): Promise<string | undefined>;
  chat: ChatService;
  provider: ChatViewProvider;
  /** The project instructions loader (the chat's and the editor commands'). */
  instructions: InstructionsLoader;
  /** The extension's global storage folder (chats, checkpoints). */
  storageDir: string;
  /**
   * Editor commands: replaces parts of their UI (quick picks, input boxes, Apply/Discard, messages,
   * progress); `undefined` restores VS Code's.
   */
  setEditorUi(ui: Partial<EditorUi> | undefined): void;
}

/** Builds the testing API. */
export function createTestingApi(parts: {
  keys: ApiKeyStore;
  chat: ChatService;
  provider: ChatViewProvider;
  instructions: InstructionsLoader;
  storageDir: string;
  activationMs: number;
}): TestingApi {
  return {
    activationMs: parts.activationMs,
    keySource: async () => (await parts.keys.get())?.source,
    currentKey: async () => (await parts.keys.get())?.key,
    chat: parts.chat,
    provider: parts.provider,
    instructions: parts.instructions,
    storageDir: parts.storageDir,
    setEditorUi,
  };
}
