/**
 * A checkpoint: what the files an agent turn touched looked like before it, so "Undo this turn" can
 * put them back in one step. Each file is recorded before the turn's first write to it, and its
 * fingerprint after the turn's last write, so an undo can tell which files the user changed since.
 */
import { isValidChatId } from '../chat/historyCodec';
import { isObj } from '../isObj';

/** Current on-disk schema version of a checkpoint. */
export const CHECKPOINT_VERSION = 1;

/** A file before the turn. */
export type FileBefore =
  | { exists: false }
  | {
      exists: true;
      /** The bytes on disk, base64. */
      base64: string;
      /** When an editor held unsaved changes: that text (the turn edited the buffer, not the disk). */
      unsavedText?: string;
    };

/** One file a turn touched. */
export interface CheckpointFile {
  absPath: string;
  display: string;
  before: FileBefore;
  /** Fingerprint (textHash) of the text after the turn's last write; null when the turn left no file there. */
  afterHash: string | null;
}

/** The files of one agent turn. */
export interface Checkpoint {
  version: typeof CHECKPOINT_VERSION;
  chatId: string;
  turnId: string;
  createdAt: number;
  files: CheckpointFile[];
}

/** Turn ids are part of file names too, so they share the chat ids' safe alphabet. */
export const isValidTurnId = isValidChatId;

/** A new, empty checkpoint. */
export function newCheckpoint(chatId: string, turnId: string, now: number): Checkpoint {
  return { version: CHECKPOINT_VERSION, chatId, turnId, createdAt: now, files: [] };
}

/** The file's entry, if the turn touched it. */
export function fileIn(cp: Checkpoint, absPath: string): CheckpointFile | undefined {
  return cp.files.find((f) => f.absPath === absPath);
}

/**
 * The files whose current state differs from what the turn left (`current` gives each file's
 * fingerprint now, null when absent): an undo would overwrite the user's later changes to them.
 */
export function changedSince(cp: Checkpoint, current: ReadonlyMap<string, string | null>): CheckpointFile[] {
  return cp.files.filter((f) => (current.get(f.absPath) ?? null) !== f.afterHash);
}

function readBefore(v: unknown): FileBefore {
  if (!isObj(v)) throw new Error('before');
  if (v.exists === false) return { exists: false };
  if (v.exists !== true || typeof v.base64 !== 'string') throw new Error('before');
  if (v.unsavedText !== undefined && typeof v.unsavedText !== 'string') throw new Error('before.unsavedText');
  return {
    exists: true,
    base64: v.base64,
    ...(typeof v.unsavedText === 'string' ? { unsavedText: v.unsavedText } : {}),
  };
}

function readFile(v: unknown): CheckpointFile {
  if (!isObj(v) || typeof v.absPath !== 'string' || typeof v.display !== 'string') throw new Error('file');
  if (v.afterHash !== null && typeof v.afterHash !== 'string') throw new Error('afterHash');
  return { absPath: v.absPath, display: v.display, before: readBefore(v.before), afterHash: v.afterHash };
}

/** Parses a checkpoint file; undefined when it is not one (never throws). */
export function parseCheckpoint(text: string): Checkpoint | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (!isObj(v) || v.version !== CHECKPOINT_VERSION || !Array.isArray(v.files)) return undefined;
    if (!isValidChatId(v.chatId) || !isValidTurnId(v.turnId) || typeof v.createdAt !== 'number') return undefined;
    return {
      version: CHECKPOINT_VERSION,
      chatId: v.chatId,
      turnId: v.turnId,
      createdAt: v.createdAt,
      files: v.files.map(readFile),
    };
  } catch {
    return undefined; // a damaged checkpoint is treated as a missing one; the undo says so
  }
}
