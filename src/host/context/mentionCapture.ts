import * as vscode from 'vscode';
import { terminalText } from '../../common/context/terminalText';
import { formatProblems, gitChangesText } from '../../common/context/mentionText';
import type { CapturedChip, ChipSink } from './chipSink';
import { diagnosticInfo } from '../diagnostics';
import { readText } from '../readText';
import { gitApi, untrackedPaths } from '../gitApi';
import { workspacePath } from './instructionsLoader';
import type { MentionTarget } from './mentionTargets';
import type { TerminalRecorder } from './terminalRecorder';

/** Turns a picked entry (other than a file, which the caller adds) into a chip holding its text now. */
export async function captureMention(
  target: Exclude<MentionTarget, { kind: 'file' | 'editor' | 'folder' }>,
  chips: ChipSink,
  terminals: TerminalRecorder,
): Promise<void> {
  switch (target.kind) {
    case 'symbol':
      return captureSymbol(target, chips);
    case 'problems':
      return captureProblems(target.scope, chips);
    case 'git':
      return captureGit(chips);
    case 'terminal':
      return captureTerminal(chips, terminals);
  }
}

/** The symbol's whole range: the workspace symbol's, widened to the document symbol that starts there. */
async function symbolRange(uri: vscode.Uri, range: vscode.Range, name: string): Promise<vscode.Range> {
  if (range.end.line > range.start.line) return range;
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
    'vscode.executeDocumentSymbolProvider',
    uri,
  );
  const queue = [...(symbols ?? [])];
  for (let s = queue.shift(); s; s = queue.shift()) {
    if (s.name === name && (s.selectionRange.contains(range.start) || s.range.contains(range))) return s.range;
    queue.push(...(s.children ?? []));
  }
  return range;
}

async function captureSymbol(target: Extract<MentionTarget, { kind: 'symbol' }>, chips: ChipSink): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(target.uri);
  const range = await symbolRange(target.uri, target.range, target.name);
  const path = workspacePath(target.uri) ?? target.uri.path;
  const startLine = range.start.line + 1;
  const endLine = range.end.line + 1;
  const whole = new vscode.Range(range.start.line, 0, range.end.line, doc.lineAt(range.end.line).text.length);
  chips.addCaptured(
    {
      kind: 'symbol',
      label: `${target.name} (${path.split('/').pop() ?? path}:${startLine}-${endLine})`,
      path,
      languageId: doc.languageId,
      startLine,
      endLine,
    },
    doc.getText(whole),
  );
}

function captureProblems(scope: 'file' | 'workspace', chips: ChipSink): void {
  const active = vscode.window.activeTextEditor?.document.uri;
  const entries =
    scope === 'file' && active
      ? [[active, vscode.languages.getDiagnostics(active)] as const]
      : vscode.languages.getDiagnostics();
  const problems = entries.flatMap(([uri, list]) => {
    const path = workspacePath(uri);
    if (!path) return [];
    return list.map((d) => ({ ...diagnosticInfo(d), path }));
  });
  const where = scope === 'file' && active ? (workspacePath(active) ?? 'this file') : 'the workspace';
  const text = formatProblems(problems);
  const chip: CapturedChip = { kind: 'problems', label: `Problems in ${where}`, path: where, languageId: 'text' };
  chips.addCaptured(problems.length ? chip : { ...chip, note: 'No problems reported' }, text);
}

async function captureGit(chips: ChipSink): Promise<void> {
  const git = await gitApi();
  const chip: CapturedChip = { kind: 'git', label: 'Git changes', path: 'git', languageId: 'diff' };
  if (!git.ok) return void chips.addCaptured({ ...chip, note: git.reason }, `(No git changes: ${git.reason}.)`);
  const parts: string[] = [];
  for (const repo of git.api.repositories) {
    await repo.status();
    parts.push(
      gitChangesText({
        repo: workspacePath(repo.rootUri) || vscode.workspace.asRelativePath(repo.rootUri, true),
        staged: await repo.diff(true),
        workingTree: await repo.diff(false),
        untracked: untrackedPaths(repo),
      }),
    );
  }
  if (parts.length === 0)
    return void chips.addCaptured({ ...chip, note: 'No git repository is open' }, '(No git repository is open.)');
  chips.addCaptured(chip, parts.join('\n'));
}

function captureTerminal(chips: ChipSink, terminals: TerminalRecorder): void {
  const got = terminals.capture();
  const label = `Terminal${got.terminal ? `: ${got.terminal}` : ''}`;
  const chip: CapturedChip = { kind: 'terminal', label, path: 'terminal', languageId: 'shellscript' };
  if (!got.ok) return void chips.addCaptured({ ...chip, note: got.reason }, `(${got.reason})`);
  const c = got.command;
  const exit = c.exitCode === undefined ? 'still running or exit code unknown' : `exit code ${c.exitCode}`;
  const cut = c.cut ? ' (only the end of the output is kept)' : '';
  chips.addCaptured(chip, `$ ${c.commandLine}\n${terminalText(c.output).trimEnd()}\n(${exit})${cut}`);
}

/** The text of a file for its chip's token count, or undefined when it cannot be read as text. */
export async function fileSize(uri: vscode.Uri): Promise<number | undefined> {
  return (await readText(uri))?.length;
}
