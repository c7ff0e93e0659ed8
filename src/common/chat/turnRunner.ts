import type { LlmError } from '../errors';
import type { ChatMessage, ChatRequest, StreamPart, ToolCall, ToolMessage, ToolSpec } from '../llm/types';
import type { HostToWebview, ToolCallView, UsageView } from '../protocol';
import { DeltaBatcher, type Scheduler } from './deltaBatcher';
import { errorView } from './errorView';
import type { TurnAccumulator } from './turnAccumulator';

/** Runs the model's tool calls of one round; results go back to the model as tool messages. */
export interface ToolExecutor {
  readonly specs: readonly ToolSpec[];
  execute(
    calls: readonly ToolCall[],
    signal: AbortSignal,
    onStatus: (call: ToolCallView, approvalId?: string) => void,
  ): Promise<ToolMessage[]>;
}

/** What a turn needs from the outside world. */
export interface TurnDeps {
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  post(msg: HostToWebview): void;
  tools?: ToolExecutor;
  maxToolRounds: number;
  schedule?: Scheduler;
  /** Called before each round after the first, with the messages to send: keeps them within the context window. */
  beforeRound?: (messages: ChatMessage[]) => void;
}

/** One assistant turn to run. */
export interface TurnInput {
  requestId: string;
  /** Model, stream and thinking options; messages and tools are filled in per round. */
  base: Omit<ChatRequest, 'messages' | 'tools'>;
  messages: ChatMessage[];
  turn: TurnAccumulator;
  signal: AbortSignal;
}

/** How the turn ended. */
export interface TurnResult {
  status: 'done' | 'stopped' | 'error';
  usage: UsageView;
  error?: LlmError;
}

/** Told to the model when the tool round cap is reached. */
export const ROUND_CAP_NOTE =
  'The tool-call limit for this answer has been reached. Do not call tools again: ' +
  'answer now with the information you already have, and say what you could not check.';

interface RoundResult {
  text: string;
  calls: ToolCall[];
  extraContent?: unknown;
  error?: LlmError;
}

/**
 * Runs model → tools → model rounds for one answer, streaming text and thinking to the webview in
 * batches of one post per frame. At most `maxToolRounds` rounds may call tools; then the model is
 * asked, without tools, to answer with what it has. The turn is closed (status, usage, error) on return.
 */
export async function runTurn(deps: TurnDeps, input: TurnInput): Promise<TurnResult> {
  const { requestId, turn, signal } = input;
  // The turn takes text when the webview is sent it, not before: a snapshot of the turn (a panel
  // restored mid-answer) then holds exactly what was posted, and the next batch continues it.
  const batcher = new DeltaBatcher(
    (b) => {
      if (b.reasoning) turn.addReasoning(b.reasoning);
      if (b.text) turn.addText(b.text);
      deps.post({ type: 'delta', requestId, ...b });
    },
    16,
    deps.schedule,
  );
  const usage: UsageView = {};
  let result: TurnResult | undefined;
  try {
    for (let round = 1; !result; round++) {
      const toolsAllowed = !!deps.tools && deps.tools.specs.length > 0 && round <= deps.maxToolRounds;
      if (round > 1 && !toolsAllowed) input.messages.push({ role: 'user', content: ROUND_CAP_NOTE });
      if (round > 1) deps.beforeRound?.(input.messages);
      if (round > 1 && turn.text() && !turn.text().endsWith('\n')) batcher.pushText('\n\n');
      const r = await streamRound(deps, input, batcher, usage, toolsAllowed ? deps.tools?.specs : undefined);
      batcher.flush();
      if (r.error) result = endWith(r.error, usage);
      else if (r.calls.length > 0 && toolsAllowed && deps.tools)
        await runTools(deps.tools, input, r, (c, a) => postTool(deps, requestId, turn, c, a));
      else {
        if (r.calls.length > 0 && round > 1) {
          // Asked for tools again after the cap: say so rather than end with an empty or cut-off answer.
          const note =
            `${turn.text() ? '\n\n' : ''}_Stopped after ${deps.maxToolRounds} tool rounds ` +
            `(aioCoder.tools.maxRounds); the model still wanted to call ${r.calls.map((c) => c.name).join(', ')}. ` +
            `Ask a follow-up to continue._`;
          batcher.pushText(note);
        }
        result = { status: 'done', usage };
      }
      if (!result && signal.aborted) result = { status: 'stopped', usage };
    }
  } finally {
    batcher.flush();
    batcher.dispose();
  }
  finish(turn, result);
  return result;
}

