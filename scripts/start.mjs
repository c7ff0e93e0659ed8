// `npm start [folder] [-- --fresh]`: ensures the prerequisites, builds the extension and serves a real
// VS Code (code-server) on 127.0.0.1 with AIO Coder installed as users have it, then prints the URL.
// The VS Code profile (settings, extensions, chat history, the server half of the secret-storage key)
// stays in .vscode-test/profile/ between runs; `--fresh` starts from an empty one. The port is kept
// too, because the browser keeps the other half of what VS Code stores per address. PORT picks it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { linkExtension, pickPort } from './lib/startProfile.mjs';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { ensureAllOrExit, ROOT } from './lib/prereqs.mjs';

const args = process.argv.slice(2);
const fresh = args.includes('--fresh');
const folder = resolve(args.find((a) => !a.startsWith('--')) ?? ROOT);
if (!existsSync(folder)) {
  process.stderr.write(`No such folder: ${folder}\n`);
  process.exit(2);
}
const prereqs = ensureAllOrExit();
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });

const profile = resolve(process.env.AIO_START_PROFILE || join(ROOT, '.vscode-test', 'profile'));
if (fresh) rmSync(profile, { recursive: true, force: true });
mkdirSync(profile, { recursive: true });
linkExtension(join(profile, 'extensions'), ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));

const portFile = join(profile, 'port');
const remembered = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : undefined;
const { port, note } = await pickPort(process.env.PORT, remembered);
if (note) process.stderr.write(`${note}\n`);
writeFileSync(portFile, String(port));

// Git is on here (the test runs keep it off): your project's Source Control view offers Generate Commit Message.
const server = await startCodeServer({
  label: 'start',
  dir: profile,
  port,
  prereqs,
  smokeTestDriver: false,
  settings: { 'git.enabled': true },
});
const url = workbenchUrl(server.url, server.port, { folder });
process.stdout.write(`\nAIO Coder is running in VS Code (code-server) for ${folder}\n\n  Open: ${url}\n\n`);
process.stdout.write(`Profile (kept between runs; \`npm start -- --fresh\` empties it): ${profile}\n`);
process.stdout.write(`Logs: ${server.logFile}\nPress Ctrl+C to stop.\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.exited.then((code) => {
  process.stderr.write(`code-server exited (${code})\n`);
  process.exit(code ?? 1);
});
