import type { EditGate } from '../agent/editGate';
import type { ReadLedger } from '../agent/readLedger';
import type { JsonSchema, ToolSpec } from '../llm/types';
import type { DenyList } from './pathGuard';
import type { WorkspaceFs } from './workspaceFs';

/** What a tool's `parse` returns: the typed input, or an error written for the model. */
export type ParseResult<I> = { ok: true; value: I } | { ok: false; error: string };

/** What a tool call produced. `text` goes back to the model as the tool result. */
export interface ToolResult<D = unknown> {
  text: string;
  /** True when a cap cut the output (the text then says so). */
  truncated: boolean;
  /** The call failed or was refused; `text` starts with `Error:`. */
  isError?: boolean;
  /** The user denied access to a sensitive file. */
  denied?: boolean;
  /** Counts and ranges for the one-line summary in the chat. */
  details?: D;
}

/** Everything a tool may use while it runs. */
export interface ToolContext {
  /** Stop: tools end promptly and child processes are killed. */
  signal: AbortSignal;
  fs: WorkspaceFs;
  /** The call's position among the calls of this answer, in the order the model made them. */
  seq?: number;
  /** Sensitive-file globs. */
  deny: DenyList;
  /** Asks the user "Allow once / Deny" for a sensitive file; false when denied or stopped. */
  approve(display: string): Promise<boolean>;
  /** What the model has read in this chat (read_file records; the edit tools refuse stale files). */
  reads?: ReadLedger;
  /** Reviews and writes changes: present only in Agent mode. */
  edits?: EditGate;
  /** Says on the call's line that it waits for the user to review a change card (Accept or Reject). */
  awaitingReview?(): void;
}

/** A function the model can call. Methods (not properties) so a registry can hold mixed tools. */
export interface Tool<I = unknown, D = unknown> {
  /** Model-facing snake_case name (see `toolNames.ts`). */
  readonly name: string;
  readonly description: string;
  /** A simple JSON schema (no `additionalProperties`, `$schema` or `const`: Gemini rejects them). */
  readonly parameters: JsonSchema;
  /** Validates the parsed JSON arguments. */
  parse(args: unknown): ParseResult<I>;
  /** One line for the chat, e.g. "Read src/app.ts, lines 1-80"; `result` is missing while running. */
  summary(input: I, result?: ToolResult<D>): string;
  invoke(input: I, ctx: ToolContext): Promise<ToolResult<D>>;
}

/** A refusal or failure as a tool result. */
export function toolError(message: string): ToolResult<never> {
  return { text: `Error: ${message}`, truncated: false, isError: true };
}

/** The result for a sensitive file the user did not allow. */
export function deniedResult(display: string): ToolResult<never> {
  return {
    text:
      `Error: the user denied access to ${display} (a sensitive file matched by aioCoder.tools.denyGlobs). ` +
      `Do not try to read it another way; continue without it or ask the user.`,
    truncated: false,
    isError: true,
    denied: true,
  };
}

/** Tools by name, and their specs for the request. */
export class ToolRegistry {
  private readonly byName = new Map<string, Tool>();

  constructor(tools: readonly Tool[]) {
    for (const t of tools) {
      if (this.byName.has(t.name)) throw new Error(`Duplicate tool name: ${t.name}`);
      this.byName.set(t.name, t);
    }
  }

  /** The tool called `name`, if any. */
  get(name: string): Tool | undefined {
    return this.byName.get(name);
  }

  /** All tool names, in registration order. */
  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The specs sent with each request. */
  get specs(): ToolSpec[] {
    return [...this.byName.values()].map((t) => ({
      name: t.name,
      description: t.description,
      parameters: t.parameters,
    }));
  }
}
