import * as vscode from 'vscode';
import { streamChat } from '../common/llm/client';
import type { ChatRequest, StreamPart } from '../common/llm/types';
import type { Settings } from './config';
import { log } from './log';
import { createResponseRecorder } from './responseRecorder';

/** A function that streams one request: what the turn runner and the editor commands call. */
export type ModelStream = (request: ChatRequest, signal: AbortSignal) => AsyncIterable<StreamPart>;

/** Builds the model stream from the settings, with response recording when `aioCoder.debug.recordResponses` is on. */
export function createModelStream(s: Settings, apiKey: string, logUri: vscode.Uri): ModelStream {
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
