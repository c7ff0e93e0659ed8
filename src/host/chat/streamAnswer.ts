import * as vscode from 'vscode';
import type { StoredChat } from '../../common/chat/types';
import type { TurnAccumulator } from '../../common/chat/turnAccumulator';
import { runTurn, type TurnResult } from '../../common/chat/turnRunner';
import { plainErrorView } from '../../common/chat/errorView';
import { RoundBudget } from '../../common/context/roundBudget';
import type { ChatMessage, ToolSpec } from '../../common/llm/types';
import type { ErrorView, HostToWebview } from '../../common/protocol';
import type { ApprovalBroker } from '../../common/tools/approvals';
import type { AgentService } from '../agent/agentService';
import { openModelSession, type ModelProblem, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import { createToolExecutor } from '../tools/toolExecutor';
import { chatInstructions, planChatRequest, type InstructionSource } from './chatContext';

/** What an answer needs from the extension. */
export interface AnswerDeps {
  keys: ApiKeyStore;
  logUri: vscode.Uri;
  /** Carries the Allow once / Deny answers of the tools. */
  approvals: ApprovalBroker;
  /** The project instruction files (AGENTS.md…). */
  instructions: InstructionSource;
  /** Agent mode: the edit tools' gate and the chats' read ledgers. */
  agent: AgentService;
  post(msg: HostToWebview): void;
}

/** One answer in flight: its request id, the turn it fills and the signal that stops it. */
export interface AnswerRun {
  requestId: string;
  turn: TurnAccumulator;
  signal: AbortSignal;
  /** Saves the chat with the turn as it stands (after each change an Agent-mode answer writes). */
  persist(): Promise<void>;
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
  const agent = chat.options.mode === 'agent';
  if (agent && !settings.toolsEnabled) deps.post({ type: 'notice', level: 'warning', message: AGENT_NEEDS_TOOLS });
  const edits = agent ? deps.agent.gate(chat.id, run.turn, run.persist) : undefined;
  const tools = settings.toolsEnabled
    ? createToolExecutor(deps.approvals, settings, { reads: deps.agent.ledger(chat.id), ...(edits ? { edits } : {}) })
    : undefined;
  const fit = { contextWindowTokens: settings.contextWindowTokens, tools: tools?.specs, agent };
  const { messages, beforeRound } = await fitRequest(deps, chat, run, fit);
  return runTurn(
    { stream, post: deps.post, tools, maxToolRounds: settings.toolsMaxRounds, beforeRound },
    {
      requestId: run.requestId,
      turn: run.turn,
      signal: run.signal,
      messages,
      base: { ...base, includeThoughts: chat.options.includeThoughts, reasoningEffort: chat.options.reasoningEffort },
    },
  );
}

/**
 * The messages of the request, with the project instructions and within the context window, and the
 * check that keeps later tool rounds within it. Whatever is left out is noted on the answer.
 */
async function fitRequest(
  deps: AnswerDeps,
  chat: StoredChat,
  run: AnswerRun,
  fit: { contextWindowTokens: number; tools: readonly ToolSpec[] | undefined; agent: boolean },
): Promise<{ messages: ChatMessage[]; beforeRound: (messages: ChatMessage[]) => void }> {
  const { contextWindowTokens, tools, agent } = fit;
  const plan = planChatRequest(chat, {
    instructions: await chatInstructions(deps.instructions, chat),
    contextWindowTokens,
    ...(tools ? { tools } : {}),
    agent,
    workspaceName: vscode.workspace.name,
    answerId: run.turn.id,
  });
  const noteLeftOut = (note: string | undefined): void => {
    if (note === undefined) return;
    run.turn.setContextNote(note);
    deps.post({ type: 'contextNote', requestId: run.requestId, turnId: run.turn.id, note });
  };
  noteLeftOut(plan.note);
  const rounds = new RoundBudget(plan.system, plan.budget, plan.question, plan.leftOut);
  return { messages: plan.messages, beforeRound: (messages) => noteLeftOut(rounds.fit(messages)) };
}

/** The chat's way of showing why the model cannot be reached: an error card in the answer. */
function problemView(problem: ModelProblem): ErrorView {
  return problem.kind === 'badBaseUrl'
    ? plainErrorView('bad_request', `${problem.message} (setting aioCoder.baseUrl)`)
    : plainErrorView('auth', 'No API key is set. Set your API in One key (aio_…) to start chatting.');
}

const AGENT_NEEDS_TOOLS =
  'Agent mode needs the workspace tools (aioCoder.tools.enabled is off): this answer cannot read or change files.';
