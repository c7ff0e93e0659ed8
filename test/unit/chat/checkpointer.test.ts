import assert from 'node:assert/strict';
import { Checkpointer } from '../../../src/common/chat/checkpointer';

/** A manual clock: timers fire only when the test advances time. */
function manualTimer() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  return {
    schedule: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.live && t.at <= now);
      timers = timers.filter((t) => t.live && t.at > now);
      for (const t of due) t.fn();
    },
    armed: () => timers.filter((t) => t.live).length,
  };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('Checkpointer', () => {
  it('writes at most once per interval however many changes arrive, and within the interval of the first', async () => {
    const clock = manualTimer();
    let writes = 0;
    const cp = new Checkpointer(async () => void writes++, clock.schedule, 2000);
    for (let i = 0; i < 500; i++) cp.notify();
    assert.equal(clock.armed(), 1, 'one timer for many changes');
    clock.advance(1999);
    await settle();
    assert.equal(writes, 0);
    clock.advance(1);
    await settle();
    assert.equal(writes, 1);
    cp.notify();
    clock.advance(2000);
    await settle();
    assert.equal(writes, 2);
    clock.advance(10_000);
    await settle();
    assert.equal(writes, 2, 'no change, no write');
  });

  it('never overlaps writes: a flush waits for the write in progress, then writes again', async () => {
    const clock = manualTimer();
    const log: string[] = [];
    let release: () => void = () => {};
    let n = 0;
    const cp = new Checkpointer(
      () => {
        const k = ++n;
        log.push(`start ${k}`);
        return new Promise<void>((r) => {
          release = () => {
            log.push(`end ${k}`);
            r();
          };
        });
      },
      clock.schedule,
      2000,
    );
    cp.notify();
    clock.advance(2000);
    await settle();
    const flushed = cp.flush();
    await settle();
    assert.deepEqual(log, ['start 1'], 'the flush waits for the first write');
    release();
    await settle();
    assert.deepEqual(log, ['start 1', 'end 1', 'start 2']);
    release();
    await flushed;
    assert.deepEqual(log, ['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('after close, nothing more is written (the owner saves the final state), and a failed write is not fatal', async () => {
    const clock = manualTimer();
    let writes = 0;
    const cp = new Checkpointer(
      async () => {
        writes++;
        throw new Error('disk full');
      },
      clock.schedule,
      2000,
    );
    cp.notify();
    clock.advance(2000);
    await settle();
    assert.equal(writes, 1);
    cp.notify();
    await cp.close();
    clock.advance(5000);
    cp.notify();
    await cp.flush();
    assert.equal(writes, 1);
    assert.equal(clock.armed(), 0);
  });
});
