import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import type { ParticipantDeps } from './chatParticipant';
import { createAioParticipant } from './chatParticipant';
import { AioLanguageModelProvider, LM_VENDOR } from './languageModelProvider';

/** VS Code's own chat: the "Gemini (API in One)" model (vendor `aio`) and the `@aio` participant. Cheap to build. */
export function registerLanguageModelFeatures(
  context: vscode.ExtensionContext,
  keys: ApiKeyStore,
  instructions: ParticipantDeps['instructions'],
): vscode.Disposable[] {
  const provider = new AioLanguageModelProvider(keys, context.logUri);
  return [
    provider,
    vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider),
    createAioParticipant({ keys, logUri: context.logUri, extensionUri: context.extensionUri, instructions }),
  ];
}
