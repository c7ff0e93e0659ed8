import assert from 'node:assert/strict';
import {
  filesArgs,
  parseMatchLine,
  ripgrepCandidates,
  ripgrepFiles,
  ripgrepSearch,
  searchArgs,
  type LineProcess,
  type Ripgrep,
} from '../../../src/common/tools/ripgrepSearch';
import type { TextQuery } from '../../../src/common/tools/workspaceFs';

const FOLDER = { name: 'ws', absPath: '/ws' };
const query = (over: Partial<TextQuery> = {}): TextQuery => ({
  pattern: 'x',
  isRegex: false,
  caseSensitive: false,
  maxResults: 10,
  denyGlobs: ['**/.env*'],
  ...over,
});
const matchLine = (path: string, n: number, text: string) =>
  JSON.stringify({ type: 'match', data: { path: { text: path }, lines: { text: `${text}\n` }, line_number: n } });

/** A scripted ripgrep: emits `lines`, then exits with `code` unless `hang`; records kills. */
function fakeRg(script: {
  lines?: string[];
  code?: number;
  stderr?: string;
  hang?: boolean;
}): Ripgrep & { kills: number; argsSeen: string[][] } {
  const rg = {
    path: '/fake/rg',
    kills: 0,
    argsSeen: [] as string[][],
    spawn: (_cmd: string, args: readonly string[], _cwd: string, onLine: (l: string) => void): LineProcess => {
      rg.argsSeen.push([...args]);
      let finish: (v: { code: number | null; stderr: string }) => void = () => {};
      const exited = new Promise<{ code: number | null; stderr: string }>((r) => {
        finish = r;
      });
      let killed = false;
      for (const l of script.lines ?? []) {
        if (!killed) onLine(l);
      }
      if (!script.hang) setTimeout(() => finish({ code: script.code ?? 0, stderr: script.stderr ?? '' }), 5);
      return {
        exited,
        kill: () => {
          if (!killed) {
            killed = true;
            rg.kills++;
            finish({ code: null, stderr: '' });
          }
        },
      };
    },
  };
  return rg;
}

