import type * as vscode from 'vscode';
import { streamChat } from '../common/llm/client';
import { validateBaseUrl } from '../common/llm/baseUrl';
import type { ChatRequest, StreamPart } from '../common/llm/types';
import { readSettings, type Settings } from './config';
import { log } from './log';
import { createResponseRecorder } from './responseRecorder';
import type { ApiKeyStore } from './secrets';

/** A function that streams one request: what the turn runner and the editor commands call. */
export type ModelStream = (request: ChatRequest, signal: AbortSignal) => AsyncIterable<StreamPart>;

/** A model connection for one request: the settings read for it, the stream, and the request fields they fix. */
export interface ModelSession {
  settings: Settings;
  stream: ModelStream;
  base: Omit<ChatRequest, 'messages'>;
}

/** Why no session could be opened; chat and editor commands each show it their own way. */
export type ModelProblem = { kind: 'badBaseUrl'; message: string } | { kind: 'noKey' };

/** A session, or the problem that prevents one. */
export type OpenedSession = { ok: true; session: ModelSession } | { ok: false; problem: ModelProblem };

/**
 * The one way to reach the model: reads the settings, checks the base URL, then the API key, and
 * builds the stream. Each check runs once per request; callers pass the session on rather than reopen it.
 */
export async function openModelSession(keys: ApiKeyStore, logUri: vscode.Uri): Promise<OpenedSession> {
  const settings = readSettings();
  const message = validateBaseUrl(settings.baseUrl);
  if (message !== undefined) return { ok: false, problem: { kind: 'badBaseUrl', message } };
  const key = await keys.get();
  if (!key) return { ok: false, problem: { kind: 'noKey' } };
  return {
    ok: true,
    session: {
      settings,
      stream: createModelStream(settings, key.key, logUri),
      base: {
        model: settings.model,
        stream: settings.stream,
        includeThoughts: settings.includeThoughts,
        reasoningEffort: settings.reasoningEffort,
      },
    },
  };
}

/** Builds the model stream from the settings, with response recording when `aioCoder.debug.recordResponses` is on. */
function createModelStream(s: Settings, apiKey: string, logUri: vscode.Uri): ModelStream {
  return (request, signal) =>
    streamChat(request, {
      baseUrl: s.baseUrl,
      apiKey,
      signal,
      idleTimeoutMs: s.requestTimeoutSeconds * 1000,
      maxRetries: s.maxRetries,
      onWarning: (m) => log.warn(m),
      ...(s.recordResponses ? createResponseRecorder(logUri.fsPath, log) : {}),
    });
}
