import assert from 'node:assert/strict';
import { join } from 'node:path';
import { searchTextTool } from '../../../src/common/tools/searchText';
import type { Ripgrep } from '../../../src/common/tools/ripgrepSearch';
import { singleFolderFs } from '../../support/nodeWorkspaceFs';
import { nodeSpawnLines, realRipgrep } from '../../support/realRipgrep';
import { makeTree, removeTree, type Tree } from '../../support/tempTree';
import { runTool } from './toolTestKit';

function corpus(outside: string): Tree {
  const t: Tree = {
    '.gitignore': 'ignored/\n',
    'src/app.ts': 'const a = 1; // TODO: rename\nconst todo = 2;\nexport {}\n',
    'src/util.ts': 'export const x = "needle";\n',
    'docs/guide.md': '# Guide\nTODO write the guide\n',
    'ignored/skip.ts': 'TODO in an ignored folder\n',
    'excluded/skip.ts': 'TODO in an excluded folder\n',
    '.env': 'TODO_SECRET=hunter2\n',
    'keys/server.pem': 'TODO private key\n',
    'bin/blob.dat': new Uint8Array([84, 79, 68, 79, 0, 1, 2]),
    'env-link.txt': { link: '.env' },
    'out-link.txt': { link: join(outside, 'secret.txt') },
  };
  for (let i = 0; i < 250; i++) t[`many/m${String(i).padStart(3, '0')}.txt`] = 'needle here\n';
  return t;
}

type Engine = 'javascript' | 'ripgrep';

