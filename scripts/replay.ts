/**
 * Replays a recorded response body through the product's real client and prints the outcome.
 * Usage: npm run --silent replay -- BODY_FILE [options]   (see --help)
 */
import { existsSync, readFileSync } from 'node:fs';
import { streamChat } from '../src/common/llm/client';
import { collectOutcome } from '../test/support/outcome';
import { startFakeServer, type Chunking } from '../test/support/fakeServer';

const HELP = `Usage: npm run --silent replay -- BODY_FILE [--status N] [--header 'name: value']... [--chunking whole|bytes|random:SEED] [--timeout-seconds N] [--verbose]

Serves BODY_FILE (raw response body bytes, e.g. a file written by aioCoder.debug.recordResponses
or a test/fixtures/transcripts/*.sse file) from a local fake OpenAI-compatible server on 127.0.0.1,
runs the extension's real streaming client against it with retries off, and prints one JSON outcome
object on stdout (schema: test/fixtures/transcripts/README.md). Exits 0 whatever the outcome.

Status and headers: --status and --header win. Otherwise, if a sibling NAME.expected.json exists
(BODY_FILE NAME.sse -> NAME.expected.json, or BODY_FILE.expected.json), its response.status and
response.headers are used. Otherwise status 200 and content-type text/event-stream.

  --status N            HTTP status to serve
  --header 'n: v'       response header (repeatable); replaces the sibling's headers
  --chunking MODE       whole (default), bytes (one byte per write) or random:SEED
  --timeout-seconds N   idle timeout of the client (default 120)
  --verbose             print client warnings (skipped events, dropped calls) on stderr`;

interface Args {
  file: string;
  status?: number;
  headers?: Record<string, string>;
  chunking: Chunking;
  timeoutSeconds: number;
  verbose: boolean;
}

class UsageError extends Error {}

function parseChunking(v: string): Chunking {
  if (v === 'whole' || v === 'bytes') return v;
  if (/^random:\d+$/.test(v)) return v as Chunking;
  throw new UsageError(`Bad --chunking "${v}": use whole, bytes or random:SEED`);
}

function parseArgs(argv: string[]): Args | undefined {
  const a: Partial<Args> & { chunking: Chunking; timeoutSeconds: number; verbose: boolean } = {
    chunking: 'whole',
    timeoutSeconds: 120,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return undefined;
    else if (arg === '--status') a.status = Number(next());
    else if (arg === '--chunking') a.chunking = parseChunking(next());
    else if (arg === '--timeout-seconds') a.timeoutSeconds = Number(next());
    else if (arg === '--verbose') a.verbose = true;
    else if (arg === '--header') {
      const h = next();
      const colon = h.indexOf(':');
      if (colon <= 0) throw new UsageError(`Bad --header "${h}": use 'name: value'`);
      (a.headers ??= {})[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    else if (a.file === undefined) a.file = arg;
    else throw new UsageError(`Unexpected argument ${arg}`);
  }
  if (a.file === undefined) throw new UsageError('BODY_FILE is required');
  if (a.status !== undefined && !(Number.isInteger(a.status) && a.status >= 100 && a.status <= 599))
    throw new UsageError('--status must be 100-599');
  if (!(a.timeoutSeconds > 0)) throw new UsageError('--timeout-seconds must be positive');
  return { ...a, file: a.file };
}

/** The sibling fixture description's response, if there is one. */
function siblingResponse(file: string): { status?: number; headers?: Record<string, string> } {
  const candidates = [file.replace(/\.[^./\\]+$/, '.expected.json'), `${file}.expected.json`];
  for (const c of candidates) {
    if (c === file || !existsSync(c)) continue;
    const meta = JSON.parse(readFileSync(c, 'utf8')) as {
      response?: { status?: number; headers?: Record<string, string> };
    };
    return meta.response ?? {};
  }
  return {};
}

async function replay(args: Args): Promise<void> {
  const body = readFileSync(args.file);
  const sibling = siblingResponse(args.file);
  const status = args.status ?? sibling.status ?? 200;
  const headers = args.headers ?? sibling.headers ?? { 'content-type': 'text/event-stream; charset=utf-8' };
  const server = await startFakeServer({
    script: [{ status, headers, body, chunking: args.chunking }],
    maxRequests: 1,
    lifetimeMs: 10 * 60_000,
  });
  try {
    const outcome = await collectOutcome(
      streamChat(
        { model: 'gemini', messages: [{ role: 'user', content: 'replay' }] },
        {
          baseUrl: server.url,
          apiKey: 'replay',
          maxRetries: 0,
          idleTimeoutMs: args.timeoutSeconds * 1000,
          onWarning: args.verbose ? (m) => process.stderr.write(`warning: ${m}\n`) : undefined,
        },
      ),
    );
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  let args: Args | undefined;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`replay: ${e.message}\n\n${HELP}\n`);
    process.exitCode = 2;
    return;
  }
  if (args === undefined) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  await replay(args);
}

main().catch((e: unknown) => {
  process.stderr.write(`replay: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
