/**
 * Project instruction files: which ones apply to a request, and how much of each is sent.
 *
 * The rule. For every workspace folder, its root files in this order: `AGENTS.md`,
 * `.github/copilot-instructions.md`, `.aio/instructions.md`. Then, for each file in context (newest
 * first), the `AGENTS.md` nearest to it below its folder's root: the one in the file's own folder, else
 * its parent's, and so on (only the nearest one, at most {@link MAX_NESTED_INSTRUCTIONS} in all).
 * Nested files come after the root ones, shallower before deeper, so the file nearest to the code in
 * context comes last and wins where they disagree (the AGENTS.md convention: the closest file takes
 * precedence). Folders named `node_modules` or `.git` are never searched.
 */
import { CHARS_PER_TOKEN } from '../editor/budget';

/** Instruction files at a workspace folder's root, in the order they are sent. */
export const ROOT_INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md', '.aio/instructions.md'] as const;

/** The file name looked for in the folders between a file in context and its workspace folder's root. */
export const NESTED_INSTRUCTION_FILE = 'AGENTS.md';

/** At most this many nested files per request. */
export const MAX_NESTED_INSTRUCTIONS = 4;

/** Folders never searched for nested instructions (third-party and version-control content). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** One instruction file as it is sent. */
export interface InstructionFile {
  /** Workspace path, as the tools write it (`folder/…` in a multi-root workspace). */
  path: string;
  /** Root file of a workspace folder, or a nested `AGENTS.md`. */
  scope: 'root' | 'nested';
  /** The text sent (possibly cut). Empty when the file was left out entirely. */
  text: string;
  /** Set when the text was cut or left out to fit; said to the user and to the model. */
  cut?: string;
}

/** What the discovery reads files through. The host implements it over the workspace (deny list included). */
export interface InstructionReader {
  /**
   * The file at a workspace path: its text (only the start when `complete` is false: the reader caps
   * how much it reads) and its full size in bytes. Undefined when there is no such file or it may not
   * be read (deny list, outside the workspace, binary).
   */
  read(path: string): Promise<ReadInstructions | undefined>;
}

/** What {@link InstructionReader.read} returns. */
export interface ReadInstructions {
  text: string;
  size: number;
  complete: boolean;
}

/** How much instruction text a request may carry. */
export interface InstructionLimits {
  /** Characters per file. */
  fileChars: number;
  /** Characters of all files together. */
  totalChars: number;
}

/** A file is cut at this many characters, whatever the window. */
export const MAX_INSTRUCTION_FILE_CHARS = 20_000;

/** A file cut to fewer characters than this is left out instead. */
const MIN_CUT_CHARS = 200;

/** A tenth of the context window, at most 40,000 characters, at most 20,000 per file. */
export function instructionLimits(contextWindowTokens: number): InstructionLimits {
  const total = Math.min(40_000, Math.floor(contextWindowTokens * CHARS_PER_TOKEN * 0.1));
  return { fileChars: Math.min(MAX_INSTRUCTION_FILE_CHARS, total), totalChars: total };
}

/** The root instruction files of the folders; `prefixes` are `''` (one folder) or `name/` (several). */
export function rootCandidates(prefixes: readonly string[]): string[] {
  return prefixes.flatMap((p) => ROOT_INSTRUCTION_FILES.map((f) => `${p}${f}`));
}

/** The folder prefix `path` lies in (the longest that matches), or undefined when none does. */
function prefixOf(path: string, prefixes: readonly string[]): string | undefined {
  return [...prefixes].sort((a, b) => b.length - a.length).find((p) => p === '' || path.startsWith(p));
}

/**
 * The nested `AGENTS.md` files that could apply to the file at `path`, nearest first, down to (not
 * including) the folder root. Empty for a path outside the folders or inside a skipped folder.
 */
export function nestedCandidates(path: string, prefixes: readonly string[]): string[] {
  const prefix = prefixOf(path, prefixes);
  if (prefix === undefined) return [];
  const dirs = path.slice(prefix.length).split('/').slice(0, -1);
  if (dirs.some((d) => SKIPPED_FOLDERS.has(d) || d === '' || d === '.' || d === '..')) return [];
  const out: string[] = [];
  for (let i = dirs.length; i >= 1; i--) out.push(`${prefix}${dirs.slice(0, i).join('/')}/${NESTED_INSTRUCTION_FILE}`);
  return out;
}

const depth = (path: string): number => path.split('/').length;

/** A file found, before cutting. */
export interface FoundInstructions extends ReadInstructions {
  path: string;
  scope: InstructionFile['scope'];
}

/** Finds the instruction files for a request about `contextPaths` (newest first) and cuts them to `limits`. */
export async function discoverInstructions(
  reader: InstructionReader,
  prefixes: readonly string[],
  contextPaths: readonly string[],
  limits: InstructionLimits,
): Promise<InstructionFile[]> {
  const found: FoundInstructions[] = [];
  for (const path of rootCandidates(prefixes)) {
    const r = await reader.read(path);
    if (r) found.push({ path, scope: 'root', ...r });
  }
  const nested: typeof found = [];
  for (const file of contextPaths) {
    if (nested.length >= MAX_NESTED_INSTRUCTIONS) break;
    for (const path of nestedCandidates(file, prefixes)) {
      const r = nested.find((n) => n.path === path) ?? (await reader.read(path));
      if (!r) continue;
      if (!nested.some((n) => n.path === path)) nested.push({ path, scope: 'nested', ...r });
      break;
    }
  }
  nested.sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1));
  return fitInstructions([...found, ...nested], limits);
}

/** Cuts each file to `limits`, in order; a file that no longer fits at all is left out, and says so. */
export function fitInstructions(files: readonly FoundInstructions[], limits: InstructionLimits): InstructionFile[] {
  let room = limits.totalChars;
  return files.map((f) => {
    const max = Math.min(limits.fileChars, room);
    // A few characters of a file would mislead more than help: below this, the file is left out.
    const text = f.text.length <= max ? f.text : max < MIN_CUT_CHARS ? '' : cutAtLine(f.text, max);
    room -= text.length;
    const out: InstructionFile = { path: f.path, scope: f.scope, text };
    if (text.length === 0 && f.text.length > 0) out.cut = 'left out to fit the context window';
    else if (text.length < f.text.length || !f.complete)
      out.cut = `cut to its first ${text.length.toLocaleString('en-US')} characters (the file has ${sizeText(f.size)})`;
    return out;
  });
}

/** The first `max` characters, ending at a line break when one is near the end. */
function cutAtLine(text: string, max: number): string {
  const head = text.slice(0, max);
  const nl = head.lastIndexOf('\n');
  return nl >= max * 0.8 ? head.slice(0, nl + 1) : head;
}

function sizeText(bytes: number): string {
  return bytes < 10_000
    ? `${bytes.toLocaleString('en-US')} bytes`
    : `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
}
