/**
 * Turns what the shared turn runner posts (deltas, tool status, retries) into what VS Code's chat
 * response stream shows for the `@aio` participant: Markdown, one-line progress (tool calls, and
 * thinking, which the stable API can only show as progress) and approval questions.
 */
import type { HostToWebview, ToolCallView } from '../protocol';
import type { ParticipantCommand } from '../prompts/participantPrompt';

/** One thing to show in the chat response. */
export type ParticipantOutput =
  | { kind: 'markdown'; text: string }
  | { kind: 'progress'; text: string }
  /** A sensitive read waits for Allow once / Deny. */
  | { kind: 'approve'; approvalId: string; question: string };

/** Longest thinking line kept while waiting for its end (a heading is short). */
const MAX_PENDING = 400;

/**
 * Thinking as progress: "Thinking…" when it starts, then one line per heading of Gemini's thought
 * summaries (`**Title**` on a line of its own). VS Code collapses progress lines once the answer comes.
 */
export class ThinkingProgress {
  private pending = '';
  private started = false;

  /** Adds thinking text; returns the progress lines it completes. */
  push(text: string): string[] {
    const out: string[] = [];
    if (!this.started) {
      this.started = true;
      out.push('Thinking…');
    }
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    if (this.pending.length > MAX_PENDING) this.pending = '';
    for (const line of lines) {
      const title = /^\s*\*\*([^*].*?)\*\*\s*$/.exec(line)?.[1]?.trim();
      if (title) out.push(`Thinking: ${title}`);
    }
    return out;
  }
}

/** Adapts the turn runner's posts to {@link ParticipantOutput}s, in order. */
export class ParticipantStream {
  private readonly thinking = new ThinkingProgress();
  private readonly shown = new Map<string, string>();

  constructor(private readonly out: (o: ParticipantOutput) => void) {}

  /** What the turn runner would post to the webview. */
  post(msg: HostToWebview): void {
    switch (msg.type) {
      case 'delta':
        if (msg.reasoning) for (const line of this.thinking.push(msg.reasoning)) this.progress(line);
        if (msg.text) this.out({ kind: 'markdown', text: msg.text });
        return;
      case 'toolStatus':
        return this.tool(msg.call, msg.approvalId);
      case 'retrying':
        return this.progress(`Retrying (attempt ${msg.attempt} of ${msg.maxAttempts})…`);
      default:
        return;
    }
  }

  private progress(text: string): void {
    this.out({ kind: 'progress', text });
  }

  /** A tool line when the call starts, and again only when its end says something new (a count, a failure). */
  private tool(call: ToolCallView, approvalId?: string): void {
    if (call.status === 'awaiting_approval' && approvalId) {
      this.out({ kind: 'approve', approvalId, question: call.summary });
      return;
    }
    if (this.shown.get(call.id) === call.summary) return;
    this.shown.set(call.id, call.summary);
    this.progress(call.summary);
  }
}

/** A follow-up question offered under an answer. */
export interface ParticipantFollowup {
  label: string;
  prompt: string;
  command?: ParticipantCommand;
}

/** The follow-ups offered after an answer, by the command that produced it. */
export function followupsFor(command: ParticipantCommand | undefined): ParticipantFollowup[] {
  switch (command) {
    case 'explain':
      return [
        { label: 'Find and fix problems in this code', prompt: '', command: 'fix' },
        { label: 'Write tests for it', prompt: '', command: 'tests' },
      ];
    case 'fix':
      return [
        { label: 'Write tests for the fix', prompt: 'Write tests that cover the fix.', command: 'tests' },
        { label: 'Explain the fix in more detail', prompt: 'Explain the fix in more detail.' },
      ];
    case 'tests':
      return [{ label: 'Add more edge cases', prompt: 'Add tests for more edge cases and error paths.' }];
    default:
      return [{ label: 'Explain in more detail', prompt: 'Explain that in more detail, with an example.' }];
  }
}
