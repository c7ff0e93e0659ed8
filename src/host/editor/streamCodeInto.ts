import type * as vscode from 'vscode';
import { collectAnswer } from '../../common/editor/collectAnswer';
import { FenceStripper } from '../../common/editor/fences';
import type { EditorPrompt } from '../../common/prompts/editorPrompts';
import { toAbortSignal } from '../cancellation';
import type { ModelSession } from '../modelSession';
import { editorUi, reportRequestError, type ProgressHandle } from './editorUi';
import { InsertionStopped, StreamingInsertion } from './streamingInsertion';

/** How a streamed generation ended. */
export type StreamOutcome =
  { status: 'inserted' | 'empty'; code: string } | { status: 'cancelled' | 'failed' | 'interrupted'; code: string };

/** The model's text on its way into the document, with the code fences stripped. */
class CodeOutput {
  /** The code received so far (what the outcome reports). */
  code = '';
  private readonly stripper = new FenceStripper();

  constructor(readonly insertion: StreamingInsertion) {}

  async push(delta: string): Promise<void> {
    const piece = this.stripper.push(delta);
    this.code += piece;
    await this.insertion.append(piece);
  }

  async end(): Promise<void> {
    const rest = this.stripper.end();
    this.code += rest;
    await this.insertion.finish(rest);
  }
}

/** Streams the model's code (fences stripped) into `editor` at `at`, under a cancellable progress notification. */
export async function streamCodeInto(
  editor: vscode.TextEditor,
  at: vscode.Position,
  session: ModelSession,
  prompt: EditorPrompt,
  doing: string,
): Promise<StreamOutcome> {
  return editorUi().progress(`AIO Coder: ${prompt.display}`, async (p) => {
    const link = toAbortSignal(p.token);
    const out = new CodeOutput(new StreamingInsertion(editor, at));
    try {
      return await writeAnswer(session, prompt, out, { signal: link.signal, progress: p, doing });
    } catch (e: unknown) {
      if (!(e instanceof InsertionStopped)) throw e;
      void editorUi().message(
        'warning',
        `AIO Coder: stopped generating: ${e.message}. The code inserted so far stays in the document; Undo removes it.`,
      );
      return { status: 'interrupted', code: out.code };
    } finally {
      link.dispose();
    }
  });
}

/** Writes the answer as it streams; a failed request takes back what was written. */
async function writeAnswer(
  session: ModelSession,
  prompt: EditorPrompt,
  out: CodeOutput,
  run: { signal: AbortSignal; progress: ProgressHandle; doing: string },
): Promise<StreamOutcome> {
  const p = run.progress;
  const answer = await collectAnswer(session.stream({ ...session.base, messages: prompt.messages }, run.signal), {
    onText: async (d) => {
      await out.push(d);
      p.report(`${out.code.length.toLocaleString('en-US')} characters`);
    },
    onReasoning: () => p.report('Thinking…'),
    onRetry: (n, max) => p.report(`Retrying (${n}/${max})…`),
  });
  if (answer.error) {
    const reverted = await out.insertion.revert();
    reportRequestError(answer.error, run.doing);
    if (!reverted) void editorUi().message('warning', 'AIO Coder: the partial code could not be removed; use Undo.');
    return { status: answer.error.kind === 'aborted' ? 'cancelled' : 'failed', code: out.code };
  }
  await out.end();
  const empty = out.code.trim() === '';
  if (empty) void editorUi().message('warning', 'AIO Coder: the model returned no code.');
  return { status: empty ? 'empty' : 'inserted', code: out.code };
}