describe('ripgrep search (scripted process)', () => {
  it('builds safe arguments: fixed strings, excludes, case-insensitive deny globs, pattern after --regexp and --', () => {
    const args = searchArgs(query({ pattern: '-rf', include: 'src/**' }), FOLDER, {
      excludesFor: () => ['**/node_modules'],
      useIgnoreFiles: false,
    });
    assert.deepEqual(args.slice(args.indexOf('--regexp')), ['--regexp', '-rf', '--', '.']);
    for (const a of ['--json', '--fixed-strings', '--ignore-case', '--hidden', '--no-ignore'])
      assert.ok(args.includes(a), a);
    assert.equal(args[args.indexOf('--iglob') + 1], '!**/.env*');
    assert.ok(args.join(' ').includes('--glob src/**'));
    assert.ok(args.join(' ').includes('--glob !**/node_modules'));
    assert.ok(!args.includes('--follow'), 'symlinks are not followed out of the workspace');
    const rx = searchArgs(query({ isRegex: true, caseSensitive: true }), FOLDER);
    assert.ok(rx.includes('--case-sensitive') && rx.includes('--engine') && !rx.includes('--fixed-strings'));
    assert.deepEqual(filesArgs('**/*.ts', FOLDER).slice(0, 3), ['--files', '--glob', '**/*.ts']);
    // Listing everything passes no glob: a matching --glob would win over .gitignore.
    assert.ok(!filesArgs('**', FOLDER).includes('**'));
  });

  it('parses --json match lines and ignores the rest', () => {
    assert.deepEqual(parseMatchLine(matchLine('./src/a.ts', 3, 'hello')), {
      relPath: 'src/a.ts',
      line: 3,
      text: 'hello',
    });
    assert.deepEqual(parseMatchLine(matchLine('.\\src\\b.ts', 1, 'x'))?.relPath, 'src/b.ts');
    assert.equal(parseMatchLine('{"type":"begin","data":{}}'), undefined);
    assert.equal(parseMatchLine('not json'), undefined);
  });

  it('kills the process when the cap is reached', async () => {
    const rg = fakeRg({ lines: Array.from({ length: 50 }, (_, i) => matchLine('a.txt', i + 1, 'x')), hang: true });
    const r = await ripgrepSearch(rg, [FOLDER], query({ maxResults: 3 }), new AbortController().signal);
    assert.equal(r.matches.length, 3);
    assert.equal(r.truncated, true);
    assert.equal(rg.kills, 1);
  });

  it('kills the process on abort and rejects with AbortError', async () => {
    const rg = fakeRg({ hang: true });
    const ac = new AbortController();
    const p = ripgrepSearch(rg, [FOLDER], query(), ac.signal);
    setTimeout(() => ac.abort(), 10);
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    assert.equal(rg.kills, 1);
  });

  it('kills the process at the deadline and returns what it found', async () => {
    const rg = fakeRg({ lines: [matchLine('a.txt', 1, 'x')], hang: true });
    const r = await ripgrepSearch(rg, [FOLDER], query(), new AbortController().signal, { timeoutMs: 30 });
    assert.equal(r.timedOut, true);
    assert.equal(r.matches.length, 1);
    assert.equal(rg.kills, 1);
    const files = await ripgrepFiles(fakeRg({ hang: true }), [FOLDER], '**', { max: 5 }, new AbortController().signal, {
      timeoutMs: 20,
    });
    assert.equal(files.truncated, true);
  });

  it('turns exit code 2 into an error, except for "No files were searched"', async () => {
    await assert.rejects(
      ripgrepSearch(
        fakeRg({ code: 2, stderr: 'regex parse error:\n  (\n  ^\nerror: unclosed group' }),
        [FOLDER],
        query(),
        new AbortController().signal,
      ),
      /the search failed: regex parse error: \( \^ error: unclosed group/,
    );
    const r = await ripgrepSearch(
      fakeRg({ code: 2, stderr: 'No files were searched, which means ripgrep probably applied a filter' }),
      [FOLDER],
      query(),
      new AbortController().signal,
    );
    assert.deepEqual(r.matches, []);
    const none = await ripgrepSearch(fakeRg({ code: 1 }), [FOLDER], query(), new AbortController().signal);
    assert.deepEqual(none, { matches: [], truncated: false, engine: 'ripgrep' });
  });

  it('searches each folder in turn, sharing one cap, and only the named folder when scoped', async () => {
    const rg = fakeRg({ lines: [matchLine('a.txt', 1, 'x'), matchLine('b.txt', 2, 'y')] });
    const two = [FOLDER, { name: 'lib', absPath: '/lib' }];
    const r = await ripgrepSearch(rg, two, query({ maxResults: 3 }), new AbortController().signal);
    assert.deepEqual(
      r.matches.map((m) => `${m.folder}/${m.relPath}`),
      ['ws/a.txt', 'ws/b.txt', 'lib/a.txt'],
    );
    const scoped = await ripgrepSearch(
      fakeRg({ lines: [matchLine('a.txt', 1, 'x')] }),
      two,
      query({ folder: 'lib' }),
      new AbortController().signal,
    );
    assert.deepEqual(
      scoped.matches.map((m) => m.folder),
      ['lib'],
    );
  });

  it('looks for ripgrep where VS Code builds keep it, newest layout first', () => {
    assert.deepEqual(ripgrepCandidates('/opt/code/resources/app/', 'linux', 'x64'), [
      '/opt/code/resources/app/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/opt/code/resources/app/node_modules/@vscode/ripgrep/bin/rg',
      '/opt/code/resources/app/node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/opt/code/resources/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
    ]);
    assert.ok(ripgrepCandidates('C:\\VS Code\\resources\\app', 'win32', 'x64')[0]?.endsWith('/bin/win32-x64/rg.exe'));
  });
});
