import * as vscode from 'vscode';
import { collectAnswer } from '../../common/editor/collectAnswer';
import { correctionMessage, parseReplacement, type Replacement } from '../../common/editor/replacementJson';
import type { ChatMessage } from '../../common/llm/types';
import { buildRefactorPrompt, type EditorPrompt } from '../../common/prompts/editorPrompts';
import { proposeEdit, type ProposalResult } from './diffPreview';
import { toAbortSignal } from '../cancellation';
import { documentProblem, resolveTarget, sourceInput, spanRange } from './editorContext';
import { editorUi, openEditorSession, reportOmitted, reportRequestError } from './editorUi';
import type { ModelSession } from '../modelSession';
import type { EditorDeps } from './editorDeps';
import { log } from '../log';

/** The intents offered by the refactor quick pick; anything else can be typed. */
export const REFACTOR_INTENTS: readonly vscode.QuickPickItem[] = [
  { label: 'Improve readability', detail: 'Clearer names, simpler control flow, no behaviour change' },
  { label: 'Extract function', detail: 'Move the code into a well-named function and call it' },
  { label: 'Add types', detail: 'Add or tighten type annotations' },
  { label: 'Modernize', detail: 'Use current language features and idioms' },
];

/** What a refactor or quick fix ended with (the command's return value, for tests). */
export type ReplaceOutcome = ProposalResult | 'cancelled' | 'failed' | 'unchanged';

/**
 * Asks for a `{"replacement", "explanation"}` JSON answer with `response_format: json_object`. An
 * answer that does not parse gets one corrective retry; after that the user gets a clear error.
 */
export async function requestReplacement(
  session: ModelSession,
  prompt: EditorPrompt,
  title: string,
  doing: string,
): Promise<Replacement | 'cancelled' | 'failed'> {
  return editorUi().progress(title, async (p) => {
    const link = toAbortSignal(p.token);
    try {
      const messages: ChatMessage[] = [...prompt.messages];
      for (let attempt = 0; attempt < 2; attempt++) {
        let chars = 0;
        const answer = await collectAnswer(
          session.stream({ ...session.base, messages, responseFormat: { type: 'json_object' } }, link.signal),
          {
            onText: (d) => {
              chars += d.length;
              p.report(`${chars.toLocaleString('en-US')} characters received`);
            },
            onReasoning: () => p.report('Thinking…'),
            onRetry: (n, max) => p.report(`Retrying (${n}/${max})…`),
          },
        );
        if (answer.error) {
          reportRequestError(answer.error, doing);
          return answer.error.kind === 'aborted' ? 'cancelled' : 'failed';
        }
        const parsed = parseReplacement(answer.text);
        if (parsed.ok) return parsed.value;
        log.warn(`${doing}: unusable answer (${parsed.error}), attempt ${attempt + 1}.`);
        if (attempt === 0) {
          messages.push(
            { role: 'assistant', content: answer.text },
            { role: 'user', content: correctionMessage(parsed.error) },
          );
          p.report('The answer was not valid JSON; asking once more…');
          continue;
        }
        void editorUi().message(
          'error',
          `AIO Coder: ${doing} failed: the model's answer could not be used (${parsed.error}), even after asking again. Nothing was changed.`,
        );
      }
      return 'failed';
    } finally {
      link.dispose();
    }
  });
}

/**
 * Shows the replacement of the target lines in the diff editor with Apply/Discard. Refuses when the
 * document changed since the request was made (`version`), because the lines may have moved.
 */
export async function proposeReplacement(
  doc: vscode.TextDocument,
  version: number,
  prompt: EditorPrompt,
  r: Replacement,
  title: string,
): Promise<ReplaceOutcome> {
  const name = vscode.workspace.asRelativePath(doc.uri);
  if (doc.version !== version) {
    void editorUi().message(
      'warning',
      `AIO Coder: ${name} changed while the request was running; nothing was applied. Run the command again for a fresh proposal.`,
    );
    return 'stale';
  }
  const range = spanRange(doc, prompt.target);
  const original = doc.getText(range);
  // The lines are replaced whole: a final newline is the model's line ending unless the last line sent was empty.
  const newText = /\r?\n$/.test(original) ? r.replacement : r.replacement.replace(/\r?\n$/, '');
  if (newText === original) {
    void editorUi().message('info', `AIO Coder: no change proposed. ${r.explanation}`.trim());
    return 'unchanged';
  }
  const ui = editorUi();
  const result = await proposeEdit({
    document: doc,
    range,
    newText,
    title,
    decide: (q) => ui.decide(r.explanation ? `${q} ${r.explanation}` : q),
  });
  log.info(`${title}: ${result}.`);
  return result;
}

/** `aioCoder.refactorSelection`: intent → JSON replacement → diff with Apply/Discard. */
export async function refactorSelection(deps: EditorDeps): Promise<ReplaceOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  const ui = editorUi();
  if (!editor) {
    void ui.message('info', 'AIO Coder: open a file and select the code to refactor.');
    return undefined;
  }
  const doc = editor.document;
  const problem = await documentProblem(doc, 'edit');
  if (problem) {
    void ui.message('warning', `AIO Coder: ${problem}`);
    return undefined;
  }
  const session = await openEditorSession(deps.keys, deps.context.logUri);
  if (!session) return undefined;
  const intent = await ui.pickOrType(
    'AIO Coder: Refactor',
    'Pick a refactoring or describe your own',
    REFACTOR_INTENTS,
  );
  if (!intent) return 'cancelled';
  const version = doc.version;
  const target = await resolveTarget(editor, 'function');
  const prompt = buildRefactorPrompt(sourceInput(doc, target), intent, session.settings.contextWindowTokens);
  if (prompt.target.lines.length === 0) {
    void ui.message(
      'error',
      'AIO Coder: the code is too large for the context window (aioCoder.contextWindowTokens). Select less.',
    );
    return 'failed';
  }
  reportOmitted(prompt.omitted);
  const r = await requestReplacement(session, prompt, `AIO Coder: ${prompt.display}`, 'Refactor');
  if (typeof r === 'string') return r;
  return proposeReplacement(doc, version, prompt, r, `${prompt.display}`);
}
