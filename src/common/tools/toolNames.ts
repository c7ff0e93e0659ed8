/** Model-facing tool names: snake_case and stable (they appear in saved conversations). */
export const ToolNames = {
  readFile: 'read_file',
  listDirectory: 'list_directory',
  findFiles: 'find_files',
  searchText: 'search_text',
  getDiagnostics: 'get_diagnostics',
  getActiveEditor: 'get_active_editor',
  editFile: 'edit_file',
  createFile: 'create_file',
  deleteFile: 'delete_file',
  renameFile: 'rename_file',
} as const;
