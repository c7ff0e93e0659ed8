import assert from 'node:assert/strict';
import { changedSince, newCheckpoint, parseCheckpoint, type Checkpoint } from '../../../src/common/agent/checkpoint';
import { CheckpointStore } from '../../../src/common/agent/checkpointStore';
import { toBase64 } from '../../../src/common/agent/base64';
import { textHash } from '../../../src/common/agent/textHash';
import { MemoryHistoryFs } from '../chat/memoryHistoryFs';

function sample(chatId = 'chat-1', turnId = 'tabc1'): Checkpoint {
  const cp = newCheckpoint(chatId, turnId, 1000);
  cp.files.push(
    {
      absPath: '/ws/a.ts',
      display: 'a.ts',
      before: { exists: true, base64: toBase64(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a])) },
      afterHash: textHash('b\n'),
    },
    { absPath: '/ws/new.ts', display: 'new.ts', before: { exists: false }, afterHash: textHash('n\n') },
    {
      absPath: '/ws/open.ts',
      display: 'open.ts',
      before: { exists: true, base64: '', unsavedText: 'typed but not saved' },
      afterHash: null,
    },
  );
  return cp;
}

describe('checkpoints', () => {
  it('round-trip through the store, outside the workspace, one file per turn', async () => {
    const fs = new MemoryHistoryFs();
    const store = new CheckpointStore(fs, '/storage/checkpoints');
    await store.save(sample());
    assert.deepEqual([...fs.files.keys()], ['/storage/checkpoints/chat-1.tabc1.json']);
    assert.deepEqual(await store.load('chat-1', 'tabc1'), sample());
    assert.equal(await store.load('chat-1', 'tother'), undefined);
    assert.equal(await store.load('../etc', 'passwd'), undefined, 'ids are checked before any path is built');
  });

  it('are pruned with their chat, and only theirs', async () => {
    const fs = new MemoryHistoryFs();
    const store = new CheckpointStore(fs, '/s');
    await store.save(sample('chat-1', 't1'));
    await store.save(sample('chat-1', 't2'));
    await store.save(sample('chat-10', 't1'));
    await store.removeChat('chat-1');
    assert.deepEqual([...fs.files.keys()], ['/s/chat-10.t1.json']);
    await store.remove('chat-10', 't1');
    assert.equal(fs.files.size, 0);
  });

  it('writes of one checkpoint never overlap, and the last one holds the latest state', async () => {
    // A file system that fails a write while another write of the same file runs (as a remote one can).
    class OneWriterFs extends MemoryHistoryFs {
      private readonly busy = new Set<string>();
      override async writeFileAtomic(path: string, text: string): Promise<void> {
        if (this.busy.has(path)) throw new Error(`overlapping writes of ${path}`);
        this.busy.add(path);
        try {
          await super.writeFileAtomic(path, text);
        } finally {
          this.busy.delete(path);
        }
      }
    }
    const fs = new OneWriterFs();
    fs.writeDelay = () => 5;
    const store = new CheckpointStore(fs, '/s');
    const cp = sample();
    const first = store.save(cp);
    cp.files[0]!.afterHash = textHash('later');
    const second = store.save(cp);
    await Promise.all([first, second, store.save(sample('chat-2', 't1'))]);
    assert.equal((await store.load('chat-1', 'tabc1'))?.files[0]?.afterHash, textHash('later'));
    assert.ok(await store.load('chat-2', 't1'));
  });

  it('a damaged checkpoint reads as missing', () => {
    assert.equal(parseCheckpoint('{'), undefined);
    assert.equal(parseCheckpoint(JSON.stringify({ ...sample(), version: 9 })), undefined);
    assert.equal(parseCheckpoint(JSON.stringify({ ...sample(), files: [{ absPath: 1 }] })), undefined);
  });

  it('names the files changed since the turn (and only those)', () => {
    const cp = sample();
    const now = new Map<string, string | null>([
      ['/ws/a.ts', textHash('b\r\n')],
      ['/ws/new.ts', textHash('n\n// user edit\n')],
      ['/ws/open.ts', null],
    ]);
    assert.deepEqual(
      changedSince(cp, now).map((f) => f.display),
      ['new.ts'],
    );
  });
});
