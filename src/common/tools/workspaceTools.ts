import { editTools } from '../agent/agentTools';
import type { EditGate } from '../agent/editGate';
import type { ReadLedger } from '../agent/readLedger';
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

/** What the tools of one chat share: its read ledger, and in Agent mode the gate that reviews changes. */
export interface ChatToolState {
  reads?: ReadLedger;
  /** Present in Agent mode: the edit tools are offered and write through it. */
  edits?: EditGate;
}

/** An executor over `fs` with every workspace tool, plus the edit tools in Agent mode. */
export function createWorkspaceToolExecutor(
  fs: WorkspaceFs,
  approvals: ApprovalBroker,
  denyGlobs: readonly string[],
  chat: ChatToolState = {},
): WorkspaceToolExecutor {
  const registry = chat.edits ? new ToolRegistry([...workspaceTools(), ...editTools()]) : createWorkspaceToolRegistry();
  return new WorkspaceToolExecutor({ registry, fs, approvals, denyGlobs, ...chat });
}
