import * as vscode from 'vscode';
import { ChatViewProvider, CHAT_VIEW_ID } from './host/chat/chatViewProvider';
import { ChatService } from './host/chat/chatService';
import { disposeLog } from './host/log';
import { ApiKeyStore, clearApiKeyCommand, setApiKeyCommand } from './host/secrets';
import { createTestingApi, type TestingApi } from './host/testingApi';
import { registerEditorCommands } from './host/editor/editorCommands';
import { InstructionsLoader } from './host/context/instructionsLoader';
import { GENERATE_COMMIT_MESSAGE, generateCommitMessage } from './host/scm/generateCommitMessage';
import { registerLanguageModelFeatures } from './host/lm/registerLm';

/** What deactivate still has to write (the answer in flight). */
let shutdown: (() => Promise<void>) | undefined;

/** Builds the objects and registers everything; holds no logic. Returns a testing API in test mode only. */
export function activate(context: vscode.ExtensionContext): TestingApi | undefined {
  const started = performance.now();
  const keys = new ApiKeyStore(context.secrets);
  const provider = new ChatViewProvider(context.extensionUri);
  const instructions = new InstructionsLoader();
  const chat = new ChatService(context, keys, provider, instructions);
  provider.setHandler(chat);
  shutdown = () => chat.shutdown();
  const command = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    keys,
    provider,
    chat,
    instructions,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    command('aioCoder.setApiKey', (arg) => setApiKeyCommand(keys, arg)),
    command('aioCoder.clearApiKey', () => clearApiKeyCommand(keys)),
    command('aioCoder.openChat', () => provider.reveal()),
    command('aioCoder.newChat', async () => {
      await provider.reveal();
      await chat.newChat();
    }),
    command('aioCoder.summarizeChat', async () => {
      await provider.reveal();
      return chat.summarize();
    }),
    command(GENERATE_COMMIT_MESSAGE, (arg) =>
      generateCommitMessage({ keys, logUri: context.logUri, instructions }, arg),
    ),
    keys.onDidChange(() => chat.keyChanged()),
    ...registerEditorCommands(context, { chat, provider, keys, instructions }),
    ...registerLanguageModelFeatures(context, keys, instructions),
  );
  const activationMs = performance.now() - started;
  return context.extensionMode === vscode.ExtensionMode.Test
    ? createTestingApi({
        keys,
        chat,
        provider,
        instructions,
        storageDir: context.globalStorageUri.fsPath,
        activationMs,
      })
    : undefined;
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
  disposeLog();
}
