import * as vscode from 'vscode';
import { collectAnswer, type CollectedAnswer } from '../../common/editor/collectAnswer';
import { correctionMessage, parseReplacement, type Replacement } from '../../common/editor/replacementJson';
import type { ChatMessage } from '../../common/llm/types';
import type { EditorPrompt } from '../../common/prompts/editorPrompts';
import { toAbortSignal } from '../cancellation';
import { log } from '../log';
import type { ModelSession } from '../modelSession';
import { proposeEdit, type ProposalResult } from './diffPreview';
import type { EditorDeps } from './editorDeps';
import { documentProblem, spanRange } from './editorContext';
import { editorUi, openEditorSession, reportOmitted, reportRequestError, type ProgressHandle } from './editorUi';

/** What a refactor or quick fix ended with (the command's return value, for tests). */
export type ReplaceOutcome = ProposalResult | 'cancelled' | 'failed' | 'unchanged';

/** A document the user may edit and an open model session, or undefined after telling the user why not. */
export async function editSession(
  deps: Pick<EditorDeps, 'keys' | 'context'>,
  doc: vscode.TextDocument,
): Promise<ModelSession | undefined> {
  const problem = await documentProblem(doc, 'edit');
  if (problem) {
    void editorUi().message('warning', `AIO Coder: ${problem}`);
    return undefined;
  }
  return openEditorSession(deps.keys, deps.context.logUri);
}

/**
 * The replacement flow once the prompt is built: refuse a target that did not fit (`tooLarge` says
 * why), name what was left out, ask for the JSON replacement (`doing` names the request in errors),
 * then propose it as a diff with Apply/Discard.
 */
export async function replaceWithModel(
  session: ModelSession,
  doc: vscode.TextDocument,
  version: number,
  prompt: EditorPrompt,
  o: { tooLarge: string; doing: string },
): Promise<ReplaceOutcome> {
  if (prompt.target.lines.length === 0) {
    void editorUi().message('error', `AIO Coder: ${o.tooLarge}`);
    return 'failed';
  }
  reportOmitted(prompt.omitted);
  const r = await requestReplacement(session, prompt, `AIO Coder: ${prompt.display}`, o.doing);
  if (typeof r === 'string') return r;
  return proposeReplacement(doc, version, prompt, r, prompt.display);
}

/**
 * Asks for a `{"replacement", "explanation"}` JSON answer with `response_format: json_object`. An
 * answer that does not parse gets one corrective retry; after that the user gets a clear error.
 */
async function requestReplacement(
  session: ModelSession,
  prompt: EditorPrompt,
  title: string,
  doing: string,
): Promise<Replacement | 'cancelled' | 'failed'> {
  return editorUi().progress(title, async (p) => {
    const link = toAbortSignal(p.token);
    try {
      return await askForReplacement(session, [...prompt.messages], link.signal, p, doing);
    } finally {
      link.dispose();
    }
  });
}

/** Up to two attempts: the second one tells the model what was wrong with the first answer. */
async function askForReplacement(
  session: ModelSession,
  messages: ChatMessage[],
  signal: AbortSignal,
  p: ProgressHandle,
  doing: string,
): Promise<Replacement | 'cancelled' | 'failed'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const answer = await collectJson(session, messages, signal, p);
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
      `AIO Coder: ${doing} failed: the model's answer could not be used (${parsed.error}), even after asking again. ` +
        'Nothing was changed.',
    );
  }
  return 'failed';
}

/** One JSON-mode request, with its progress shown in the notification. */
function collectJson(
  session: ModelSession,
  messages: ChatMessage[],
  signal: AbortSignal,
  p: ProgressHandle,
): Promise<CollectedAnswer> {
  let chars = 0;
  return collectAnswer(session.stream({ ...session.base, messages, responseFormat: { type: 'json_object' } }, signal), {
    onText: (d) => {
      chars += d.length;
      p.report(`${chars.toLocaleString('en-US')} characters received`);
    },
    onReasoning: () => p.report('Thinking…'),
    onRetry: (n, max) => p.report(`Retrying (${n}/${max})…`),
  });
}

/**
 * Shows the replacement of the target lines in the diff editor with Apply/Discard. Refuses when the
 * document changed since the request was made (`version`), because the lines may have moved.
 */
async function proposeReplacement(
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
      `AIO Coder: ${name} changed while the request was running; nothing was applied. ` +
        'Run the command again for a fresh proposal.',
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
