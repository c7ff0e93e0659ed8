// Builds the workspace tools' executor for one chat request: the registry over a VscodeWorkspaceFs,
// with VS Code's bundled ripgrep when it can be found and the settings' sensitive-file globs.
import * as vscode from 'vscode';
import type { ToolExecutor } from '../../common/chat/turnRunner';
import type { ApprovalBroker } from '../../common/tools/approvals';
import { createWorkspaceToolExecutor, type ChatToolState } from '../../common/tools/workspaceTools';
import type { Settings } from '../config';
import { log } from '../log';
import { findRipgrep } from './findRipgrep';
import { VscodeWorkspaceFs } from './vscodeWorkspaceFs';

let reported = false;

/**
 * The tool executor for one request; `approvals` carries the Allow once / Deny answers, `chat` the
 * chat's read ledger and, in Agent mode, the gate of the edit tools.
 */
export function createToolExecutor(approvals: ApprovalBroker, settings: Settings, chat?: ChatToolState): ToolExecutor {
  const rg = findRipgrep(vscode.env.appRoot);
  if (!reported) {
    reported = true;
    log.info(
      rg
        ? `Tools search with ripgrep at ${rg.path}`
        : `No ripgrep found under ${vscode.env.appRoot}; tools search with plain JavaScript`,
    );
  }
  return createWorkspaceToolExecutor(new VscodeWorkspaceFs(rg), approvals, settings.toolsDenyGlobs, chat);
}
