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
  let fd: number | undefined;
  let file = '';
  let bytes = 0;
  return {
    record: (b) => {
      try {
        if (fd === undefined) {
          mkdirSync(dir, { recursive: true });
          file = join(
            dir,
            `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 6)}.sse`,
          );
          fd = openSync(file, 'w');
          bytes = 0;
        }
        writeSync(fd, b);
        bytes += b.byteLength;
      } catch (e: unknown) {
        log.warn(`Could not record the response body: ${String(e)}`);
      }
    },
    recordEnd: (info) => {
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      // A sibling NAME.expected.json with the status and content type lets `replay` serve the body as it came.
      const headers = info.contentType ? { 'content-type': info.contentType } : {};
      try {
        writeFileSync(
          file.replace(/\.sse$/, '.expected.json'),
          JSON.stringify({ response: { status: info.status, headers } }, null, 2),
        );
      } catch (e: unknown) {
        log.warn(`Could not write the response metadata: ${String(e)}`);
      }
      log.info(
        `Recorded response body (attempt ${info.attempt + 1}, HTTP ${info.status}, ${info.contentType || 'no content type'}, ${bytes} bytes) to ${file}. Check it with: npm run --silent replay -- "${file}"`,
      );
    },
  };
}
