import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newChat, serializeChat } from '../../../src/common/chat/historyCodec';
import type { HistoryFs } from '../../../src/common/chat/historyFs';
import { HistoryStore } from '../../../src/common/chat/historyStore';
import type { StoredChat } from '../../../src/common/chat/types';
import { NodeHistoryFs } from '../../../src/host/chat/nodeHistoryFs';

const fs = new NodeHistoryFs();
const OPTIONS = { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' } as const;

function bigChat(id: string, messages: number, charsPerMessage: number): StoredChat {
  const chat = newChat(id, OPTIONS, 1);
  for (let i = 0; i < messages; i++) {
    const text = `message ${i}\n\`\`\`ts\n${'const x = 1; '.repeat(Math.ceil(charsPerMessage / 13))}\n\`\`\``.slice(
      0,
      charsPerMessage,
    );
    chat.turns.push({ id: `t${i}`, role: i % 2 ? 'assistant' : 'user', text, status: 'done' });
  }
  chat.updatedAt = 2;
  return chat;
}

describe('NodeHistoryFs', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aio-history-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing file as undefined and lists a missing folder as empty', async () => {
    assert.equal(await fs.readFile(join(dir, 'nope.json')), undefined);
    assert.deepEqual(await fs.list(join(dir, 'nope')), []);
    await fs.remove(join(dir, 'nope.json'));
  });

  it('creates folders recursively and idempotently', async () => {
    await fs.mkdir(`${dir}/a/b`);
    await fs.mkdir(`${dir}/a/b`);
    assert.ok(existsSync(join(dir, 'a', 'b')));
  });

  it('writes atomically: complete content, temp file gone, old content replaced', async () => {
    const path = `${dir}/chat.json`;
    await fs.writeFileAtomic(path, 'old');
    const big = `${'é'.repeat(400_000)}end`;
    await fs.writeFileAtomic(path, big);
    assert.equal(await fs.readFile(path), big);
    assert.deepEqual(await readdir(dir), ['chat.json']);
  });

  it('ends with one complete version when writes to one file race', async () => {
    const path = `${dir}/chat.json`;
    const versions = Array.from({ length: 10 }, (_, i) => String(i).repeat(100_000 + i));
    await Promise.all(versions.map((v) => fs.writeFileAtomic(path, v)));
    assert.ok(versions.includes((await fs.readFile(path)) ?? ''));
    assert.deepEqual(await readdir(dir), ['chat.json']);
  });

  it('leaves no temp file behind when the write fails', async () => {
    await assert.rejects(fs.writeFileAtomic(`${dir}/missing-folder/chat.json`, 'x'));
    await mkdir(`${dir}/target.json`);
    await writeFile(`${dir}/target.json/inside`, 'x');
    await assert.rejects(fs.writeFileAtomic(`${dir}/target.json`, 'x'));
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('renames over an existing file and removes files', async () => {
    await fs.writeFileAtomic(`${dir}/a`, 'A');
    await fs.writeFileAtomic(`${dir}/b`, 'B');
    await fs.rename(`${dir}/a`, `${dir}/b`);
    assert.equal(await fs.readFile(`${dir}/b`), 'A');
    await fs.remove(`${dir}/b`);
    assert.deepEqual(await fs.list(dir), []);
  });

  it('ignores a stray temp file left by a crash mid-write and loads the last complete save', async () => {
    const store = new HistoryStore(fs, dir, () => 9);
    const chat = bigChat('c1', 4, 100);
    await store.save(chat);
    const partial = serializeChat(bigChat('c1', 6, 100)).slice(0, 500);
    await writeFile(join(dir, 'chats', `c1.json.${process.pid}.0badc0ffee00.tmp`), partial);
    await rm(join(dir, 'index.json'));
    const notices: string[] = [];
    const fresh = new HistoryStore(
      fs,
      dir,
      () => 9,
      (m) => notices.push(m),
    );
    assert.deepEqual(
      (await fresh.list()).map((c) => c.id),
      ['c1'],
    );
    assert.deepEqual(await fresh.load('c1'), chat);
    assert.deepEqual(notices, []);
  });

  it('removes temp files of writers that no longer run, and keeps those of running ones', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await mkdir(join(dir, 'chats'), { recursive: true });
    await writeFile(join(dir, 'chats', `c1.json.${dead}.00aa11bb22cc.tmp`), 'half');
    await writeFile(join(dir, 'chats', `c1.json.${process.pid}.00aa11bb22cc.tmp`), 'being written');
    await writeFile(join(dir, 'chats', `c1.json.${process.ppid}.00aa11bb22cc.tmp`), 'another window');
    await writeFile(join(dir, 'chats', 'notes.tmp'), 'not ours');
    assert.deepEqual(await fs.removeStaleTemps(join(dir, 'chats')), [`c1.json.${dead}.00aa11bb22cc.tmp`]);
    assert.deepEqual(
      (await readdir(join(dir, 'chats'))).sort(),
      [`c1.json.${process.pid}.00aa11bb22cc.tmp`, `c1.json.${process.ppid}.00aa11bb22cc.tmp`, 'notes.tmp'].sort(),
    );
  });

  it('survives a killed process: the chat file is always a complete save', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'fixtures', 'saveLoop.ts'), dir], {
      cwd: join(__dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let saves = 0;
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      child.stdout.on('data', (d: Buffer) => {
        saves += d.toString().split('\n').filter(Boolean).length;
        // Kill at an arbitrary moment, most likely in the middle of a write.
        if (saves >= 15) resolve();
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const notices: string[] = [];
    const store = new HistoryStore(
      fs,
      dir,
      () => 1,
      (m) => notices.push(m),
    );
    const loaded = await store.load('victim');
    assert.ok(loaded, 'the chat loads');
    assert.ok(loaded.turns.length >= 15, `${loaded.turns.length} turns`);
    assert.equal(loaded.turns.at(-1)?.status, 'interrupted', 'the streaming turn comes back interrupted');
    assert.deepEqual(notices, []);
    await store.list();
    assert.deepEqual(
      (await readdir(join(dir, 'chats'))).filter((n) => n.endsWith('.tmp')),
      [],
      'the temp files of the killed writer are gone after the next start',
    );
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['victim'],
    );
  });

  it('opens a 200-message, ~300 K-character chat among many others by reading only the index and that chat', async () => {
    // Speed itself is measured by `npm run bench`, never asserted here; this checks the work done.
    const writer = new HistoryStore(fs, dir, () => 1);
    const target = bigChat('big', 200, 1500);
    assert.ok(serializeChat(target).length >= 300_000);
    await writer.save(target);
    for (let i = 0; i < 40; i++) await writer.save(bigChat(`other${i}`, 200, 1500));
    const reads: string[] = [];
    const counting: HistoryFs = {
      readFile: (p) => {
        reads.push(p);
        return fs.readFile(p);
      },
      writeFileAtomic: (p, t) => fs.writeFileAtomic(p, t),
      rename: (a, b) => fs.rename(a, b),
      remove: (p) => fs.remove(p),
      list: (d) => fs.list(d),
      mkdir: (d) => fs.mkdir(d),
      removeStaleTemps: (d) => fs.removeStaleTemps(d),
    };
    const store = new HistoryStore(counting, dir, () => 1);
    const loaded = await store.load('big');
    assert.equal(loaded?.turns.length, 200);
    assert.ok(
      reads.every((p) => p.endsWith('index.json') || p.endsWith('big.json')),
      `load read ${reads.join(', ')}`,
    );
    reads.length = 0;
    assert.equal((await store.list()).length, 41);
    assert.ok(
      reads.every((p) => p.endsWith('index.json')),
      `list read ${reads.join(', ')}`,
    );
    assert.ok((await readFile(join(dir, 'index.json'), 'utf8')).length < 10_000);
  });
});
