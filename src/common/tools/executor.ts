/**
 * Runs one round of tool calls for the turn runner: a few at a time, each validated, each reported
 * to the chat (running → done / failed / denied), sensitive reads gated by Allow once / Deny.
 * Nothing here throws at the caller: bad calls and failures become `Error: …` tool results.
 */
import type { EditGate } from '../agent/editGate';
import type { ReadLedger } from '../agent/readLedger';
import type { ToolExecutor } from '../chat/turnRunner';
import { isAbortError } from '../errors';
import type { ToolCall, ToolMessage, ToolSpec } from '../llm/types';
import type { ToolCallView } from '../protocol';
import type { ApprovalBroker } from './approvals';
import { DenyList } from './pathGuard';
import { cutForDisplay } from './text';
import type { Tool, ToolContext, ToolRegistry, ToolResult } from './tool';
import type { WorkspaceFs } from './workspaceFs';

/** Calls run at the same time, at most. */
export const DEFAULT_TOOL_CONCURRENCY = 4;

/** What the executor is built from. */
export interface ExecutorOptions {
  registry: ToolRegistry;
  fs: WorkspaceFs;
  denyGlobs: readonly string[];
  approvals: ApprovalBroker;
  concurrency?: number;
  /** Characters of a result shown in the chat (the model always gets all of it). */
  displayChars?: number;
  /** What the model has read in this chat. */
  reads?: ReadLedger;
  /** Agent mode: reviews and writes the edit tools' changes. */
  edits?: EditGate;
}

type OnStatus = (call: ToolCallView, approvalId?: string) => void;

/** The workspace tools' {@link ToolExecutor}. */
export class WorkspaceToolExecutor implements ToolExecutor {
  readonly specs: readonly ToolSpec[];
  private readonly deny: DenyList;
  /** Calls started so far in this answer (an executor serves one answer). */
  private started = 0;

  constructor(private readonly options: ExecutorOptions) {
    this.specs = options.registry.specs;
    this.deny = new DenyList(options.denyGlobs);
  }

  /** Runs `calls` with bounded concurrency; results come back in the order of `calls`. */
  async execute(calls: readonly ToolCall[], signal: AbortSignal, onStatus: OnStatus): Promise<ToolMessage[]> {
    const results: ToolMessage[] = new Array<ToolMessage>(calls.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < calls.length) {
        const i = next++;
        const call = calls[i];
        if (!call) continue;
        results[i] = {
          role: 'tool',
          toolCallId: call.id,
          name: call.name,
          content: await this.runOne(call, signal, onStatus),
        };
      }
    };
    const width = Math.max(1, Math.min(this.options.concurrency ?? DEFAULT_TOOL_CONCURRENCY, calls.length));
    await Promise.all(Array.from({ length: width }, worker));
    return results;
  }

  private async runOne(call: ToolCall, signal: AbortSignal, onStatus: OnStatus): Promise<string> {
    // Taken before any await: workers start calls in the model's order.
    const seq = this.started++;
    const view = (summary: string, status: ToolCallView['status'], result?: string): ToolCallView => ({
      id: call.id,
      name: call.name,
      summary,
      status,
      ...(result !== undefined ? { result: cutForDisplay(result, this.options.displayChars) } : {}),
    });
    const tool = this.options.registry.get(call.name);
    if (!tool) {
      const text =
        `Error: there is no tool named '${call.name}'. Available tools: ` +
        `${this.options.registry.names.join(', ')}.`;
      onStatus(view(`Unknown tool ${call.name}`, 'failed', text));
      return text;
    }
    const parsed = parseArgs(tool, call);
    if (!parsed.ok) {
      onStatus(view(`${call.name}: invalid arguments`, 'failed', parsed.error));
      return parsed.error;
    }
    const running = tool.summary(parsed.value);
    if (signal.aborted) {
      const text = 'Error: stopped by the user before the tool ran.';
      onStatus(view(running, 'failed', text));
      return text;
    }
    onStatus(view(running, 'running'));
    const ctx: ToolContext = {
      signal,
      seq,
      fs: this.options.fs,
      deny: this.deny,
      ...(this.options.reads ? { reads: this.options.reads } : {}),
      ...(this.options.edits ? { edits: this.options.edits } : {}),
      awaitingReview: () => onStatus(view(running, 'awaiting_approval')),
      approve: (display) =>
        this.approve(signal, (status, approvalId) =>
          onStatus(view(status === 'awaiting_approval' ? `Allow reading ${display}?` : running, status), approvalId),
        ),
    };
    const result = await invokeSafely(tool, parsed.value, ctx);
    const status = result.denied ? 'denied' : result.isError ? 'failed' : 'done';
    onStatus(view(result.denied ? `Denied: ${running}` : tool.summary(parsed.value, result), status, result.text));
    return result.text;
  }

  /** Asks Allow once / Deny; Stop while waiting counts as Deny. */
  private async approve(
    signal: AbortSignal,
    post: (status: 'awaiting_approval' | 'running', approvalId?: string) => void,
  ): Promise<boolean> {
    if (signal.aborted) return false;
    const { approvalId, answer } = this.options.approvals.request();
    const onAbort = () => this.options.approvals.resolve(approvalId, false);
    signal.addEventListener('abort', onAbort, { once: true });
    post('awaiting_approval', approvalId);
    try {
      const allowed = await answer;
      if (allowed && !signal.aborted) post('running');
      return allowed && !signal.aborted;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

function parseArgs(tool: Tool, call: ToolCall): { ok: true; value: unknown } | { ok: false; error: string } {
  if (call.argumentsError !== undefined || call.arguments === undefined) {
    const why = call.argumentsError ?? 'missing arguments';
    return {
      ok: false,
      error:
        `Error: the arguments of ${tool.name} were not valid JSON (${why}). ` +
        `Call it again with a JSON object that matches its schema.`,
    };
  }
  const parsed = tool.parse(call.arguments);
  return parsed.ok
    ? parsed
    : { ok: false, error: `Error: ${parsed.error} Call ${tool.name} again with arguments that match its schema.` };
}

async function invokeSafely(tool: Tool, input: unknown, ctx: ToolContext): Promise<ToolResult> {
  try {
    return await tool.invoke(input, ctx);
  } catch (e: unknown) {
    if (isAbortError(e) || ctx.signal.aborted)
      return { text: 'Error: stopped by the user while the tool was running.', truncated: false, isError: true };
    const message = e instanceof Error ? e.message : String(e);
    return { text: `Error: ${tool.name} failed: ${message}`, truncated: false, isError: true };
  }
}
