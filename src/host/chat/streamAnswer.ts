import * as vscode from 'vscode';
import type { StoredChat } from '../../common/chat/types';
import type { TurnAccumulator } from '../../common/chat/turnAccumulator';
import { runTurn, type TurnResult } from '../../common/chat/turnRunner';
import { plainErrorView } from '../../common/chat/errorView';
import type { ChatMessage } from '../../common/llm/types';
import { chatSystemPrompt, historyMessages } from '../../common/prompts/chatPrompt';
import type { ErrorView, HostToWebview } from '../../common/protocol';
import type { ApprovalBroker } from '../../common/tools/approvals';
import { openModelSession, type ModelProblem, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import { createToolExecutor } from '../tools/toolExecutor';

/** What an answer needs from the extension. */
export interface AnswerDeps {
  keys: ApiKeyStore;
  logUri: vscode.Uri;
  /** Carries the Allow once / Deny answers of the tools. */
  approvals: ApprovalBroker;
  post(msg: HostToWebview): void;
}

/** One answer in flight: its request id, the turn it fills and the signal that stops it. */
export interface AnswerRun {
  requestId: string;
  turn: TurnAccumulator;
  signal: AbortSignal;
}

/**
 * Streams the answer to the chat's last user message into `run.turn`, with the chat's options. Uses
 * `session` when the caller has opened one already (an editor command did its checks), else opens
 * it; when that is not possible the turn ends with an error card saying why.
 */
export async function streamAnswer(
  deps: AnswerDeps,
  chat: StoredChat,
  run: AnswerRun,
  session?: ModelSession,
): Promise<TurnResult | undefined> {
  const opened = session ? { ok: true as const, session } : await openModelSession(deps.keys, deps.logUri);
  if (!opened.ok) {
    run.turn.end('error', problemView(opened.problem));
    return undefined;
  }
  const { settings, stream, base } = opened.session;
  const tools = settings.toolsEnabled ? createToolExecutor(deps.approvals, settings) : undefined;
  return runTurn(
    { stream, post: deps.post, tools, maxToolRounds: settings.toolsMaxRounds },
    {
      requestId: run.requestId,
      turn: run.turn,
      signal: run.signal,
      messages: chatMessages(chat, run.turn.id, tools !== undefined),
      base: { ...base, includeThoughts: chat.options.includeThoughts, reasoningEffort: chat.options.reasoningEffort },
    },
  );
}

/** The chat's way of showing why the model cannot be reached: an error card in the answer. */
function problemView(problem: ModelProblem): ErrorView {
  return problem.kind === 'badBaseUrl'
    ? plainErrorView('bad_request', `${problem.message} (setting aioCoder.baseUrl)`)
    : plainErrorView('auth', 'No API key is set. Set your API in One key (aio_…) to start chatting.');
}

/** The system prompt and the conversation so far (without the answer being written). */
function chatMessages(chat: StoredChat, answerId: string, toolsEnabled: boolean): ChatMessage[] {
  return [
    { role: 'system', content: chatSystemPrompt({ toolsEnabled, workspaceName: vscode.workspace.name }) },
    ...historyMessages(
      chat.turns.filter((t) => t.id !== answerId),
      (t) => (t.context ? `${t.context}\n\n${t.text}` : t.text),
    ),
  ];
}
