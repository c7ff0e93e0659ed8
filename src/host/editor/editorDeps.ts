import type * as vscode from 'vscode';
import type { ChatService } from '../chat/chatService';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { ApiKeyStore } from '../secrets';

/** What the editor commands need from the rest of the extension. */
export interface EditorDeps {
  context: vscode.ExtensionContext;
  chat: ChatService;
  provider: ChatViewProvider;
  keys: ApiKeyStore;
}
