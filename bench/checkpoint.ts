// Figure 9, checkpoints: what writing the answer in flight costs the stream. Two parts, each against a
// baseline measured in the same run:
// - per delta batch, the Checkpointer's notify() (on the streaming path) against an empty callback;
// - per write, a checkpoint of the answer inside a long chat (~300 K characters) through the real
//   HistoryStore over NodeHistoryFs (serialize, write a temp file, fsync, rename), as CPU time of the
//   whole process. A checkpoint is written at most every 2 s, so the cost per second of streaming is
//   half of one write. Baseline: the JSON serialization alone (the least any save must do).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpointer, CHECKPOINT_INTERVAL_MS } from '../src/common/chat/checkpointer';
import { serializeChat } from '../src/common/chat/historyCodec';
import { HistoryStore } from '../src/common/chat/historyStore';
import type { TurnView } from '../src/common/protocol';
import { NodeHistoryFs } from '../src/host/chat/nodeHistoryFs';
import { longAnswer } from './lib/answer';
import { bigChat } from './lib/bigChat';
import { fmtMs, fmtUs, fmtX, runFigure, type FigureResult } from './lib/result';
import { interleaved, measure, median, medians, pairedRatio, type Sample } from './lib/stats';

const RUNS = 15;
const NOTIFY_CALLS = 1_000_000;
/** Share of streaming time checkpoints may take: CPU per write / interval. */
const BUDGET_SHARE = 0.02;

/** ns per call of `fn` over many calls (one sample). */
function perCall(fn: () => void): Sample {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < NOTIFY_CALLS; i++) fn();
  const cpu = process.cpuUsage(c0);
  return { wall: ((performance.now() - t0) * 1e6) / NOTIFY_CALLS, cpu: ((cpu.user + cpu.system) * 1e3) / NOTIFY_CALLS };
}

runFigure('9', 'Checkpoints', async (): Promise<FigureResult> => {
  // notify(): a pending timer makes every later call a flag test, which is the streaming case.
  const checkpointer = new Checkpointer(
    async () => undefined,
    () => () => undefined,
  );
  let sink = 0;
  const notify = await interleaved(
    {
      ours: () => perCall(() => checkpointer.notify()),
      empty: () =>
        perCall(() => {
          sink++;
        }),
    },
    RUNS,
    2,
  );

  const dir = mkdtempSync(join(tmpdir(), 'aio-bench-checkpoint-'));
  try {
    const chat = bigChat();
    const store = new HistoryStore(new NodeHistoryFs(), dir, Date.now);
    await store.save(chat);
    const answer = longAnswer(6_000, 77);
    const live = (n: number): TurnView => ({
      id: 'live',
      role: 'assistant',
      text: answer.slice(0, 1000 + n * 37),
      status: 'streaming',
    });
    let n = 0;
    const writes = await interleaved(
      {
        ours: () => measure(() => store.save({ ...chat, turns: [...chat.turns, live(n++)] })),
        serializeOnly: () => measure(() => void serializeChat({ ...chat, turns: [...chat.turns, live(n++)] })),
      },
      RUNS,
      2,
    );
    const m = { ours: medians(writes.ours), serializeOnly: medians(writes.serializeOnly) };
    const nm = { ours: medians(notify.ours), empty: medians(notify.empty) };
    const chars = serializeChat(chat).length;
    const perSecondMs = m.ours.cpu / (CHECKPOINT_INTERVAL_MS / 1000);
    const share = perSecondMs / 1000;
    return {
      id: '9',
      title: 'Checkpoints',
      rows: [
        {
          figure: '9 Checkpoint notify() per delta batch (the streaming path)',
          ours: `${nm.ours.cpu.toFixed(1)} ns`,
          baseline: `${nm.empty.cpu.toFixed(1)} ns (empty callback)`,
          ratio: fmtX(
            pairedRatio(
              notify.ours.map((s) => s.cpu),
              notify.empty.map((s) => s.cpu),
            ),
          ),
          budget: '—',
        },
        {
          figure: `9 Checkpoint cost per second of streaming (${Math.round(chars / 1000)} K-char chat, one write per ${CHECKPOINT_INTERVAL_MS / 1000} s)`,
          ours: `${fmtMs(perSecondMs)} CPU/s (${(share * 100).toFixed(2)}%)`,
          baseline: `${fmtMs(m.serializeOnly.cpu / (CHECKPOINT_INTERVAL_MS / 1000))} CPU/s (serialization alone)`,
          ratio: fmtX(
            pairedRatio(
              writes.ours.map((s) => s.cpu),
              writes.serializeOnly.map((s) => s.cpu),
            ),
          ),
          budget: `≤ ${BUDGET_SHARE * 100}% of streaming time`,
          pass: share <= BUDGET_SHARE,
        },
        {
          figure: '9 … one checkpoint write (wall, incl. fsync)',
          ours: fmtMs(m.ours.wall),
          baseline: fmtMs(m.serializeOnly.wall),
          ratio: '—',
          budget: 'reported',
        },
      ],
      notes: [
        `9: medians of ${RUNS} interleaved runs; notify() over ${NOTIFY_CALLS.toLocaleString('en-US')} calls per run ` +
          `(${fmtUs(nm.ours.wall / 1e6)} wall per call). A write serializes the whole chat, writes a temp file, ` +
          `fsyncs and renames it; the event loop waits only for the serialization, the rest runs in libuv's pool. ` +
          `(sink ${sink > 0 ? 'used' : 'unused'})`,
      ],
      raw: { notify, writes, chars, medianWrite: median(writes.ours.map((s) => s.cpu)) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
