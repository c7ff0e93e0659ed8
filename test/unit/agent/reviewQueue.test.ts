import assert from 'node:assert/strict';
import { KeyedLock } from '../../../src/common/agent/keyedLock';
import { ReadLedger } from '../../../src/common/agent/readLedger';
import { ReviewQueue } from '../../../src/common/agent/reviewQueue';

describe('review queue, file locks, read ledger', () => {
  it('waits for the decision of each change; Accept all answers only its turn', async () => {
    const q = new ReviewQueue();
    const signal = new AbortController().signal;
    const a = q.wait('e1', 't1', signal);
    const b = q.wait('e2', 't1', signal);
    const c = q.wait('e3', 't2', signal);
    assert.equal(q.decide('e1', { accept: false, reason: 'no' }), true);
    assert.equal(q.decide('e1', { accept: true }), false, 'a decided change is not decided again');
    assert.equal(q.decideTurn('t1', { accept: true }), 1);
    assert.deepEqual(await a, { accept: false, reason: 'no' });
    assert.deepEqual(await b, { accept: true });
    assert.equal(q.isPending('e3'), true);
    q.decide('e3', { accept: true });
    assert.deepEqual(await c, { accept: true });
  });

  it('Stop ends a pending review as stopped', async () => {
    const q = new ReviewQueue();
    const stop = new AbortController();
    const a = q.wait('e1', 't1', stop.signal);
    stop.abort();
    assert.equal(await a, 'stopped');
    assert.equal(await q.wait('e2', 't1', stop.signal), 'stopped', 'after Stop nothing waits');
  });

  it('runs sections on the same file one at a time, others side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const first = lock.run(['/a'], async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
    });
    const second = lock.run(['/b', '/a'], async () => log.push('a2+b'));
    const other = lock.run(['/c'], async () => log.push('c'));
    await other;
    assert.deepEqual(log, ['a1 start', 'c']);
    release();
    await Promise.all([first, second]);
    assert.deepEqual(log, ['a1 start', 'c', 'a1 end', 'a2+b']);
  });

  it('a file is stale once its text differs from what the model read or wrote', () => {
    const l = new ReadLedger();
    assert.equal(l.isStale('/a', 'anything'), false, 'never read: not stale');
    l.record('/a', 'one\n');
    assert.equal(l.isStale('/a', 'one\r\n'), false);
    assert.equal(l.isStale('/a', 'two\n'), true);
    l.forget('/a');
    assert.equal(l.isStale('/a', 'two\n'), false);
  });
});
