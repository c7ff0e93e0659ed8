/**
 * {@link HistoryFs} over node:fs/promises. Atomic writes go to `<path>.<pid>.<random>.tmp`, are
 * flushed with fsync, then renamed over the target, so a killed extension host leaves either the
 * old file or the new one (plus, at worst, a stray `.tmp` file that the store removes on the next start).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { HistoryFs } from '../../common/chat/historyFs';

/** Windows refuses a rename while another process (an indexer, a virus scanner) has the file open. */
const TRANSIENT_RENAME_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_ATTEMPTS = 5;

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e: unknown) {
      const code = errorCode(e);
      if (attempt >= RENAME_ATTEMPTS || code === undefined || !TRANSIENT_RENAME_CODES.has(code)) throw e;
      await delay(20 * attempt);
    }
  }
}

/** Flushes the folder entry of a rename. Best effort: Windows cannot open a folder for fsync. */
async function syncDir(path: string): Promise<void> {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (slash <= 0) return;
  try {
    const dir = await open(path.slice(0, slash), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // The data is already flushed and renamed; only power-loss durability of the rename is at stake.
  }
}

async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await renameWithRetry(tmp, path);
  } catch (e: unknown) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(path);
}

/** The history file system of the extension host. */
export class NodeHistoryFs implements HistoryFs {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (e: unknown) {
      if (errorCode(e) === 'ENOENT') return undefined;
      throw e;
    }
  }

  writeFileAtomic(path: string, text: string): Promise<void> {
    return writeFileAtomic(path, text);
  }

  rename(from: string, to: string): Promise<void> {
    return renameWithRetry(from, to);
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async list(dir: string): Promise<string[]> {
    try {
      return await readdir(dir);
    } catch (e: unknown) {
      if (errorCode(e) === 'ENOENT') return [];
      throw e;
    }
  }

  async mkdir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
  }

  async removeStaleTemps(dir: string): Promise<string[]> {
    const stale = (await this.list(dir)).filter((name) => {
      const pid = Number(TEMP_FILE.exec(name)?.[1]);
      return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
    });
    await Promise.all(stale.map((name) => rm(`${dir}/${name}`, { force: true })));
    return stale;
  }
}

/** `<file>.<pid>.<hex>.tmp`, as {@link writeFileAtomic} names its temporary files. */
const TEMP_FILE = /\.(\d+)\.[0-9a-f]+\.tmp$/;

/** True while process `pid` exists (another VS Code window may be writing the same history). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: unknown) {
    return errorCode(e) === 'EPERM';
  }
}
