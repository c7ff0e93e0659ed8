// The checkpoints' file system: vscode.workspace.fs under the extension's global storage. Writes go
// to a temporary sibling first and are renamed over the target, so a reader sees the old or the new file.
import * as vscode from 'vscode';
import type { CheckpointFs } from '../../common/agent/checkpointStore';

const notFound = (e: unknown): boolean => e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
const file = (path: string): vscode.Uri => vscode.Uri.file(path);

/** {@link CheckpointFs} over vscode.workspace.fs. */
export class StorageFs implements CheckpointFs {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(file(path)));
    } catch (e: unknown) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  async writeFileAtomic(path: string, text: string): Promise<void> {
    const tmp = `${path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
    await vscode.workspace.fs.writeFile(file(tmp), new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(file(tmp), file(path), { overwrite: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await vscode.workspace.fs.rename(file(from), file(to), { overwrite: true });
  }

  async remove(path: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(file(path), { useTrash: false });
    } catch (e: unknown) {
      if (!notFound(e)) throw e;
    }
  }

  async list(dir: string): Promise<string[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(file(dir))).map(([name]) => name);
    } catch (e: unknown) {
      if (notFound(e)) return [];
      throw e;
    }
  }

  async mkdir(dir: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(file(dir));
  }
}
