/**
 * The Generate Commit Message prompt: the diff of the staged changes (or of the working tree), cut to
 * the context window by whole files. Smaller files go in first, so one huge file (a lock file, generated
 * code) cannot crowd out the rest; every file is still named in the list of changed files, and what was
 * left out is named, to the model and to the user.
 */
import { promptCharBudget } from '../editor/budget';
import type { ChatMessage } from '../llm/types';

/** One file's part of a unified diff. */
export interface DiffFile {
  path: string;
  text: string;
  added: number;
  removed: number;
}

/** Share of the context window the prompt may use (the rest is for the answer, thinking included). */
export const COMMIT_PROMPT_SHARE = 0.6;

/** At most this many files are listed by name. */
const MAX_LISTED_FILES = 300;

/** The commit-message system prompt. */
export const COMMIT_SYSTEM = [
  'You are AIO Coder, writing a git commit message inside Visual Studio Code.',
  'Use the Conventional Commits format. First line: `type(scope): summary`, where type is one of feat, fix, ' +
    'docs, style, refactor, perf, test, build, ci, chore or revert, the scope is optional, and the summary is ' +
    'imperative, lower case, without a final period; the whole line at most 72 characters.',
  'When the change needs explaining, add a blank line and a body wrapped at 72 columns that says what changed ' +
    'and why. Mark a breaking change with `!` after the type and a `BREAKING CHANGE:` footer.',
  'Answer with the commit message only: no Markdown fence, no quotes, no commentary.',
].join('\n');

/** Splits a unified diff (`git diff` output) into its files. */
export function splitDiff(diff: string): DiffFile[] {
  const starts = [...diff.matchAll(/^diff --git /gm)].map((m) => m.index);
  return starts.map((start, i) => {
    const text = diff.slice(start, starts[i + 1] ?? diff.length);
    const header = /^diff --git (?:"?a\/(.*?)"? "?b\/(.*?)"?)$/m.exec(text);
    let added = 0;
    let removed = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('+') && !line.startsWith('+++')) added++;
      else if (line.startsWith('-') && !line.startsWith('---')) removed++;
    }
    return { path: header?.[2] ?? header?.[1] ?? '(unknown file)', text: text.replace(/\n$/, ''), added, removed };
  });
}

/** Inputs of {@link buildCommitPrompt}. */
export interface CommitPromptInput {
  /** `git diff --cached` when `staged`, else `git diff`. */
  diff: string;
  staged: boolean;
  /** Untracked files (named only: `git diff` does not show them). */
  untracked?: readonly string[];
  /** What the commit box held already: the developer's draft, improved on rather than ignored. */
  draft?: string;
  contextWindowTokens: number;
}

/** The prompt, and what was left out (for the user; empty when the whole diff fit). */
export interface CommitPrompt {
  messages: ChatMessage[];
  omitted: string[];
}

const counts = (f: DiffFile): string => `+${f.added} −${f.removed}`;

/** Chooses the file diffs that fit `room` characters, smallest first; returns them in diff order. */
function fitFiles(files: readonly DiffFile[], room: number): { kept: Set<DiffFile>; omitted: string[] } {
  const kept = new Set<DiffFile>();
  const omitted: string[] = [];
  for (const f of [...files].sort((a, b) => a.text.length - b.text.length)) {
    if (f.text.length + 2 <= room) {
      kept.add(f);
      room -= f.text.length + 2;
    } else omitted.push(`the diff of ${f.path} (${counts(f)})`);
  }
  return { kept, omitted };
}

/** Builds the commit-message prompt within the window; see the file comment for how it is cut. */
export function buildCommitPrompt(input: CommitPromptInput): CommitPrompt {
  const files = splitDiff(input.diff);
  const listed = files.slice(0, MAX_LISTED_FILES).map((f) => `- ${f.path} (${counts(f)})`);
  if (files.length > MAX_LISTED_FILES) listed.push(`- … and ${files.length - MAX_LISTED_FILES} more files`);
  const untracked = (input.untracked ?? []).slice(0, MAX_LISTED_FILES);
  const head = [
    input.staged
      ? 'The staged changes (git diff --cached) to write the commit message for.'
      : 'Nothing is staged, so the commit will take the working-tree changes (git diff) below.',
    `Changed files (${files.length}):\n${listed.join('\n')}`,
    ...(untracked.length > 0
      ? [`New files not yet tracked by git (contents not shown):\n- ${untracked.join('\n- ')}`]
      : []),
    ...(input.draft?.trim() ? [`The developer's draft message, to improve on:\n${input.draft.trim()}`] : []),
  ].join('\n\n');
  const room =
    promptCharBudget(input.contextWindowTokens, COMMIT_PROMPT_SHARE) - COMMIT_SYSTEM.length - head.length - 600;
  const { kept, omitted } = fitFiles(files, Math.max(0, room));
  const diffs = files.filter((f) => kept.has(f)).map((f) => f.text);
  const parts = [head, ...(diffs.length > 0 ? [`The diff:\n${diffs.join('\n\n')}`] : [])];
  if (omitted.length > 0)
    parts.push(
      `Left out to fit the context window: ${omitted.join('; ')}. ` +
        'You have not seen those diffs: describe those files from their names and line counts only.',
    );
  parts.push('Write the commit message.');
  return {
    messages: [
      { role: 'system', content: COMMIT_SYSTEM },
      { role: 'user', content: parts.join('\n\n') },
    ],
    omitted,
  };
}
