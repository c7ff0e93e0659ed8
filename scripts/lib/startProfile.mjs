// The pieces of `npm start` that keep a VS Code profile between runs: the extension linked into the
// profile's extensions folder (as an installed extension, so VS Code runs it as users have it), and a
// port that stays the same from run to run.
import { lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './codeServer.mjs';

/**
 * Links `root` into `extensionsDir` as `<publisher>.<name>-<version>` (a rebuilt checkout is picked up
 * by Developer: Reload Window). Removes links of other versions of the same extension.
 */
export function linkExtension(extensionsDir, root, pkg) {
  mkdirSync(extensionsDir, { recursive: true });
  const id = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  const name = `${id}-${pkg.version}`;
  for (const entry of readdirSync(extensionsDir)) {
    if (entry.toLowerCase().startsWith(`${id}-`) && entry !== name)
      rmSync(join(extensionsDir, entry), { recursive: true, force: true });
  }
  const link = join(extensionsDir, name);
  let current;
  try {
    current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : 'not a link';
  } catch {
    /* absent */
  }
  if (current === root) return link;
  rmSync(link, { recursive: true, force: true });
  symlinkSync(root, link, 'dir');
  return link;
}

/** Resolves true when `port` can be bound on 127.0.0.1 right now. */
async function isFree(port) {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export const DEFAULT_PORT = 8080;

/**
 * The port for `npm start`: `$PORT` when set (0 = any free port), else the one the profile used last
 * time, else 8080, else any free port. Returns a note when the profile's port had to change.
 */
export async function pickPort(envPort, remembered) {
  if (envPort !== undefined && envPort !== '') {
    const wanted = Number(envPort);
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535)
      throw new Error(`PORT must be a port number (0 for any free port), not ${envPort}`);
    return { port: wanted === 0 ? await freePort() : wanted };
  }
  const preferred = remembered && Number.isInteger(remembered) && remembered > 0 ? remembered : DEFAULT_PORT;
  if (await isFree(preferred)) return { port: preferred };
  const port = await freePort();
  const note = remembered
    ? `Port ${remembered}, used by this profile last time, is busy: using ${port}. The browser keeps stored secrets (the API key) per address, so set the key again there.`
    : `Port ${DEFAULT_PORT} is busy: using ${port}.`;
  return { port, note };
}
