import { activeEditorTool } from './activeEditor';
import type { ApprovalBroker } from './approvals';
import { diagnosticsTool } from './diagnostics';
import { WorkspaceToolExecutor } from './executor';
import { findFilesTool } from './findFiles';
import { listDirectoryTool } from './listDirectory';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import { ToolRegistry, type Tool } from './tool';
import type { WorkspaceFs } from './workspaceFs';

/** Every workspace tool, in the order the model sees them. */
export function workspaceTools(): Tool[] {
  return [readFileTool, listDirectoryTool, findFilesTool, searchTextTool, diagnosticsTool, activeEditorTool];
}

/** The registry of every workspace tool. */
export function createWorkspaceToolRegistry(): ToolRegistry {
  return new ToolRegistry(workspaceTools());
}

/** An executor over `fs` with every workspace tool. */
export function createWorkspaceToolExecutor(
  fs: WorkspaceFs,
  approvals: ApprovalBroker,
  denyGlobs: readonly string[],
): WorkspaceToolExecutor {
  return new WorkspaceToolExecutor({ registry: createWorkspaceToolRegistry(), fs, approvals, denyGlobs });
}
