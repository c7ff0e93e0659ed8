// Figure 4, host → webview traffic: runTurn + DeltaBatcher fed 5,000 text deltas of a 50 KB answer on a
// virtual clock (the scheduler is the one seam DeltaBatcher has for time), with a recording `post`.
// Bytes are the UTF-8 length of each posted message as JSON (what VS Code serializes per postMessage).
// Budget (latency first): every character posted once, at most one post per frame, and bytes ≤ 1.1× the
// answer + 64 B per post. A peer design that posts the accumulated answer on every token is noted for scale.
import { runTurn } from '../src/common/chat/turnRunner';
import { TurnAccumulator } from '../src/common/chat/turnAccumulator';
import type { Scheduler } from '../src/common/chat/deltaBatcher';
import type { StreamPart } from '../src/common/llm/types';
import type { HostToWebview } from '../src/common/protocol';
import { longAnswer, splitDeltas } from './lib/answer';
import { fmtBytes, fmtX, runFigure, type FigureResult, type Row } from './lib/result';

const FRAME_MS = 16;
const BYTES_PER_ANSWER_BYTE = 1.1;
const BYTES_PER_POST = 64;
const REQUEST_ID = 'rmk3x9bench7'; // as long as chatService's ids: `r` + base-36 time + sequence

/** Timers on a virtual clock: `advanceTo` runs due callbacks in time order. */
class VirtualClock {
  now = 0;
  private timers: Array<{ at: number; seq: number; fn: () => void; live: boolean }> = [];
  private seq = 0;

