import type { DiagnosticInfo } from '../prompts/sourceContext';

/** Most problems one chip lists; the rest are counted. */
export const MAX_PROBLEMS = 200;

/** A problem as a chip lists it: a diagnostic of a workspace file. */
export type ProblemLine = DiagnosticInfo & { path: string };

const RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** One line per problem (`path:line:column severity source code: message`), errors first; a note for the rest. */
export function formatProblems(problems: readonly ProblemLine[]): string {
  if (problems.length === 0) return 'No problems reported.';
  const sorted = [...problems].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || a.path.localeCompare(b.path) || a.line - b.line,
  );
  const lines = sorted.slice(0, MAX_PROBLEMS).map((p) => {
    const origin = [p.source, p.code].filter(Boolean).join(' ');
    const message = p.message.replace(/\s*\n\s*/g, ' ');
    return `${p.path}:${p.line}:${p.column} ${p.severity}${origin ? ` ${origin}` : ''}: ${message}`;
  });
  if (sorted.length > MAX_PROBLEMS) lines.push(`(${sorted.length - MAX_PROBLEMS} more problems left out)`);
  return lines.join('\n');
}

/** The changes of one repository. */
export interface GitChanges {
  /** The repository's workspace path (empty for the workspace root). */
  repo: string;
  staged: string;
  workingTree: string;
  untracked: readonly string[];
}

/** The staged diff, the working-tree diff and the untracked files' names, each under a heading. */
export function gitChangesText(c: GitChanges): string {
  const name = c.repo ? ` (${c.repo})` : '';
  const parts = [
    `# Staged changes${name}\n${c.staged.trim() || '(none)'}`,
    `# Working-tree changes${name}\n${c.workingTree.trim() || '(none)'}`,
  ];
  if (c.untracked.length > 0) parts.push(`# Untracked files${name}\n${c.untracked.join('\n')}`);
  return parts.join('\n\n');
}

/** The listing a folder chip sends: its files (workspace paths), with a note when cut. */
export function folderListing(folder: string, files: readonly string[], cut: boolean): string {
  const head = `Files in ${folder}/ (${files.length}${cut ? '+, cut' : ''}):`;
  return [head, ...files].join('\n');
}
