import * as vscode from 'vscode';
import type { InstructionFile } from '../../common/context/instructions';
import { collectAnswer, type CollectedAnswer } from '../../common/editor/collectAnswer';
import { FenceStripper } from '../../common/editor/fences';
import { errorView } from '../../common/chat/errorView';
import type { StreamPart } from '../../common/llm/types';
import { DeltaBatcher } from '../../common/chat/deltaBatcher';
import { promptWithInstructions } from '../../common/prompts/instructionsPrompt';
import { buildCommitPrompt, type CommitPrompt } from '../../common/scm/commitPrompt';
import { toAbortSignal } from '../cancellation';
import { log } from '../log';
import { openModelSession, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import { chooseRepository, gitApi, untrackedPaths, type GitRepository } from '../gitApi';

/** The command id (palette, and the Source Control view's title button). */
export const GENERATE_COMMIT_MESSAGE = 'aioCoder.generateCommitMessage';

/** What the command needs from the extension. */
export interface CommitDeps {
  keys: ApiKeyStore;
  logUri: vscode.Uri;
  instructions: { forUris(uris: readonly vscode.Uri[]): Promise<InstructionFile[]> };
}

/** How the command ended (its result, for tests). */
export interface CommitOutcome {
  status: 'written' | 'nothing' | 'cancelled' | 'failed' | 'unavailable';
  /** The message written into the commit box (empty unless written). */
  message: string;
  /** What was left out of the diff to fit the context window. */
  omitted: string[];
}

const outcome = (status: CommitOutcome['status'], message = '', omitted: string[] = []): CommitOutcome => ({
  status,
  message,
  omitted,
});

/**
 * `aioCoder.generateCommitMessage`: reads the staged diff (or the working tree's when nothing is staged)
 * through VS Code's git extension, and streams a Conventional Commits message into the commit box, with
 * progress and Cancel. Cancel or a failure puts back what the box held.
 */
export async function generateCommitMessage(deps: CommitDeps, arg: unknown): Promise<CommitOutcome> {
  const git = await gitApi();
  if (!git.ok) {
    void vscode.window.showWarningMessage(`AIO Coder: cannot write a commit message: ${git.reason}.`);
    return outcome('unavailable');
  }
  const repo = await chooseRepository(git.api, arg);
  if (!repo) {
    void vscode.window.showInformationMessage('AIO Coder: open a folder with a git repository first.');
    return outcome('unavailable');
  }
  const opened = await openModelSession(deps.keys, deps.logUri);
  if (!opened.ok) return reportNoSession(opened.problem);
  const prompt = await commitPrompt(deps, repo, opened.session.settings.contextWindowTokens);
  if (!prompt) {
    void vscode.window.showInformationMessage('AIO Coder: there are no changes to commit.');
    return outcome('nothing');
  }
  if (prompt.omitted.length > 0)
    void vscode.window.showInformationMessage(
      'AIO Coder: the diff is too large for the context window (aioCoder.contextWindowTokens); ' +
        `the message is written from the file list for: ${prompt.omitted.join('; ')}.`,
    );
  const status = await streamIntoInputBox(repo, opened.session, prompt);
  return outcome(status, status === 'written' ? repo.inputBox.value : '', prompt.omitted);
}

function reportNoSession(problem: { kind: 'badBaseUrl'; message: string } | { kind: 'noKey' }): CommitOutcome {
  if (problem.kind === 'badBaseUrl')
    void vscode.window.showErrorMessage(`AIO Coder: ${problem.message} (setting aioCoder.baseUrl)`);
  else
    void vscode.window
      .showWarningMessage('AIO Coder: no API key is set. Set your API in One key (aio_…).', 'Set API Key')
      .then((c) => (c ? vscode.commands.executeCommand('aioCoder.setApiKey') : undefined));
  return outcome('failed');
}

/** The prompt for the staged changes, else the working tree's; undefined when there is nothing to commit. */
async function commitPrompt(
  deps: CommitDeps,
  repo: GitRepository,
  contextWindowTokens: number,
): Promise<CommitPrompt | undefined> {
  await repo.status();
  let diff = await repo.diff(true);
  const staged = diff.trim() !== '';
  if (!staged) diff = await repo.diff();
  const untracked = staged ? [] : untrackedPaths(repo);
  if (!diff.trim() && untracked.length === 0) return undefined;
  const draft = repo.inputBox.value;
  const prompt = buildCommitPrompt({ diff, staged, untracked, draft, contextWindowTokens });
  return promptWithInstructions(prompt, await deps.instructions.forUris([]));
}

/** Streams the answer into the commit box under a notification with Cancel; on failure the box is put back. */
async function streamIntoInputBox(
  repo: GitRepository,
  session: ModelSession,
  prompt: CommitPrompt,
): Promise<CommitOutcome['status']> {
  const before = repo.inputBox.value;
  const title = 'AIO Coder: writing the commit message';
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      const link = toAbortSignal(token);
      try {
        const answer = await writeAnswer(
          repo,
          session.stream({ ...session.base, includeThoughts: false, messages: prompt.messages }, link.signal),
        );
        if (!answer.error && answer.text) {
          repo.inputBox.value = answer.text;
          return 'written';
        }
        repo.inputBox.value = before;
        if (answer.error?.kind === 'aborted') return 'cancelled';
        const why = answer.error ? errorView(answer.error).message : 'The model returned an empty message.';
        void vscode.window.showErrorMessage(`AIO Coder: writing the commit message failed. ${why}`);
        log.warn(`Commit message failed: ${why}`);
        return 'failed';
      } finally {
        link.dispose();
      }
    },
  );
}

/**
 * Writes the message into the box as it streams (fences removed), a few times a second rather than per
 * token; returns the whole message, trimmed.
 */
async function writeAnswer(repo: GitRepository, parts: AsyncIterable<StreamPart>): Promise<CollectedAnswer> {
  const fences = new FenceStripper();
  let text = '';
  const batcher = new DeltaBatcher((b) => {
    text += fences.push(b.text ?? '');
    repo.inputBox.value = text;
  }, 50);
  try {
    const answer = await collectAnswer(parts, { onText: (d) => batcher.pushText(d) });
    batcher.flush();
    return { ...answer, text: (text + fences.end()).trim() };
  } finally {
    batcher.dispose();
  }
}
