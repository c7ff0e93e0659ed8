import type { Tool } from '../tools/tool';
import { createFileTool } from './createFile';
import { editFileTool } from './editFile';
import { deleteFileTool, renameFileTool } from './fileOps';

/** The edit tools Agent mode adds to the read tools, in the order the model sees them. */
export function editTools(): Tool[] {
  return [editFileTool, createFileTool, deleteFileTool, renameFileTool];
}
