// A real git repository made outside the workspace and opened through VS Code's git extension. The
// harness starts VS Code with git.enabled off (scripts/lib/codeServer.mjs); a suite that opens one turns
// git on for itself, and `close()` turns it off again, so the other suites run as before.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './util';

/** What the tests use of the git extension's repository. */
export interface TestRepository {
  rootUri: vscode.Uri;
  inputBox: { value: string };
}
interface TestGitApi {
  openRepository(root: vscode.Uri): Promise<TestRepository | null>;
  readonly repositories: readonly TestRepository[];
}
interface TestGitExtension {
  enabled: boolean;
  getAPI(version: 1): TestGitApi;
}

/** An open test repository. */
export interface GitFixture {
  dir: string;
  repo: TestRepository;
  /** Runs git in the repository; returns its output. */
  git(...args: string[]): string;
  /** Turns git off (the extension closes the repository), then removes the folder. */
  close(): Promise<void>;
}

/** Makes a repository in a temporary folder with one committed file, and opens it in the git extension. */
export async function openTestRepository(prefix: string, file: string, text: string): Promise<GitFixture> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  let api: TestGitApi | undefined;
  const close = async (): Promise<void> => {
    await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Global);
    // The git extension closes the repository once git is off; its folder can go only after that.
    if (api) await waitFor(() => api?.repositories.length === 0, 'the test repository to close');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, file), text);
    git('add', file);
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'chore: start');
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.getExtension<TestGitExtension>('vscode.git');
    assert.ok(ext, "VS Code's git extension is installed");
    const exports = ext.isActive ? ext.exports : await ext.activate();
    await waitFor(() => exports.enabled, 'the git extension to start once git.enabled is on');
    api = exports.getAPI(1);
    const repo = await api.openRepository(vscode.Uri.file(dir));
    assert.ok(repo, 'the test repository opens');
    return { dir, repo, git, close };
  } catch (e) {
    await close();
    throw e;
  }
}
