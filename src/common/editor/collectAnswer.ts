import type { LlmError } from '../errors';
import type { FinishReason, StreamPart } from '../llm/types';

/** How one editor-command request ended. */
export interface CollectedAnswer {
  /** The answer text (thinking excluded). */
  text: string;
  /** Set when the request failed or was stopped (`kind === 'aborted'`). */
  error?: LlmError;
  finishReason?: FinishReason;
}

/** Callbacks while an answer streams in. */
export interface CollectHandlers {
  /** Each text delta, in order. */
  onText?: (delta: string) => void | Promise<void>;
  /** Each thinking delta (shown as progress only). */
  onReasoning?: (delta: string) => void;
  /** A retry is about to happen (nothing was shown yet). */
  onRetry?: (attempt: number, maxRetries: number) => void;
}

/**
 * Consumes a model stream for an editor command: forwards deltas, and reduces the end of the stream
 * to the text, the error (if any) and the finish reason. Tool calls are not expected (editor commands
 * send no tools) and are ignored.
 */
export async function collectAnswer(
  parts: AsyncIterable<StreamPart>,
  h: CollectHandlers = {},
): Promise<CollectedAnswer> {
  const text: string[] = [];
  const out: CollectedAnswer = { text: '' };
  for await (const p of parts) {
    switch (p.type) {
      case 'text':
        text.push(p.text);
        await h.onText?.(p.text);
        break;
      case 'reasoning':
        h.onReasoning?.(p.text);
        break;
      case 'retrying':
        h.onRetry?.(p.attempt, p.maxRetries);
        break;
      case 'finish':
        out.finishReason = p.reason;
        break;
      case 'error':
        out.error = p.error;
        break;
      default:
        break;
    }
  }
  out.text = text.join('');
  return out;
}
