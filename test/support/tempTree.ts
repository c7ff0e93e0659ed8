// Temporary directory trees for tests that need real files, folders and symlinks.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Files to create: path → content; a `{ link }` value makes a symlink to that target. */
export type Tree = Record<string, string | Uint8Array | { link: string }>;

/** Creates a temp directory with `tree` inside; returns its real path. */
export function makeTree(tree: Tree, base?: string): string {
  const root = base ?? realpathSync(mkdtempSync(join(tmpdir(), 'aio-tools-')));
  for (const [rel, content] of Object.entries(tree)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, abs);
    else if (rel.endsWith('/')) mkdirSync(abs, { recursive: true });
    else writeFileSync(abs, content);
  }
  return root;
}

/** Removes a temp directory made by {@link makeTree}. */
export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
