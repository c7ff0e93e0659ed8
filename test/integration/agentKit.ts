// Helpers for the Agent mode suites: a scripted fake model whose steps may act on the workspace
// when their request arrives, and the change cards driven through the runner's bridge.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChatMode } from '../../src/common/protocol';
import { startFakeServer, type FakeServer, type ResponseSpec } from '../support/fakeServer';
import { SSE_HEADERS } from '../support/sse';
import { bridge, fillLabel, pressLabel, waitFor, webviewEval } from './util';

/** One scripted answer; `before` runs when its request arrives (e.g. the user edits a file meanwhile). */
export interface Step {
  body: string;
  before?: () => void;
}

/** The tool calls and results of one request body, as sent to the model. */
export interface WireBody {
  messages: Array<{ role: string; content?: string; tool_call_id?: string }>;
  tools?: Array<{ function: { name: string } }>;
}

/** A fake model that answers each request with the next step. */
export class ScriptedModel {
  private constructor(
    readonly server: FakeServer,
    readonly steps: Step[],
  ) {}

  static async start(): Promise<ScriptedModel> {
    const steps: Step[] = [];
    const server = await startFakeServer({
      script: (): ResponseSpec => {
        const step = steps.shift();
        if (!step) return { status: 500, body: 'no scripted answer left' };
        step.before?.();
        return { status: 200, headers: SSE_HEADERS, body: step.body };
      },
      lifetimeMs: 900_000,
      maxRequests: 1000,
    });
    return new ScriptedModel(server, steps);
  }

  get count(): number {
    return this.server.requests.length;
  }

  body(n: number): WireBody {
    return this.server.requests[n]?.json as WireBody;
  }

  /** The tool results sent in request `n`, by tool call id. */
  results(n: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const m of this.body(n).messages)
      if (m.role === 'tool' && m.tool_call_id) out.set(m.tool_call_id, m.content ?? '');
    return out;
  }
}

/** Picks Ask or Agent in the composer, as the user does. */
export async function chooseMode(mode: ChatMode): Promise<void> {
  await webviewEval(
    `(() => { const s = document.getElementById('optMode'); s.value = '${mode}'; s.dispatchEvent(new Event('change')); })()`,
  );
}

const card = (path: string): string => `.file-card[data-path="${path}"]`;

/** Clicks Review, Accept or Reject on the card of `path` (the newest one). */
export const clickCard = (path: string, action: 'review' | 'accept' | 'reject'): Promise<unknown> =>
  retrying(
    () =>
      bridge({ op: 'click', where: 'webview', selector: `${card(path)} >> nth=-1 >> button[data-action="${action}"]` }),
    `${action} on ${path}`,
  );

/** Types the reason for a rejection into the card of `path`. */
export const typeReason = (path: string, text: string): Promise<unknown> =>
  retrying(
    () => bridge({ op: 'fill', where: 'webview', selector: `${card(path)} >> nth=-1 >> input`, text }),
    'the reason',
  );

/** The status of the newest card of `path`, or undefined when there is none. */
export const cardStatus = (path: string): Promise<string | undefined> =>
  webviewEval<string | undefined>(`[...document.querySelectorAll('${card(path)}')].at(-1)?.dataset.status`);

/** The bytes of a workspace file, or undefined when it does not exist. */
export function bytesOf(root: string, rel: string): Buffer | undefined {
  const p = join(root, rel);
  return existsSync(p) ? readFileSync(p) : undefined;
}

/** The open document of a workspace file, if any. */
export function openDoc(root: string, rel: string): vscode.TextDocument | undefined {
  const target = vscode.Uri.file(join(root, rel)).toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === target);
}

/**
 * Retries a bridge action until it succeeds: on a loaded machine the webview can take longer than
 * one bridge attempt (10 s) to become actionable.
 */
export async function retrying(action: () => Promise<unknown>, what: string, timeoutMs = 60_000): Promise<void> {
  const attempt = (): Promise<boolean> =>
    action().then(
      () => true,
      () => false,
    );
  await waitFor(attempt, what, timeoutMs);
}

/** Types a message into the chat input and sends it. */
export async function ask(text: string): Promise<void> {
  await retrying(() => fillLabel('Ask AIO Coder', text), 'the chat input');
  await retrying(() => pressLabel('Ask AIO Coder', 'Enter'), 'sending the message');
}
