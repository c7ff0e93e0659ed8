import * as vscode from 'vscode';
import { runTurn, type TurnResult } from '../../common/chat/turnRunner';
import { TurnAccumulator } from '../../common/chat/turnAccumulator';
import { clientErrorText, problemText, type LmProblem } from '../../common/lm/lmErrors';
import { followupsFor, ParticipantStream, type ParticipantOutput } from '../../common/lm/participantStream';
import { promptCharBudget } from '../../common/editor/budget';
import {
  fitContext,
  isParticipantCommand,
  participantMessages,
  type ParticipantCommand,
  type ParticipantTurn,
} from '../../common/prompts/participantPrompt';
import type { InstructionFile } from '../../common/context/instructions';
import { messagesWithInstructions } from '../../common/prompts/instructionsPrompt';
import { ApprovalBroker } from '../../common/tools/approvals';
import { toAbortSignal } from '../cancellation';
import { openModelSession, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import { createToolExecutor } from '../tools/toolExecutor';
import { gatherContext } from './participantContext';

/** The participant id in `contributes.chatParticipants`. */
export const PARTICIPANT_ID = 'aio-coder.aio';
/** Share of the context window the attached context may use (the rest: history, tool results, the answer). */
const CONTEXT_SHARE = 0.5;

/** What the participant needs from the extension. */
export interface ParticipantDeps {
  keys: ApiKeyStore;
  logUri: vscode.Uri;
  extensionUri: vscode.Uri;
  /** Project instructions (AGENTS.md and friends) for the files a request is about, as in the sidebar chat. */
  instructions: { forUris(uris: readonly vscode.Uri[]): Promise<InstructionFile[]> };
}

/** What an answer's result carries to the follow-ups and the next request. */
interface AioResultMetadata {
  command?: ParticipantCommand;
  /** No answer came (no key, an error): nothing to follow up on. */
  failed?: boolean;
}

/** Creates `@aio`: answers through the same session, turn runner, prompts and tools as the sidebar chat. */
export function createAioParticipant(deps: ParticipantDeps): vscode.ChatParticipant {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) =>
    handleRequest(deps, request, context, stream, token),
  );
  participant.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
  participant.followupProvider = {
    provideFollowups: (result: vscode.ChatResult) => {
      const metadata = result.metadata as AioResultMetadata | undefined;
      if (metadata?.failed) return [];
      return followupsFor(metadata?.command).map((f) => ({
        label: f.label,
        prompt: f.prompt,
        ...(f.command ? { command: f.command } : {}),
      }));
    },
  };
  return participant;
}

/** One `@aio` request. Exported for tests that drive it with VS Code's own stream and token types. */
export async function handleRequest(
  deps: ParticipantDeps,
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const command = isParticipantCommand(request.command) ? request.command : undefined;
  const metadata: AioResultMetadata = command ? { command } : {};
  const opened = await openModelSession(deps.keys, deps.logUri);
  if (!opened.ok) return problemResult(opened.problem, stream, metadata);
  const approvals = new ApprovalBroker();
  const linked = toAbortSignal(token);
  try {
    const result = await answer(opened.session, request, context, stream, {
      approvals,
      signal: linked.signal,
      command,
      instructions: deps.instructions,
    });
    return result.status === 'error' && result.error
      ? { errorDetails: { message: clientErrorText(result.error).message }, metadata: { ...metadata, failed: true } }
      : { metadata };
  } finally {
    linked.dispose();
    approvals.cancelAll();
  }
}

interface AnswerOptions {
  approvals: ApprovalBroker;
  signal: AbortSignal;
  command?: ParticipantCommand;
  instructions: ParticipantDeps['instructions'];
}

async function answer(
  session: ModelSession,
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  o: AnswerOptions,
): Promise<TurnResult> {
  const { settings } = session;
  const gathered = await gatherContext(referencesFor(request, context), o.command !== undefined);
  for (const uri of gathered.uris) stream.reference(uri);
  const tools = settings.toolsEnabled ? createToolExecutor(o.approvals, settings) : undefined;
  const sink = new ParticipantStream((out) => show(out, stream, o.approvals));
  const prompt = participantMessages({
    prompt: request.prompt,
    command: o.command,
    context: fitContext(gathered.sources, promptCharBudget(settings.contextWindowTokens, CONTEXT_SHARE)),
    diagnostics: gathered.diagnostics,
    history: historyOf(context),
    toolsEnabled: tools !== undefined,
    workspaceName: vscode.workspace.name,
  });
  const messages = messagesWithInstructions(prompt, await o.instructions.forUris(gathered.uris));
  return runTurn(
    { stream: session.stream, post: (m) => sink.post(m), tools, maxToolRounds: settings.toolsMaxRounds },
    { requestId: 'aio', turn: new TurnAccumulator('aio'), signal: o.signal, base: session.base, messages },
  );
}

/** The request's references; a follow-up with none (e.g. /fix after /explain) keeps the previous request's. */
function referencesFor(
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
): readonly vscode.ChatPromptReference[] {
  if (request.references.length > 0) return request.references;
  const previous = [...context.history].reverse().find((t) => t instanceof vscode.ChatRequestTurn);
  return previous instanceof vscode.ChatRequestTurn ? previous.references : [];
}

/** Earlier exchanges with @aio in this chat, as text. */
function historyOf(context: vscode.ChatContext): ParticipantTurn[] {
  return context.history.map((t) =>
    t instanceof vscode.ChatRequestTurn
      ? { role: 'user', text: t.prompt }
      : {
          role: 'assistant',
          text: t.response.map((p) => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : '')).join(''),
        },
  );
}

function show(out: ParticipantOutput, stream: vscode.ChatResponseStream, approvals: ApprovalBroker): void {
  switch (out.kind) {
    case 'markdown':
      return stream.markdown(out.text);
    case 'progress':
      return stream.progress(out.text);
    case 'approve':
      void askApproval(out.question, out.approvalId, approvals);
  }
}

/** A sensitive read (`aioCoder.tools.denyGlobs`): the chat has no in-line buttons in the stable API, so a modal asks. */
async function askApproval(question: string, approvalId: string, approvals: ApprovalBroker): Promise<void> {
  const allow = 'Allow once';
  const choice = await vscode.window.showWarningMessage(
    `AIO Coder: ${question}`,
    {
      modal: true,
      detail: 'The file matches aioCoder.tools.denyGlobs (secrets, keys). Deny tells the model it may not read it.',
    },
    allow,
    'Deny',
  );
  approvals.resolve(approvalId, choice === allow);
}

/** No key or a bad base URL: say so in the answer, with a button that sets the key. */
function problemResult(
  problem: LmProblem,
  stream: vscode.ChatResponseStream,
  metadata: AioResultMetadata,
): vscode.ChatResult {
  const { message } = problemText(problem);
  const failed = { ...metadata, failed: true };
  if (problem.kind !== 'noKey') return { errorDetails: { message }, metadata: failed };
  stream.markdown(message);
  stream.button({ command: 'aioCoder.setApiKey', title: 'Set API Key' });
  return { metadata: failed };
}
