import assert from 'node:assert/strict';
import { DeltaBatcher, type DeltaBatch, type Scheduler } from '../../../src/common/chat/deltaBatcher';

/** A manual clock: scheduled callbacks run when the test advances time. */
function manualScheduler() {
  let now = 0;
  let pending: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const schedule: Scheduler = (fn, ms) => {
    const item = { at: now + ms, fn, live: true };
    pending.push(item);
    return () => {
      item.live = false;
    };
  };
  const advance = (ms: number) => {
    now += ms;
    const due = pending.filter((p) => p.live && p.at <= now);
    pending = pending.filter((p) => p.live && p.at > now);
    for (const p of due) p.fn();
  };
  return { schedule, advance, armed: () => pending.filter((p) => p.live).length };
}

describe('DeltaBatcher', () => {
  it('posts at most one batch per frame, with only the new text', () => {
    const clock = manualScheduler();
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 16, clock.schedule);
    for (let i = 0; i < 100; i++) b.pushText(`t${i} `);
    b.pushReasoning('why');
    assert.equal(out.length, 0);
    assert.equal(clock.armed(), 1);
    clock.advance(16);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.text?.startsWith('t0 t1 '), true);
    assert.equal(out[0]?.reasoning, 'why');
    b.pushText('next');
    clock.advance(16);
    assert.deepEqual(out[1], { text: 'next' });
  });

  it('flush sends pending deltas at once and cancels the timer', () => {
    const clock = manualScheduler();
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 16, clock.schedule);
    b.pushText('a');
    b.flush();
    assert.deepEqual(out, [{ text: 'a' }]);
    assert.equal(clock.armed(), 0);
    b.flush();
    assert.equal(out.length, 1, 'an empty flush posts nothing');
  });

  it('ignores empty strings', () => {
    const clock = manualScheduler();
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 16, clock.schedule);
    b.pushText('');
    b.pushReasoning('');
    assert.equal(clock.armed(), 0);
  });
});
