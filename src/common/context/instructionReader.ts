import type { DenyList } from '../tools/pathGuard';
import type { WorkspaceFs } from '../tools/workspaceFs';
import { resolveWorkspacePath } from '../tools/workspacePaths';
import type { InstructionReader, ReadInstructions } from './instructions';

/**
 * Reads instruction files through the tools' workspace boundary: a path must resolve inside a workspace
 * folder (symlinks included), must not match the deny list, and must be a text file. At most `maxBytes`
 * are read; the rest is reported as cut.
 */
export function workspaceInstructionReader(fs: WorkspaceFs, deny: DenyList, maxBytes: number): InstructionReader {
  return {
    async read(path: string): Promise<ReadInstructions | undefined> {
      const resolved = await resolveWorkspacePath(fs, deny, path);
      if (!resolved.ok || !resolved.exists || resolved.sensitive) return undefined;
      if ((await fs.stat(resolved.absPath))?.type !== 'file') return undefined;
      const { bytes, size } = await fs.readBytes(resolved.absPath, maxBytes);
      if (bytes.includes(0)) return undefined;
      const complete = size <= bytes.length;
      let text = new TextDecoder('utf-8').decode(bytes);
      // A read that stops inside a multi-byte character ends in a replacement character: drop it.
      if (!complete) text = text.replace(/\uFFFD+$/, '');
      return { text: text.replace(/^\uFEFF/, ''), size, complete };
    },
  };
}
