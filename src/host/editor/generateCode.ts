import * as vscode from 'vscode';
import { collectAnswer } from '../../common/editor/collectAnswer';
import { FenceStripper } from '../../common/editor/fences';
import { buildGenerateCodePrompt, type GenerateCodeInput } from '../../common/prompts/generatePrompts';
import type { EditorPrompt } from '../../common/prompts/editorPrompts';
import { toAbortSignal } from '../cancellation';
import { displayPath, documentProblem, span } from './editorContext';
import { editorUi, openEditorSession, reportOmitted, reportRequestError } from './editorUi';
import type { ModelSession } from '../modelSession';
import type { EditorDeps } from './editorDeps';

/** Lines read on each side of the cursor (the prompt budget keeps the nearest). */
const WINDOW_LINES = 80;
const COMMON_LANGUAGES = [
  'typescript',
  'javascript',
  'python',
  'go',
  'rust',
  'java',
  'csharp',
  'cpp',
  'c',
  'php',
  'ruby',
  'shellscript',
  'sql',
  'html',
  'css',
  'json',
  'yaml',
  'markdown',
];

/** Thrown when the streamed insertion cannot continue (the document changed, the editor closed). */
class InsertionStopped extends Error {
  override readonly name = 'InsertionStopped';
}

/**
 * Streams text into an editor at a position as ONE undo step: the first edit sets an undo stop
 * before, the following ones set none, and the last character is held back so the final edit can
 * set the stop after. `editor.edit` is refused when the document changed in between (VS Code checks
 * the version), which stops the insertion instead of writing into moved text.
 */
export class StreamingInsertion {
  private readonly startOffset: number;
  private readonly eol: string;
  private inserted = 0;
  private pending = '';

  constructor(
    private readonly editor: vscode.TextEditor,
    at: vscode.Position,
  ) {
    this.startOffset = editor.document.offsetAt(at);
    this.eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  }

  /** Characters inserted so far. */
  get length(): number {
    return this.inserted;
  }

  /** Queues text and inserts all of it but the last character. */
  async append(text: string): Promise<void> {
    this.pending += text.replace(/\r?\n/g, this.eol);
    const ready = this.pending.length - (this.pending.endsWith(this.eol) ? this.eol.length : 1);
    if (ready > 0) await this.insert(this.pending.slice(0, ready), false);
  }

  /** Inserts the rest and closes the undo step. */
  async finish(text: string): Promise<void> {
    this.pending += text.replace(/\r?\n/g, this.eol);
    if (this.pending.length > 0) await this.insert(this.pending, true);
  }

