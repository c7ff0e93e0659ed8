// `npm start [folder]`: builds the extension and serves a real VS Code (code-server) on 127.0.0.1 with
// the extension loaded from this checkout, then prints the URL to open. PORT picks the port.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { ROOT } from './lib/prereqs.mjs';

const folder = resolve(process.argv[2] ?? ROOT);
if (!existsSync(folder)) {
  process.stderr.write(`No such folder: ${folder}\n`);
  process.exit(2);
}
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
const server = await startCodeServer({ label: 'start', port: Number(process.env.PORT ?? 0) || 0 });
const url = workbenchUrl(server.url, server.port, { folder, extensionDevelopmentPath: ROOT });
process.stdout.write(`\nAIO Coder is running in VS Code (code-server) for ${folder}\n\n  Open: ${url}\n\n`);
process.stdout.write(`Logs: ${server.logFile}\nPress Ctrl+C to stop.\n`);
const stop = () => { server.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.proc.on('exit', (code) => { process.stderr.write(`code-server exited (${code})\n`); process.exit(code ?? 1); });
