import type { HistoryFs } from '../../../src/common/chat/historyFs';

/** An in-memory HistoryFs that records every call, with an optional delay to shuffle concurrent writes. */
export class MemoryHistoryFs implements HistoryFs {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>();
  readonly reads: string[] = [];
  readonly calls: string[] = [];
  /** Milliseconds each write waits before landing (a function, to vary it per call). */
  writeDelay: () => number = () => 0;

  async readFile(path: string): Promise<string | undefined> {
    this.calls.push(`read ${path}`);
    this.reads.push(path);
    return this.files.get(path);
  }

  async writeFileAtomic(path: string, text: string): Promise<void> {
    this.calls.push(`write ${path}`);
    const ms = this.writeDelay();
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
    this.files.set(path, text);
  }

  async rename(from: string, to: string): Promise<void> {
    this.calls.push(`rename ${from} ${to}`);
    const text = this.files.get(from);
    if (text === undefined) throw Object.assign(new Error(`ENOENT ${from}`), { code: 'ENOENT' });
    this.files.delete(from);
    this.files.set(to, text);
  }

  async remove(path: string): Promise<void> {
    this.calls.push(`remove ${path}`);
    this.files.delete(path);
  }

  async list(dir: string): Promise<string[]> {
    this.calls.push(`list ${dir}`);
    const prefix = `${dir}/`;
    return [...this.files.keys()]
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
  }

  /** Removes every `.tmp` file in `dir` except those named in {@link liveTemps} (a writer still running). */
  async removeStaleTemps(dir: string): Promise<string[]> {
    this.calls.push(`sweep ${dir}`);
    const stale = (await this.list(dir)).filter((n) => n.endsWith('.tmp') && !this.liveTemps.has(n));
    for (const n of stale) this.files.delete(`${dir}/${n}`);
    return stale;
  }

  /** Temp file names whose writer is still running. */
  readonly liveTemps = new Set<string>();

  async mkdir(dir: string): Promise<void> {
    this.calls.push(`mkdir ${dir}`);
    this.dirs.add(dir);
  }
}