  private async insert(text: string, last: boolean): Promise<void> {
    const doc = this.editor.document;
    const at = doc.positionAt(this.startOffset + this.inserted);
    let ok: boolean;
    try {
      ok = await this.editor.edit((b) => b.insert(at, text), {
        undoStopBefore: this.inserted === 0,
        undoStopAfter: last,
      });
    } catch (e: unknown) {
      throw new InsertionStopped(`the editor was closed (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!ok) throw new InsertionStopped('the document was edited while the code was being generated');
    this.inserted += text.length;
    this.pending = this.pending.slice(text.length);
  }

  /** Removes what was inserted (cancel, failure). Resolves false when that is no longer possible. */
  async revert(): Promise<boolean> {
    if (this.inserted === 0) return true;
    const doc = this.editor.document;
    const range = new vscode.Range(doc.positionAt(this.startOffset), doc.positionAt(this.startOffset + this.inserted));
    try {
      const ok = await this.editor.edit((b) => b.delete(range), { undoStopBefore: false, undoStopAfter: true });
      if (ok) this.inserted = 0;
      return ok;
    } catch {
      return false; // the editor is gone: the caller tells the user the partial code stayed
    }
  }
}

/** How a streamed generation ended. */
export type StreamOutcome =
  { status: 'inserted' | 'empty'; code: string } | { status: 'cancelled' | 'failed' | 'interrupted'; code: string };

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
    const stripper = new FenceStripper();
    const ins = new StreamingInsertion(editor, at);
    let code = '';
    const add = async (piece: string): Promise<void> => {
      code += piece;
      await ins.append(piece);
    };
    try {
      const answer = await collectAnswer(session.stream({ ...session.base, messages: prompt.messages }, link.signal), {
        onText: async (d) => {
          await add(stripper.push(d));
          p.report(`${code.length.toLocaleString('en-US')} characters`);
        },
        onReasoning: () => p.report('Thinking…'),
        onRetry: (n, max) => p.report(`Retrying (${n}/${max})…`),
      });
      if (answer.error) {
        const reverted = await ins.revert();
        reportRequestError(answer.error, doing);
        if (!reverted)
          void editorUi().message('warning', 'AIO Coder: the partial code could not be removed; use Undo.');
        return { status: answer.error.kind === 'aborted' ? 'cancelled' : 'failed', code };
      }
      const rest = stripper.end();
      code += rest;
      await ins.finish(rest);
      if (code.trim() === '') void editorUi().message('warning', 'AIO Coder: the model returned no code.');
      return { status: code.trim() === '' ? 'empty' : 'inserted', code };
    } catch (e: unknown) {
      if (!(e instanceof InsertionStopped)) throw e;
      void editorUi().message(
        'warning',
        `AIO Coder: stopped generating: ${e.message}. The code inserted so far stays in the document; Undo removes it.`,
      );
      return { status: 'interrupted', code };
    } finally {
      link.dispose();
    }
  });
}

async function pickLanguage(): Promise<string | undefined> {
  const known = new Set(await vscode.languages.getLanguages());
  const first = COMMON_LANGUAGES.filter((l) => known.has(l));
  const rest = [...known].filter((l) => !first.includes(l)).sort();
  return editorUi().pick(
    'AIO Coder: language of the new document',
    [...first, ...rest].map((label) => ({ label })),
  );
}

/** The editor to generate into: the active one, or a new untitled document in a language the user picks. */
async function targetEditor(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active) {
    const problem = await documentProblem(active.document, 'edit');
    if (!problem) return active;
    void editorUi().message('warning', `AIO Coder: ${problem}`);
    return undefined;
  }
  const language = await pickLanguage();
  if (!language) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language, content: '' });
  return vscode.window.showTextDocument(doc);
}

function codeInput(editor: vscode.TextEditor, description: string): GenerateCodeInput {
  const doc = editor.document;
  const pos = editor.selection.active;
  const empty = doc.getText().length === 0;
  return {
    description,
    languageId: doc.languageId,
    ...(empty && doc.isUntitled
      ? {}
      : {
          path: displayPath(doc),
          window: span(doc, pos.line - WINDOW_LINES, pos.line + WINDOW_LINES),
          cursor: { line: pos.line + 1, column: pos.character },
        }),
  };
}

/** `aioCoder.generateCode`: describe → stream the code in at the cursor (one undo step, Cancel restores). */
export async function generateCode(deps: EditorDeps): Promise<StreamOutcome | undefined> {
  const ui = editorUi();
  const session = await openEditorSession(deps.keys, deps.context.logUri);
  if (!session) return undefined;
  const description = await ui.input({
    title: 'AIO Coder: Generate Code',
    prompt: 'Describe the code to generate',
    placeHolder: 'e.g. a function that parses an ISO date and returns a Date',
    validateInput: (v) => (v.trim() ? undefined : 'Describe the code to generate.'),
  });
  if (!description?.trim()) return undefined;
  const editor = await targetEditor();
  if (!editor) return undefined;
  const prompt = buildGenerateCodePrompt(codeInput(editor, description), session.settings.contextWindowTokens);
  reportOmitted(prompt.omitted);
  return streamCodeInto(editor, editor.selection.active, session, prompt, 'Generate code');
}