function searchSuite(engine: Engine): void {
  describe(`search_text (${engine})`, () => {
    let root: string;
    let outside: string;
    let rg: Ripgrep | undefined;
    before(() => {
      rg = engine === 'ripgrep' ? realRipgrep() : undefined;
      outside = makeTree({ 'secret.txt': 'TODO outside the workspace\n' });
      root = makeTree(corpus(outside));
    });
    after(() => {
      if (root) removeTree(root);
      if (outside) removeTree(outside);
    });
    const fs = () => singleFolderFs(root, { excludes: ['**/excluded'], ...(rg ? { ripgrep: rg } : {}) });

    it('finds text case-insensitively, as path:line: text, honouring .gitignore and excludes', async () => {
      const r = await runTool(searchTextTool, fs(), { query: 'todo' });
      const lines = r.text.split('\n');
      assert.equal(lines[0], "3 results for 'todo' (path:line: text):");
      assert.deepEqual(lines.slice(1).sort(), [
        'docs/guide.md:2: TODO write the guide',
        'src/app.ts:1: const a = 1; // TODO: rename',
        'src/app.ts:2: const todo = 2;',
      ]);
      assert.doesNotMatch(r.text, /ignored|excluded|hunter2|private key|outside the workspace/);
      assert.equal(r.summary, "Searched 'todo': 3 results");
    });

    it('never returns lines from sensitive files, even through a symlink, nor from outside the workspace', async () => {
      const r = await runTool(searchTextTool, fs(), { query: 'TODO', caseSensitive: true, maxResults: 200 });
      assert.doesNotMatch(r.text, /hunter2|TODO_SECRET|private key|outside the workspace/);
      assert.doesNotMatch(r.text, /env-link|out-link|server\.pem|\.env/);
      assert.deepEqual(r.asked, [], 'search never asks: it simply leaves sensitive files out');
    });

    it('supports case-sensitive, regex and include-glob searches and skips binary files', async () => {
      const cs = await runTool(searchTextTool, fs(), { query: 'todo', caseSensitive: true });
      assert.equal(cs.details?.count, 1);
      const re = await runTool(searchTextTool, fs(), { query: 'const \\w+ = \\d', isRegex: true });
      assert.equal(re.details?.count, 2);
      const md = await runTool(searchTextTool, fs(), { query: 'todo', include: '*.md' });
      assert.equal(md.text.split('\n').slice(1).join('\n'), 'docs/guide.md:2: TODO write the guide');
      const src = await runTool(searchTextTool, fs(), { query: 'needle', include: 'src/**' });
      assert.equal(src.details?.count, 1);
      assert.doesNotMatch((await runTool(searchTextTool, fs(), { query: 'TODO', maxResults: 200 })).text, /blob\.dat/);
    });

    it('stops at maxResults (at most 200) and says so', async () => {
      const r = await runTool(searchTextTool, fs(), { query: 'needle here', maxResults: 500 });
      assert.equal(r.truncated, true);
      assert.equal(r.text.split('\n').filter((l) => l.startsWith('many/')).length, 200);
      assert.match(r.text, /\[Truncated: stopped at 200 results/);
      assert.equal(r.summary, "Searched 'needle here': 200+ results");
      const small = await runTool(searchTextTool, fs(), { query: 'needle here', maxResults: 7 });
      assert.equal(small.details?.count, 7);
    });

    it('reports an invalid regular expression as an error', async () => {
      await assert.rejects(
        runTool(searchTextTool, fs(), { query: '(unclosed', isRegex: true }),
        /regular expression|regex parse error|search failed/,
      );
    });

    it('stops when aborted', async () => {
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(
        runTool(searchTextTool, fs(), { query: 'needle' }, { signal: ac.signal }),
        (e: Error) => e.name === 'AbortError',
      );
    });
  });
}

searchSuite('javascript');
searchSuite('ripgrep');

describe('VS Code ripgrep process control (real rg)', () => {
  let root: string;
  let rg: Ripgrep | undefined;
  const kills: string[] = [];
  before(() => {
    const real = realRipgrep();
    const t: Tree = {};
    for (let i = 0; i < 2000; i++) t[`f/${i}.txt`] = 'hit\n'.repeat(50);
    root = makeTree(t);
    rg = {
      path: real.path,
      spawn: (cmd, args, cwd, onLine) => {
        const p = nodeSpawnLines(cmd, args, cwd, onLine);
        return {
          exited: p.exited,
          kill: () => {
            kills.push('kill');
            p.kill();
          },
        };
      },
    };
  });
  after(() => {
    if (root) removeTree(root);
  });

  it('kills ripgrep as soon as the cap is reached', async () => {
    kills.length = 0;
    const fs = singleFolderFs(root, rg ? { ripgrep: rg } : {});
    const started = Date.now();
    const r = await fs.searchText(
      { pattern: 'hit', isRegex: false, caseSensitive: false, maxResults: 5, denyGlobs: [] },
      new AbortController().signal,
    );
    assert.equal(r.matches.length, 5);
    assert.equal(r.truncated, true);
    assert.equal(r.engine, 'ripgrep');
    assert.ok(kills.length >= 1, 'the process was killed');
    assert.ok(Date.now() - started < 5000);
  });

  it('kills ripgrep on Stop', async () => {
    kills.length = 0;
    const ac = new AbortController();
    const spy: Ripgrep | undefined = rg && {
      path: rg.path,
      spawn: (c, a, d, onLine) =>
        rg?.spawn(c, a, d, (l) => {
          onLine(l);
          ac.abort();
        }) ?? assert.fail(),
    };
    const fs = singleFolderFs(root, spy ? { ripgrep: spy } : {});
    await assert.rejects(
      fs.searchText(
        { pattern: 'hit', isRegex: false, caseSensitive: false, maxResults: 100_000, denyGlobs: [] },
        ac.signal,
      ),
      (e: Error) => e.name === 'AbortError',
    );
    assert.ok(kills.length >= 1);
  });

  it('lists files with --files, honouring .gitignore', async () => {
    const small = makeTree({ '.gitignore': 'skip/\n', 'keep/a.ts': '', 'skip/b.ts': '', 'c.js': '' });
    try {
      const fs = singleFolderFs(small, rg ? { ripgrep: rg } : {});
      const r = await fs.findFiles('**/*.ts', { max: 10 }, new AbortController().signal);
      assert.deepEqual(
        r.files.map((f) => f.relPath),
        ['keep/a.ts'],
      );
    } finally {
      removeTree(small);
    }
  });
});
