import { activeEditorTool } from './activeEditor';
import type { ApprovalBroker } from './approvals';
import { diagnosticsTool } from './diagnostics';
import { WorkspaceToolExecutor } from './executor';
import { findFilesTool } from './findFiles';
import { listDirectoryTool } from './listDirectory';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import { ToolRegistry } from './tool';
import type { WorkspaceFs } from './workspaceFs';

/** The registry of every workspace tool, in the order the model sees them. */
export function createWorkspaceToolRegistry(): ToolRegistry {
  return new ToolRegistry([readFileTool, listDirectoryTool, findFilesTool, searchTextTool, diagnosticsTool, activeEditorTool]);
}

/** An executor over `fs` with every workspace tool. */
export function createWorkspaceToolExecutor(fs: WorkspaceFs, approvals: ApprovalBroker, denyGlobs: readonly string[]): WorkspaceToolExecutor {
  return new WorkspaceToolExecutor({ registry: createWorkspaceToolRegistry(), fs, approvals, denyGlobs });
}