  readonly schedule: Scheduler = (fn, ms) => {
    const t = { at: this.now + ms, seq: this.seq++, fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  };

  advanceTo(time: number): void {
    for (;;) {
      this.timers = this.timers.filter((t) => t.live);
      const next = this.timers.reduce<(typeof this.timers)[number] | undefined>(
        (a, t) => (t.at <= time && (!a || t.at < a.at || (t.at === a.at && t.seq < a.seq)) ? t : a),
        undefined,
      );
      if (!next) break;
      this.now = next.at;
      next.live = false;
      next.fn();
    }
    this.now = time;
  }
}

interface Pace {
  name: string;
  /** Answer characters per second the model produces. */
  charsPerSecond: number;
}

interface Traffic {
  posts: number;
  bytes: number;
  maxPostsPerFrame: number;
  minGapMs: number;
  virtualSeconds: number;
  text: string;
}

const jsonBytes = (m: HostToWebview): number => Buffer.byteLength(JSON.stringify(m), 'utf8');

/** Posts within any window of one frame, over the posts made while the stream was open. */
function maxPerFrame(times: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    // The virtual clock sums fractional delta times: allow for floating-point error at exactly one frame.
    while ((times[i] ?? 0) - (times[j] ?? 0) >= FRAME_MS - 1e-6) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function drive(deltas: string[], pace: Pace): Promise<Traffic> {
  const clock = new VirtualClock();
  const answerChars = deltas.reduce((n, d) => n + d.length, 0);
  const msPerChar = 1000 / pace.charsPerSecond;
  const posted: Array<{ at: number; msg: HostToWebview; streaming: boolean }> = [];
  let streaming = true;
  async function* stream(): AsyncGenerator<StreamPart> {
    let at = 0;
    for (const d of deltas) {
      at += d.length * msPerChar;
      clock.advanceTo(at);
      yield { type: 'text', text: d };
    }
    streaming = false;
    yield { type: 'finish', reason: 'stop', raw: 'stop' };
  }
  const turn = new TurnAccumulator('t1');
  await runTurn(
    {
      stream: () => stream(),
      post: (msg) => posted.push({ at: clock.now, msg, streaming }),
      maxToolRounds: 0,
      schedule: clock.schedule,
    },
    { requestId: REQUEST_ID, turn, signal: new AbortController().signal, messages: [], base: { model: 'gemini' } },
  );
  const deltaPosts = posted.filter((p) => p.msg.type === 'delta');
  const times = deltaPosts.filter((p) => p.streaming).map((p) => p.at);
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
  const text = deltaPosts.map((p) => (p.msg.type === 'delta' ? (p.msg.text ?? '') : '')).join('');
  return {
    posts: deltaPosts.length,
    bytes: deltaPosts.reduce((n, p) => n + jsonBytes(p.msg), 0),
    maxPostsPerFrame: maxPerFrame(times),
    minGapMs: gaps.length ? Math.min(...gaps) : Number.NaN,
    virtualSeconds: (answerChars * msPerChar) / 1000,
    text,
  };
}

/** The peer design: every token posts the whole answer so far. */
function peerBytes(deltas: string[]): { posts: number; bytes: number } {
  let acc = '';
  let bytes = 0;
  for (const d of deltas) {
    acc += d;
    bytes += jsonBytes({ type: 'delta', requestId: REQUEST_ID, text: acc });
  }
  return { posts: deltas.length, bytes };
}

/** The byte budget: 1.1× the answer plus one envelope allowance per post. */
const byteBudget = (answerBytes: number, posts: number): number =>
  BYTES_PER_ANSWER_BYTE * answerBytes + BYTES_PER_POST * posts;

runFigure('4', 'Host → webview traffic', async (): Promise<FigureResult> => {
  const answer = longAnswer(50_000);
  const deltas = splitDeltas(answer, 5000);
  const answerBytes = Buffer.byteLength(answer, 'utf8');
  const paces: Pace[] = [
    { name: 'replay pace (answer in 1 s)', charsPerSecond: answer.length },
    { name: 'fast model (10,000 chars/s)', charsPerSecond: 10_000 },
    { name: 'model pace (1,000 chars/s)', charsPerSecond: 1_000 },
  ];
  const results: Array<Traffic & { pace: Pace }> = [];
  for (const pace of paces) results.push({ ...(await drive(deltas, pace)), pace });
  // 1. Every character posted once: the posted deltas, joined, are the answer (nothing lost, nothing re-sent).
  const postedChars = results.map((r) => r.text.length);
  const allOnce = results.every((r) => r.text === answer);
  const worstChars = postedChars.reduce((a, n) => (Math.abs(n - answer.length) > Math.abs(a - answer.length) ? n : a));
  const rows: Row[] = [
    {
      figure: `4 Characters posted for a ${answer.length.toLocaleString('en-US')}-character answer (worst of ${paces.length} paces)`,
      ours: worstChars.toLocaleString('en-US'),
      baseline: `${answer.length.toLocaleString('en-US')} (answer)`,
      ratio: fmtX(worstChars / answer.length),
      budget: 'each once (joined posts = answer)',
      pass: allOnce,
    },
  ];
  // 2. At most one post per frame while the stream is open.
  const worstPerFrame = Math.max(...results.map((r) => r.maxPostsPerFrame));
  rows.push({
    figure: `4 Posts per ${FRAME_MS} ms frame while streaming (worst window, ${paces.length} paces)`,
    ours: String(worstPerFrame),
    baseline: `${Math.max(...results.map((r) => Math.ceil((deltas.length / r.virtualSeconds / 1000) * FRAME_MS)))} (one per token)`,
    ratio: '—',
    budget: '≤ 1',
    pass: worstPerFrame <= 1,
  });
  // 3. Bytes: the answer with JSON escaping, plus the envelope of each post.
  for (const r of results) {
    const budget = byteBudget(answerBytes, r.posts);
    rows.push({
      figure: `4 Bytes posted, ${r.pace.name}: ${r.posts} posts`,
      ours: fmtBytes(r.bytes),
      baseline: `${fmtBytes(answerBytes)} (answer)`,
      ratio: fmtX(r.bytes / answerBytes),
      budget: `≤ ${BYTES_PER_ANSWER_BYTE}× + ${BYTES_PER_POST} B/post = ${fmtBytes(Math.floor(budget))}`,
      pass: r.bytes <= budget,
    });
  }
  const peer = peerBytes(deltas);
  const envelope = jsonBytes({ type: 'delta', requestId: REQUEST_ID, text: '' });
  const escaping = Buffer.byteLength(JSON.stringify(answer)) - 2 - answerBytes;
  const model = results.at(-1);
  return {
    id: '4',
    title: 'Host → webview traffic',
    rows,
    notes: [
      `4: deterministic (virtual clock), so one run is exact. Latency first: the first delta after a quiet frame is posted at once, later ones wait for the frame to end, so at model pace a post carries ~${Math.round(answer.length / (model?.posts ?? 1))} characters.` +
        ` Budget: every character posted once, at most one post per frame, bytes ≤ ${BYTES_PER_ANSWER_BYTE}× the answer + ${BYTES_PER_POST} B per post. The answer's JSON escaping (newlines, quotes of the code-heavy answer) adds ${fmtBytes(escaping)} (${((100 * escaping) / answerBytes).toFixed(1)}%); each post's envelope ({"type":"delta","requestId":…,"text":…}) is ${envelope} B.` +
        ` For comparison, posting the accumulated answer on every token would send ${fmtBytes(peer.bytes)} in ${peer.posts} posts.`,
    ],
    raw: {
      answerBytes,
      answerChars: answer.length,
      deltas: deltas.length,
      envelopeBytes: envelope,
      budget: { bytesPerAnswerByte: BYTES_PER_ANSWER_BYTE, bytesPerPost: BYTES_PER_POST, postsPerFrame: 1 },
      paces: results.map(({ text, ...r }) => ({ ...r, postedChars: text.length, postedOnce: text === answer })),
      peer,
    },
  };
});