function endWith(error: LlmError, usage: UsageView): TurnResult {
  return error.kind === 'aborted' ? { status: 'stopped', usage } : { status: 'error', usage, error };
}

async function streamRound(
  deps: TurnDeps,
  input: TurnInput,
  batcher: DeltaBatcher,
  usage: UsageView,
  tools?: readonly ToolSpec[],
): Promise<RoundResult> {
  const request: ChatRequest = { ...input.base, messages: input.messages, ...(tools ? { tools } : {}) };
  const text: string[] = [];
  const out: RoundResult = { text: '', calls: [] };
  for await (const part of deps.stream(request, input.signal)) {
    switch (part.type) {
      case 'text':
        text.push(part.text);
        batcher.pushText(part.text);
        break;
      case 'reasoning':
        batcher.pushReasoning(part.text);
        break;
      case 'toolCalls':
        out.calls = part.calls.filter((c) => c.name);
        break;
      case 'usage':
        addTokens(usage, part.usage);
        break;
      case 'meta':
        if (part.creditsConsumed !== undefined)
          usage.creditsConsumed = (usage.creditsConsumed ?? 0) + part.creditsConsumed;
        if (part.extraContent !== undefined) out.extraContent = part.extraContent;
        break;
      case 'retrying':
        batcher.flush();
        deps.post({
          type: 'retrying',
          requestId: input.requestId,
          attempt: part.attempt,
          maxAttempts: part.maxRetries,
          delayMs: part.delayMs,
        });
        break;
      case 'error':
        out.error = part.error;
        break;
      case 'info':
      case 'finish':
        break;
    }
  }
  out.text = text.join('');
  return out;
}

function addTokens(
  total: UsageView,
  u: {
    promptTokens?: number;
    completionTokens?: number;
    totalTokens?: number;
    reasoningTokens?: number;
    cachedTokens?: number;
  },
): void {
  const add = (k: keyof UsageView, v: number | undefined) => {
    if (v !== undefined) total[k] = (total[k] ?? 0) + v;
  };
  add('promptTokens', u.promptTokens);
  add('completionTokens', u.completionTokens);
  add('totalTokens', u.totalTokens);
  add('reasoningTokens', u.reasoningTokens);
  add('cachedTokens', u.cachedTokens);
}

async function runTools(
  tools: ToolExecutor,
  input: TurnInput,
  r: RoundResult,
  onStatus: (c: ToolCallView, a?: string) => void,
): Promise<void> {
  input.messages.push({
    role: 'assistant',
    content: r.text,
    toolCalls: r.calls,
    ...(r.extraContent !== undefined ? { extraContent: r.extraContent } : {}),
  });
  const results = await tools.execute(r.calls, input.signal, onStatus);
  input.messages.push(...results);
}

function postTool(
  deps: TurnDeps,
  requestId: string,
  turn: TurnAccumulator,
  call: ToolCallView,
  approvalId?: string,
): void {
  turn.setTool(call);
  deps.post({ type: 'toolStatus', requestId, call, ...(approvalId ? { approvalId } : {}) });
}

/** Closes the turn; the caller posts `streamEnd` (it knows the chat's running totals). */
function finish(turn: TurnAccumulator, result: TurnResult): void {
  if (Object.keys(result.usage).length > 0) turn.setUsage(result.usage);
  turn.end(result.status, result.error ? errorView(result.error) : undefined);
}
