import * as vscode from 'vscode';
import { clientErrorText, problemText } from '../../common/lm/lmErrors';
import { estimateLmTokens, toChatMessages, toToolCallOut, toToolSpecs } from '../../common/lm/messages';
import type { ChatRequest } from '../../common/llm/types';
import { toAbortSignal } from '../cancellation';
import { onSettingsChanged, readSettings } from '../config';
import { log } from '../log';
import { openModelSession, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import { toLanguageModelError, toLmMessage } from './lmParts';

/** The vendor in `contributes.languageModelChatProviders` and `vscode.lm` selectors. */
export const LM_VENDOR = 'aio';
/** The one model's id (its identifier in the model picker is `aio/gemini`). */
export const LM_MODEL_ID = 'gemini';
/** Gemini's output limit; the API does not let the client change it. */
const MAX_OUTPUT_TOKENS = 65_536;

/**
 * "Gemini (API in One)" for VS Code's model picker and for other extensions through `vscode.lm`.
 * Requests go through the same session, request builder and stream client as the sidebar chat;
 * this class only translates VS Code's messages and parts. Thinking is not requested: the stable
 * API has no part to report it with.
 */
export class AioLanguageModelProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  // The context window is the model's maxInputTokens: VS Code asks again when settings change.
  private readonly settingsSub = onSettingsChanged(() => this.changed.fire());

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly logUri: vscode.Uri,
  ) {}

  dispose(): void {
    this.settingsSub.dispose();
    this.changed.dispose();
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const s = readSettings();
    return [
      {
        id: LM_MODEL_ID,
        name: 'Gemini (API in One)',
        family: 'gemini',
        version: s.model,
        detail: 'API in One',
        tooltip: `Google Gemini through API in One (model "${s.model}", ${s.baseUrl})`,
        maxInputTokens: s.contextWindowTokens,
        maxOutputTokens: MAX_OUTPUT_TOKENS,
        capabilities: { toolCalling: true, imageInput: false },
      },
    ];
  }

  async provideLanguageModelChatResponse(
    _model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const opened = await openModelSession(this.keys, this.logUri);
    if (!opened.ok) throw toLanguageModelError(problemText(opened.problem));
    const linked = toAbortSignal(token);
    try {
      await report(opened.session, buildRequest(opened.session, messages, options), linked.signal, progress);
    } finally {
      linked.dispose();
    }
  }

  provideTokenCount(
    _model: vscode.LanguageModelChatInformation,
    text: string | vscode.LanguageModelChatRequestMessage,
  ): Promise<number> {
    return Promise.resolve(estimateLmTokens(typeof text === 'string' ? text : toLmMessage(text)));
  }
}

function buildRequest(
  session: ModelSession,
  messages: readonly vscode.LanguageModelChatRequestMessage[],
  options: vscode.ProvideLanguageModelChatResponseOptions,
): ChatRequest {
  const tools = options.tools && options.tools.length > 0 ? toToolSpecs(options.tools) : undefined;
  return {
    ...session.base,
    includeThoughts: false,
    messages: toChatMessages(messages.map(toLmMessage)),
    ...(tools ? { tools } : {}),
    ...(tools && options.toolMode === vscode.LanguageModelChatToolMode.Required ? { toolChoice: 'required' } : {}),
  };
}

/** Streams the answer: text parts as they arrive, tool-call parts once the calls are complete; errors throw. */
async function report(
  session: ModelSession,
  request: ChatRequest,
  signal: AbortSignal,
  progress: vscode.Progress<vscode.LanguageModelResponsePart>,
): Promise<void> {
  for await (const part of session.stream(request, signal)) {
    switch (part.type) {
      case 'text':
        progress.report(new vscode.LanguageModelTextPart(part.text));
        break;
      case 'toolCalls':
        for (const call of part.calls) {
          if (call.argumentsError !== undefined) log.warn(`Tool call ${call.name}: arguments were not JSON`);
          const out = toToolCallOut(call);
          progress.report(new vscode.LanguageModelToolCallPart(out.callId, out.name, out.input));
        }
        break;
      case 'error':
        // A cancelled request ends quietly, as VS Code expects after it cancelled the token.
        if (part.error.kind === 'aborted') return;
        throw toLanguageModelError(clientErrorText(part.error));
      default:
        break;
    }
  }
}
