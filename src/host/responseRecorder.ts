import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where the recorder reports. */
export interface RecorderLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/** The hooks `streamChat` calls with the raw body bytes of each attempt. */
export interface ResponseRecorder {
  record(bytes: Uint8Array): void;
  recordEnd(info: { attempt: number; status: number; contentType: string }): void;
}

/** Writes each attempt's raw body (never headers, never the key) to `<logFolder>/responses/`. */
export function createResponseRecorder(logDir: string, log: RecorderLog): ResponseRecorder {
  const dir = join(logDir, 'responses');
  let open: OpenFile | undefined;
  return {
    record: (b) => {
      try {
        open ??= startFile(dir);
        writeSync(open.fd, b);
        open.bytes += b.byteLength;
      } catch (e: unknown) {
        log.warn(`Could not record the response body: ${String(e)}`);
      }
    },
    recordEnd: (info) => {
      if (open === undefined) return;
      const { fd, file, bytes } = open;
      open = undefined;
      closeSync(fd);
      writeMetadata(file, info, log);
      const type = info.contentType || 'no content type';
      log.info(
        `Recorded response body (attempt ${info.attempt + 1}, HTTP ${info.status}, ${type}, ${bytes} bytes) ` +
          `to ${file}. Check it with: npm run --silent replay -- "${file}"`,
      );
    },
  };
}

interface OpenFile {
  fd: number;
  file: string;
  bytes: number;
}

/** A new body file, named by the time and a random suffix. */
function startFile(dir: string): OpenFile {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}-${Math.random().toString(36).slice(2, 6)}.sse`);
  return { fd: openSync(file, 'w'), file, bytes: 0 };
}

/** A sibling NAME.expected.json with the status and content type lets `replay` serve the body as it came. */
function writeMetadata(file: string, info: { status: number; contentType: string }, log: RecorderLog): void {
  const headers = info.contentType ? { 'content-type': info.contentType } : {};
  try {
    writeFileSync(
      file.replace(/\.sse$/, '.expected.json'),
      JSON.stringify({ response: { status: info.status, headers } }, null, 2),
    );
  } catch (e: unknown) {
    log.warn(`Could not write the response metadata: ${String(e)}`);
  }
}
