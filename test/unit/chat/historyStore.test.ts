import assert from 'node:assert/strict';
import { isParseError, parseIndex, parseStoredChat, serializeChat } from '../../../src/common/chat/historyCodec';
import { HistoryStore } from '../../../src/common/chat/historyStore';
import { answerTurn, chatWith, userTurn } from './chatFixtures';
import { MemoryHistoryFs } from './memoryHistoryFs';

const DIR = '/gs/history';
const CHATS = `${DIR}/chats`;
const INDEX = `${DIR}/index.json`;

function setup(now = 5000) {
  const fs = new MemoryHistoryFs();
  const notices: string[] = [];
  const store = new HistoryStore(
    fs,
    DIR,
    () => now,
    (m) => notices.push(m),
  );
  return { fs, notices, store };
}

function indexIds(fs: MemoryHistoryFs): string[] {
  const parsed = parseIndex(fs.files.get(INDEX) ?? '');
  if (isParseError(parsed)) assert.fail(parsed.error);
  return parsed.map((c) => c.id);
}

describe('HistoryStore', () => {
  it('lists nothing in a fresh folder', async () => {
    const { store } = setup();
    assert.deepEqual(await store.list(), []);
    assert.equal(await store.mostRecent(), undefined);
  });

  it('saves several chats, lists them newest first and switches between them', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100, 1));
    await store.save(chatWith('b', 300, 2));
    await store.save(chatWith('c', 200, 3));
    assert.deepEqual(await store.list(), [
      { id: 'b', title: 'Chat b', updatedAt: 300, turnCount: 4 },
      { id: 'c', title: 'Chat c', updatedAt: 200, turnCount: 6 },
      { id: 'a', title: 'Chat a', updatedAt: 100, turnCount: 2 },
    ]);
    assert.deepEqual(await store.load('c'), chatWith('c', 200, 3));
    assert.deepEqual(await store.load('a'), chatWith('a', 100, 1));
    assert.equal((await store.mostRecent())?.id, 'b');
    assert.ok(fs.dirs.has(CHATS));
    assert.deepEqual([...fs.files.keys()].sort(), [`${CHATS}/a.json`, `${CHATS}/b.json`, `${CHATS}/c.json`, INDEX]);
  });

  it('opens a chat by reading only its file and the index, never the other chats', async () => {
    const { fs, store } = setup();
    for (let i = 0; i < 20; i++) await store.save(chatWith(`c${i}`, i, 2));
    fs.reads.length = 0;
    const fresh = new HistoryStore(fs, DIR, () => 0);
    assert.equal((await fresh.load('c7'))?.id, 'c7');
    assert.deepEqual(
      fs.reads.filter((p) => p.startsWith(CHATS)),
      [`${CHATS}/c7.json`],
    );
  });

  it('renames a chat in the file and the index, keeping its place in the list', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100));
    await store.save(chatWith('b', 200));
    assert.deepEqual(await store.rename('a', '  My\nrefactor  '), {
      id: 'a',
      title: 'My refactor',
      updatedAt: 100,
      turnCount: 2,
    });
    assert.equal((await store.load('a'))?.title, 'My refactor');
    assert.deepEqual(
      (await store.list()).map((c) => [c.id, c.title]),
      [
        ['b', 'Chat b'],
        ['a', 'My refactor'],
      ],
    );
    assert.equal(
      (await store.rename('a', '   '))?.title,
      'question 0 of a',
      'an empty title falls back to the first message',
    );
    assert.equal(await store.rename('missing', 'x'), undefined);
    assert.ok(!fs.files.has(`${CHATS}/missing.json`));
  });

  it('deletes the file and the index entry', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100));
    await store.save(chatWith('b', 200));
    await store.delete('b');
    assert.ok(!fs.files.has(`${CHATS}/b.json`));
    assert.deepEqual(indexIds(fs), ['a']);
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['a'],
    );
    assert.equal(await store.load('b'), undefined);
    await store.delete('b');
  });

  it('never touches a path outside the folder for a hostile id', async () => {
    const { fs, store } = setup();
    for (const id of ['../../secrets', '..', 'a/b', 'C:\\x', '', 'x'.repeat(65)]) {
      assert.equal(await store.load(id), undefined);
      assert.equal(await store.rename(id, 't'), undefined);
      await store.delete(id);
      await assert.rejects(store.save({ ...chatWith('ok', 1), id }), /Invalid chat id/);
    }
    assert.deepEqual(fs.calls, []);
  });

  it('rebuilds a missing or corrupt index from the chat files', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100));
    await store.save(chatWith('b', 200, 3));
    for (const broken of [undefined, '{"version":1,"chats":[{"id":5}]}', 'garbage']) {
      if (broken === undefined) fs.files.delete(INDEX);
      else fs.files.set(INDEX, broken);
      const fresh = new HistoryStore(fs, DIR, () => 0);
      assert.deepEqual(await fresh.list(), [
        { id: 'b', title: 'Chat b', updatedAt: 200, turnCount: 6 },
        { id: 'a', title: 'Chat a', updatedAt: 100, turnCount: 2 },
      ]);
      assert.deepEqual(indexIds(fs), ['b', 'a'], 'the rebuilt index is written back');
    }
  });

  it('reconciles a stale index: adds chats it misses, drops entries without a file, fixes entries on load', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100));
    await store.save(chatWith('gone', 150));
    fs.files.delete(`${CHATS}/gone.json`);
    // Written by another window, or the host died between the chat write and the index write.
    fs.files.set(`${CHATS}/new.json`, serializeChat(chatWith('new', 300)));
    fs.files.set(`${CHATS}/a.json`, serializeChat(chatWith('a', 400, 5, 'Renamed elsewhere')));
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['new', 'a'],
    );
    await store.load('a');
    assert.deepEqual(await store.list(), [
      { id: 'a', title: 'Renamed elsewhere', updatedAt: 400, turnCount: 10 },
      { id: 'new', title: 'Chat new', updatedAt: 300, turnCount: 2 },
    ]);
  });

  it('sets a corrupt chat file aside with a notice and never deletes it', async () => {
    const { fs, notices, store } = setup(1234);
    await store.save(chatWith('good', 100));
    await store.save(chatWith('bad', 200));
    fs.files.set(`${CHATS}/bad.json`, '{"version":1,"id":"bad","tit');
    assert.equal(await store.load('bad'), undefined);
    assert.ok(!fs.files.has(`${CHATS}/bad.json`));
    assert.equal(fs.files.get(`${CHATS}/bad.corrupt-1234.json`), '{"version":1,"id":"bad","tit');
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /bad\.json.*could not be read.*bad\.corrupt-1234\.json/);
    assert.ok(!fs.calls.some((c) => c.startsWith('remove')), 'nothing is removed');
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['good'],
      'the set-aside file is not listed',
    );
  });

  it('sets corrupt files aside while rebuilding the index, and mostRecent skips them', async () => {
    const { fs, notices, store } = setup(77);
    await store.save(chatWith('old', 100));
    await store.save(chatWith('newest', 200));
    fs.files.set(`${CHATS}/newest.json`, JSON.stringify({ version: 1, id: 'newest', turns: 'nope' }));
    assert.equal((await store.mostRecent())?.id, 'old');
    fs.files.delete(INDEX);
    await store.save(chatWith('x', 50));
    fs.files.set(`${CHATS}/x.json`, '\u0000\u0000');
    fs.files.delete(INDEX);
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['old'],
    );
    assert.ok(fs.files.has(`${CHATS}/newest.corrupt-77.json`));
    assert.ok(fs.files.has(`${CHATS}/x.corrupt-77.json`));
    assert.equal(notices.length, 2);
  });

  it('still loads when the notice listener throws', async () => {
    const fs = new MemoryHistoryFs();
    const store = new HistoryStore(
      fs,
      DIR,
      () => 1,
      () => {
        throw new Error('listener broke');
      },
    );
    fs.files.set(`${CHATS}/bad.json`, 'not json');
    assert.equal(await store.load('bad'), undefined);
    assert.ok(fs.files.has(`${CHATS}/bad.corrupt-1.json`));
  });

  it('ignores stray temp files and set-aside files in the folder', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100));
    fs.files.set(`${CHATS}/a.json.4242.deadbeef.tmp`, '{"version":1,"id":"a","ti');
    fs.files.set(`${CHATS}/b.corrupt-1.json`, 'junk');
    fs.files.delete(INDEX);
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['a'],
    );
    assert.equal((await store.load('a'))?.title, 'Chat a');
  });

  it('removes the temp files a crash left on the next start, keeping those of a writer still running', async () => {
    const { fs, store } = setup();
    await store.save(chatWith('a', 100));
    fs.files.set(`${CHATS}/a.json.4242.deadbeef.tmp`, 'left by a crash');
    fs.files.set(`${DIR}/index.json.4242.0123abcd.tmp`, 'left by a crash');
    fs.files.set(`${CHATS}/a.json.77.feedf00d.tmp`, 'being written by another window');
    fs.liveTemps.add('a.json.77.feedf00d.tmp');
    fs.calls.length = 0;
    const next = new HistoryStore(fs, DIR, () => 2);
    assert.deepEqual(
      (await next.list()).map((c) => c.id),
      ['a'],
    );
    assert.deepEqual(
      [...fs.files.keys()].filter((p) => p.endsWith('.tmp')),
      [`${CHATS}/a.json.77.feedf00d.tmp`],
    );
    assert.equal(fs.calls.filter((c) => c.startsWith('sweep')).length, 2, 'once per folder, not on every list');
    await next.list();
    assert.equal(fs.calls.filter((c) => c.startsWith('sweep')).length, 2);
  });

  it('serializes concurrent saves of one chat so the last call wins', async () => {
    const { fs, store } = setup();
    fs.writeDelay = () => Math.floor(Math.random() * 4);
    const saves = [];
    for (let n = 1; n <= 25; n++) saves.push(store.save(chatWith('a', n, n)));
    await Promise.all(saves);
    assert.equal((await store.load('a'))?.turns.length, 50);
    assert.deepEqual(await store.list(), [{ id: 'a', title: 'Chat a', updatedAt: 25, turnCount: 50 }]);
  });

  it('keeps every chat in the index when different chats save concurrently', async () => {
    const { fs, store } = setup();
    fs.writeDelay = () => Math.floor(Math.random() * 4);
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.save(chatWith(`c${i}`, i + 1))));
    assert.equal(indexIds(fs).length, 12);
    assert.equal((await store.list()).length, 12);
  });

  it('captures the chat when save is called, not when the write happens', async () => {
    const { fs, store } = setup();
    fs.writeDelay = () => 2;
    const chat = chatWith('a', 1, 1);
    const saving = store.save(chat);
    chat.turns.push(userTurn('later', 'not yet saved'));
    await saving;
    assert.equal((await store.load('a'))?.turns.length, 2);
  });

  it('brings back a chat saved mid-answer with the streaming turn interrupted', async () => {
    const { fs, store } = setup();
    const chat = chatWith('a', 1, 1);
    chat.turns.push(userTurn('u1', 'next'), answerTurn('a1', 'half an ans', { status: 'streaming' }));
    await store.save(chat);
    // A killed host: a new store over the same files.
    const loaded = await new HistoryStore(fs, DIR, () => 2).load('a');
    assert.equal(loaded?.turns.at(-1)?.status, 'interrupted');
    assert.equal(loaded?.turns.at(-1)?.text, 'half an ans');
  });

  it('treats a file copied under another name as its own chat', async () => {
    const { fs, store } = setup();
    fs.files.set(`${CHATS}/copy.json`, serializeChat(chatWith('orig', 10)));
    assert.deepEqual(
      (await store.list()).map((c) => c.id),
      ['copy'],
    );
    const loaded = await store.load('copy');
    assert.equal(loaded?.id, 'copy');
    await store.save({ ...loaded!, title: 'Copied' });
    const stored = parseStoredChat(fs.files.get(`${CHATS}/copy.json`) ?? '');
    assert.ok(!isParseError(stored) && stored.id === 'copy' && stored.title === 'Copied');
    assert.deepEqual(indexIds(fs), ['copy']);
  });
});
