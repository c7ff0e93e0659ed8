/**
 * A fake OpenAI-compatible server on 127.0.0.1 for unit, integration and benchmark runs. It serves
 * recorded bodies with their status and headers, in chosen chunkings and with socket faults, follows
 * a script (answer N depends on request N), and records every request. Node builtins only, and it
 * stops by itself: after `lifetimeMs`, or once `maxRequests` have been answered.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seededRandom';

/** How the body is cut into writes: at once, one byte per write, or seeded random slices. */
export type Chunking = 'whole' | 'bytes' | `random:${number}`;

/** A failure injected after `afterBytes` body bytes (default 0 for stall, half the body otherwise). */
export interface FaultSpec {
  /** destroy: reset the socket; end: end the response cleanly; stall: send nothing more; drip: send the rest slowly. */
  type: 'destroy' | 'end' | 'stall' | 'drip';
  afterBytes?: number;
  /** Pause between writes for `drip` (default 20 ms). */
  dripMs?: number;
}

/** One scripted answer. */
export interface ResponseSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  chunking?: Chunking;
  fault?: FaultSpec;
  /** Wait this long before sending the status line and headers. */
  headersDelayMs?: number;
  /** Instead of `body`: explicit writes, each after its own delay (e.g. keep-alive comments during a long think). */
  writes?: ReadonlyArray<{ data: string | Uint8Array; delayMs?: number }>;
}

/** A request the server received. */
export interface RecordedRequest {
  /** 0-based order of arrival. */
  n: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** True once the client went away before the whole response was sent. */
  clientClosedEarly: boolean;
}

/** The script: a list (answer N for request N) or a function of the request. */
export type Script = readonly ResponseSpec[] | ((req: RecordedRequest, n: number) => ResponseSpec);

/** Options of {@link startFakeServer}. */
export interface FakeServerOptions {
  script: Script;
  /** Requests answered before the server closes itself (default 100). */
  maxRequests?: number;
  /** The server closes itself after this long (default 60 s). Timers are unref'd. */
  lifetimeMs?: number;
}

/** A running fake server. */
export interface FakeServer {
  /** Base URL to configure, e.g. `http://127.0.0.1:PORT/v1`; chat goes to `<url>/chat/completions`. */
  url: string;
  requests: RecordedRequest[];
  /** Closes the server and every open connection; safe to call twice. */
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** Cuts `body` into the slices of a chunking. Exported so fetch stubs can reuse the same cuts. */
export function chunkBody(body: Uint8Array, chunking: Chunking = 'whole'): Uint8Array[] {
  if (chunking === 'whole' || body.length === 0) return [body];
  if (chunking === 'bytes') return Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
  const rnd = seededRandom(Number(chunking.slice('random:'.length)) || 1);
  const out: Uint8Array[] = [];
  for (let i = 0; i < body.length;) {
    const n = 1 + Math.floor(rnd() * 24);
    out.push(body.subarray(i, i + n));
    i += n;
  }
  return out;
}

const toBytes = (b: string | Uint8Array | undefined): Uint8Array =>
  typeof b === 'string' ? Buffer.from(b, 'utf8') : (b ?? new Uint8Array(0));

async function write(res: http.ServerResponse, chunk: Uint8Array): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk))
    await new Promise<void>((r) => {
      res.once('drain', r);
      res.once('close', r);
    });
  return !res.destroyed;
}

async function sendSlices(res: http.ServerResponse, slices: Uint8Array[], gapMs: number): Promise<boolean> {
  for (const s of slices) {
    if (!(await write(res, s))) return false;
    if (gapMs > 0) await sleep(gapMs);
    else if (slices.length > 1) await new Promise((r) => setImmediate(r));
  }
  return true;
}

async function respond(res: http.ServerResponse, spec: ResponseSpec): Promise<void> {
  if (spec.headersDelayMs !== undefined) await sleep(spec.headersDelayMs);
  if (res.destroyed) return;
  res.writeHead(spec.status ?? 200, { 'content-type': 'text/event-stream; charset=utf-8', ...spec.headers });
  res.flushHeaders();
  if (spec.writes !== undefined) return sendWrites(res, spec.writes);
  const body = toBytes(spec.body);
  const fault = spec.fault;
  const cut = Math.min(body.length, fault?.afterBytes ?? (fault?.type === 'stall' ? 0 : Math.floor(body.length / 2)));
  const head = fault === undefined ? body : body.subarray(0, cut);
  if (!(await sendSlices(res, chunkBody(head, spec.chunking), 0))) return;
  if (fault === undefined) return void res.end();
  switch (fault.type) {
    case 'destroy':
      // Let the written bytes reach the client before the reset.
      await sleep(20);
      res.socket?.destroy();
      return;
    case 'end':
      return void res.end();
    case 'stall':
      return; // keep the connection open; close() or the client ends it
    case 'drip':
      if (await sendSlices(res, chunkBody(body.subarray(cut), spec.chunking), fault.dripMs ?? 20)) res.end();
  }
}

async function sendWrites(res: http.ServerResponse, writes: NonNullable<ResponseSpec['writes']>): Promise<void> {
  for (const w of writes) {
    if (w.delayMs !== undefined) await sleep(w.delayMs);
    if (!(await write(res, toBytes(w.data)))) return;
  }
  res.end();
}

function budgetExhausted(res: http.ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message: 'fake server: request budget exhausted', type: 'fake_server' } }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // recorded as text only
  }
}

/** Starts a fake server on 127.0.0.1 (random port). */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const maxRequests = options.maxRequests ?? 100;
  let closing: Promise<void> | undefined;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      const rec: RecordedRequest = {
        n: requests.length,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json: parseJson(body),
        clientClosedEarly: false,
      };
      requests.push(rec);
      res.on('close', () => {
        if (!res.writableFinished) rec.clientClosedEarly = true;
      });
      if (rec.n + 1 >= maxRequests) server.close(); // graceful: the answer below still completes
      if (rec.n >= maxRequests) return budgetExhausted(res);
      const spec = typeof options.script === 'function' ? options.script(rec, rec.n) : options.script[rec.n];
      if (spec === undefined) return budgetExhausted(res);
      respond(res, spec).catch(() => res.destroy());
    });
  });
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 60_000);
  lifetime.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close };
}
