/**
 * Checkpoints on disk, under the extension's storage (never in the workspace or in git):
 * `<dir>/<chatId>.<turnId>.json`, written atomically. Deleting a chat deletes its checkpoints.
 */
import { joinPath, type HistoryFs } from '../chat/historyFs';
import { isValidTurnId, parseCheckpoint, type Checkpoint } from './checkpoint';
import { isValidChatId } from '../chat/historyCodec';
import { KeyedLock } from './keyedLock';

const fileName = (chatId: string, turnId: string): string => `${chatId}.${turnId}.json`;

/** The file operations checkpoints need. */
export type CheckpointFs = Pick<HistoryFs, 'readFile' | 'writeFileAtomic' | 'remove' | 'list' | 'mkdir'>;

/** Loads, saves and prunes checkpoints. */
export class CheckpointStore {
  private dirReady: Promise<void> | undefined;
  /** Writes of one file run one after the other: two at once can fail on some file systems (remote). */
  private readonly writes = new KeyedLock();

  constructor(
    private readonly fs: CheckpointFs,
    private readonly dir: string,
  ) {}

  /** The checkpoint of a turn, or undefined when there is none (or it is damaged). */
  async load(chatId: string, turnId: string): Promise<Checkpoint | undefined> {
    if (!isValidChatId(chatId) || !isValidTurnId(turnId)) return undefined;
    const text = await this.fs.readFile(joinPath(this.dir, fileName(chatId, turnId)));
    const cp = text === undefined ? undefined : parseCheckpoint(text);
    return cp && cp.chatId === chatId && cp.turnId === turnId ? cp : undefined;
  }

  /** Writes a checkpoint (atomically: an interrupted write leaves the previous one). */
  async save(cp: Checkpoint): Promise<void> {
    if (!isValidChatId(cp.chatId) || !isValidTurnId(cp.turnId)) throw new Error('invalid checkpoint id');
    this.dirReady ??= this.fs.mkdir(this.dir).catch((e: unknown) => {
      this.dirReady = undefined;
      throw e;
    });
    await this.dirReady;
    const path = joinPath(this.dir, fileName(cp.chatId, cp.turnId));
    // Serialized when the write starts, so the last write holds the latest state.
    await this.writes.run([path], () => this.fs.writeFileAtomic(path, JSON.stringify(cp)));
  }

  /** Removes the checkpoint of one turn. */
  async remove(chatId: string, turnId: string): Promise<void> {
    if (isValidChatId(chatId) && isValidTurnId(turnId))
      await this.fs.remove(joinPath(this.dir, fileName(chatId, turnId)));
  }

  /** Removes every checkpoint of a chat, and the temporary files a crashed write of one left. */
  async removeChat(chatId: string): Promise<void> {
    if (!isValidChatId(chatId)) return;
    for (const name of await this.fs.list(this.dir))
      if (name.startsWith(`${chatId}.`)) await this.fs.remove(joinPath(this.dir, name));
  }
}
