// The fake model of figure 8: a paced OpenAI-compatible server on 127.0.0.1 that stamps each marker it writes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const CHUNKS_PER_TURN = 100;
export const CHUNK_GAP_MS = 23; // not a multiple of the frame, so writes land at every phase of it

/** A fake OpenAI-compatible server that writes one marker chunk every CHUNK_GAP_MS and stamps each write (epoch ms). */
export function pacedServer(): Promise<{ server: Server; url: string; writes: Map<string, number> }> {
  const writes = new Map<string, number>();
  let turn = 0;
  const event = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1768300001, model: 'gemini-3-flash', choices: [{ index: 0, delta, ...extra }] })}\n\n`;
  const words = 'the stream keeps only complete lines so callers can await each answer while the view renders'.split(
    ' ',
  );
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const t = turn++;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.write(event({ role: 'assistant', content: '' }));
      let i = 0;
      const next = (): void => {
        if (res.destroyed) return;
        if (i === CHUNKS_PER_TURN) {
          res.end(event({}, { finish_reason: 'stop' }) + 'data: [DONE]\n\n');
          return;
        }
        const marker = `MK${t}N${i}X`;
        const sep = i % 9 === 8 ? '\n\n' : i % 13 === 12 ? '\n\n- ' : ' ';
        const text = `${words.slice(i % 7, (i % 7) + 5).join(' ')} ${marker}${sep}`;
        writes.set(marker, performance.timeOrigin + performance.now());
        res.write(event({ content: text }));
        i++;
        setTimeout(next, CHUNK_GAP_MS);
      };
      setTimeout(next, CHUNK_GAP_MS);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, writes }),
    ),
  );
}
