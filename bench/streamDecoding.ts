// Figure 3, stream decoding: our client's per-event cost (streamChat over a fetch stub, every part
// consumed) against the floor of eventsource-parser + JSON.parse alone on the same bytes, cut into
// the same 1-16 KB chunks, both read from a Response body.
import { createParser } from 'eventsource-parser';
import { streamChat } from '../src/common/llm/client';
import { fmtUs, fmtX, fmtBytes, runFigure, type FigureResult } from './lib/result';
import { longAnswer } from './lib/answer';
import { interleaved, measure, medians, pairedRatio, rng, type Sample } from './lib/stats';

const TARGET_BYTES = 2 * 1024 * 1024;
const BUDGET = 1.5;

const envelope = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  `data: ${JSON.stringify({ choices: [{ delta, index: 0, ...extra }], created: 1768300002, id: 'chatcmpl-aioBench01', model: 'gemini-3-flash', object: 'chat.completion.chunk' })}\n\n`;

/** A ~2 MB recorded-style stream: role chunk, thinking, answer text with code, finish, usage, [DONE]. */
export function recordedStream(): { body: Uint8Array; events: number; textChars: number } {
  const rand = rng(3);
  const answer = longAnswer(1_200_000, 5);
  const thinking = longAnswer(200_000, 9).replace(/```[a-z]*\n/g, '');
  const parts: string[] = [envelope({ content: '', role: 'assistant' })];
  let bytes = parts[0]?.length ?? 0;
  let events = 1;
  let textChars = 0;
  const take = (src: string, pos: number): [string, number] => {
    const n = 30 + Math.floor(rand() * 110);
    return [src.slice(pos, pos + n), pos + n];
  };
  let tp = 0;
  while (tp < thinking.length && bytes < TARGET_BYTES * 0.12) {
    const [piece, next] = take(thinking, tp);
    tp = next;
    const e = envelope({ reasoning_content: piece });
    parts.push(e);
    bytes += Buffer.byteLength(e);
    events++;
  }
  let ap = 0;
  const tail =
    envelope({}, { finish_reason: 'stop' }) +
    `data: ${JSON.stringify({ choices: [], created: 1768300002, credits_consumed: 0.31, id: 'chatcmpl-aioBench01', model: 'gemini-3-flash', object: 'chat.completion.chunk', usage: { completion_tokens: 142000, completion_tokens_details: { reasoning_tokens: 30000 }, prompt_tokens: 1200, total_tokens: 143200 } })}\n\n` +
    'data: [DONE]\n\n';
  while (ap < answer.length && bytes + tail.length < TARGET_BYTES) {
    const [piece, next] = take(answer, ap);
    ap = next;
    const e = envelope({ content: piece });
    parts.push(e);
    bytes += Buffer.byteLength(e);
    textChars += piece.length;
    events++;
  }
  parts.push(tail);
  events += 3;
  return { body: new TextEncoder().encode(parts.join('')), events, textChars };
}

/** Cuts the body at seeded random 1-16 KB boundaries (so some fall mid-event and mid-UTF-8). */
export function cutChunks(body: Uint8Array, seed = 17): Uint8Array[] {
  const rand = rng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < body.length;) {
    const n = 1024 + Math.floor(rand() * 15 * 1024);
    out.push(body.subarray(i, i + n));
    i += n;
  }
  return out;
}

function response(chunks: Uint8Array[]): Response {
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const c = chunks[i++];
      if (c) controller.enqueue(c);
      else controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
}

async function ours(chunks: Uint8Array[], expectChars: number): Promise<Sample> {
  let chars = 0;
  let finished = false;
  const sample = await measure(async () => {
    for await (const part of streamChat(
      { model: 'gemini', messages: [{ role: 'user', content: 'bench' }] },
      {
        baseUrl: 'https://bench.invalid/v1',
        apiKey: 'aio_bench',
        fetch: async () => response(chunks),
        maxRetries: 0,
      },
    )) {
      if (part.type === 'text') chars += part.text.length;
      else if (part.type === 'finish') finished = true;
      else if (part.type === 'error') throw part.error;
    }
  });
  if (!finished || chars !== expectChars)
    throw new Error(`streamChat read ${chars} of ${expectChars} chars (finished: ${finished})`);
  return sample;
}

async function baseline(chunks: Uint8Array[], expectEvents: number): Promise<Sample> {
  let events = 0;
  let sink: unknown;
  const sample = await measure(async () => {
    const reader = response(chunks).body!.getReader();
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent: (ev) => {
        events++;
        if (ev.data !== '[DONE]') sink = JSON.parse(ev.data);
      },
    });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  });
  if (events !== expectEvents || sink === undefined)
    throw new Error(`baseline saw ${events} of ${expectEvents} events`);
  return sample;
}

runFigure('3', 'Stream decoding', async (): Promise<FigureResult> => {
  const { body, events, textChars } = recordedStream();
  const chunks = cutChunks(body);
  const runs = await interleaved(
    { ours: () => ours(chunks, textChars), baseline: () => baseline(chunks, events) },
    21,
    15,
  );
  const m = { ours: medians(runs.ours), baseline: medians(runs.baseline) };
  const perEvent = { ours: m.ours.cpu / events, baseline: m.baseline.cpu / events };
  const ratio = pairedRatio(
    runs.ours.map((x) => x.cpu),
    runs.baseline.map((x) => x.cpu),
  );
  const wallRatio = pairedRatio(
    runs.ours.map((x) => x.wall),
    runs.baseline.map((x) => x.wall),
  );
  return {
    id: '3',
    title: 'Stream decoding',
    rows: [
      {
        figure: `3 Stream decoding: per-event cost (${fmtBytes(body.length)}, ${events} events, ${chunks.length} chunks)`,
        ours: fmtUs(perEvent.ours),
        baseline: `${fmtUs(perEvent.baseline)} (eventsource-parser + JSON.parse)`,
        ratio: fmtX(ratio),
        budget: `≤ ${BUDGET}×`,
        pass: ratio <= BUDGET,
      },
    ],
    notes: [
      `3: CPU time per event (process.cpuUsage), median of 21 interleaved runs after 15 warm-ups; the ratio is the median of the per-pair ratios (wall clock: ${fmtX(wallRatio)}).`,
    ],
    raw: {
      bytes: body.length,
      events,
      chunks: chunks.length,
      textChars,
      runsMs: runs,
      mediansMs: m,
      perEventCpuMs: perEvent,
      ratio,
      wallRatio,
    },
  };
});
