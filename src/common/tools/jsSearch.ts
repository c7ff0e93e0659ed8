/**
 * Text search in plain JavaScript over the WorkspaceFs seam, for hosts where VS Code's ripgrep cannot
 * be found. Slower, but it applies the same rules: excludes, sensitive files, the real-path
 * boundary, binary files skipped, and a stop at `maxResults`, on abort or at the deadline.
 */
import { DenyList, joinAbs } from './pathGuard';
import { splitLines } from '../splitLines';
import { decodeUtf8, looksBinary, throwIfAborted } from './text';
import { realFolderRoots, realRelative } from './workspacePaths';
import type { FileHit, TextMatch, TextQuery, TextSearchResult, WorkspaceFs } from './workspaceFs';

/** Limits of {@link jsSearchText}. */
export interface JsSearchLimits {
  /** Most files considered (default 20,000). */
  maxFiles?: number;
  /** Larger files are skipped (default 1 MB): reading them in JavaScript is slow (ripgrep searches them). */
  maxFileBytes?: number;
  /** Time budget in milliseconds (default 20 s); what was found by then is returned. */
  timeoutMs?: number;
  now?: () => number;
}

/** The regular expression for a query; throws a readable error for an invalid pattern. */
export function queryRegExp(q: Pick<TextQuery, 'pattern' | 'isRegex' | 'caseSensitive'>): RegExp {
  const source = q.isRegex ? q.pattern : q.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, q.caseSensitive ? '' : 'i');
  } catch (e: unknown) {
    throw new Error(`invalid regular expression: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Searches the files `fs.findFiles` yields for `q`. */
export async function jsSearchText(
  fs: WorkspaceFs,
  q: TextQuery,
  signal: AbortSignal,
  limits: JsSearchLimits = {},
): Promise<TextSearchResult> {
  const re = queryRegExp(q);
  const now = limits.now ?? Date.now;
  const deadline = now() + (limits.timeoutMs ?? 20_000);
  const deny = new DenyList(q.denyGlobs);
  const roots = await realFolderRoots(fs);
  const listed = await fs.findFiles(
    q.include ?? '**',
    { max: limits.maxFiles ?? 20_000, ...(q.folder ? { folder: q.folder } : {}) },
    signal,
  );
  const matches: TextMatch[] = [];
  for (const hit of listed.files) {
    throwIfAborted(signal);
    if (now() > deadline) return { matches, truncated: false, timedOut: true, engine: 'javascript' };
    if (deny.match(hit.relPath)) continue;
    const lines = await readLines(fs, hit, roots, deny, limits.maxFileBytes ?? 1024 * 1024);
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] ?? '';
      if (!re.test(text)) continue;
      if (matches.length >= q.maxResults) return { matches, truncated: true, engine: 'javascript' };
      matches.push({ folder: hit.folder, relPath: hit.relPath, line: i + 1, text });
    }
  }
  return { matches, truncated: false, engine: 'javascript' };
}

/** The lines of a searchable file; none for binary, oversized, sensitive or out-of-workspace files. */
async function readLines(
  fs: WorkspaceFs,
  hit: FileHit,
  roots: Parameters<typeof realRelative>[1],
  deny: DenyList,
  maxBytes: number,
): Promise<string[]> {
  const folder = fs.folders().find((f) => f.name === hit.folder);
  if (!folder) return [];
  const abs = joinAbs(folder.absPath, hit.relPath);
  try {
    const real = await fs.realpath(abs);
    const realRel = real === undefined ? undefined : realRelative(real, roots, fs);
    if (realRel === undefined || deny.match(realRel)) return [];
    const stat = await fs.stat(abs);
    if (!stat || stat.type !== 'file' || stat.size > maxBytes) return [];
    const { bytes } = await fs.readBytes(abs, maxBytes);
    return looksBinary(bytes) ? [] : splitLines(decodeUtf8(bytes), { finalNewline: 'endsLine' });
  } catch {
    return []; // unreadable files are skipped, as ripgrep does
  }
}
