import assert from 'node:assert/strict';
import { join } from 'node:path';
import { findFilesTool } from '../../../src/common/tools/findFiles';
import { listDirectoryTool } from '../../../src/common/tools/listDirectory';
import { NodeWorkspaceFs, singleFolderFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree, type Tree } from '../../support/tempTree';
import { runTool } from './toolTestKit';

function manyFiles(prefix: string, n: number, ext = 'ts'): Tree {
  const t: Tree = {};
  for (let i = 0; i < n; i++) t[`${prefix}/f${String(i).padStart(3, '0')}.${ext}`] = `// ${i}\n`;
  return t;
}

describe('list_directory', () => {
  let root: string;
  let outside: string;
  before(() => {
    outside = makeTree({ 'x.txt': 'x' });
    root = makeTree({
      'src/app.ts': '',
      'src/lib/util.ts': '',
      'src/lib/deep/deeper/deepest.ts': '',
      'README.md': '',
      '.env': 'A=1',
      'node_modules/pkg/index.js': '',
      'empty/': '',
      out: { link: outside },
      ...manyFiles('many', 600),
    });
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('lists one level with folders first and marked, symlinks marked and sensitive names shown', async () => {
    const r = await runTool(listDirectoryTool, singleFolderFs(root), {});
    assert.equal(
      r.text.split('\n').slice(1).join('\n'),
      ['empty/', 'many/', 'node_modules/', 'src/', '.env', 'README.md', 'out@'].join('\n'),
    );
    assert.equal(r.summary, 'Listed ./ (depth 1): 7 entries');
    assert.deepEqual(r.asked, [], 'listing names never asks');
  });

  it('indents deeper levels, does not expand node_modules, and caps the depth at 3', async () => {
    const r = await runTool(listDirectoryTool, singleFolderFs(root), { path: 'src', depth: 9 });
    assert.match(r.text, /^Directory: src\/ \(depth 3, capped at 3\)/);
    assert.match(r.text, /\nlib\/\n {2}deep\/\n {4}deeper\/\n {2}util\.ts\napp\.ts/);
    assert.doesNotMatch(r.text, /deepest/);
    assert.equal(r.summary, 'Listed src/ (depth 3): 5 entries');
    const small = makeTree({ 'node_modules/pkg/index.js': '', '.git/HEAD': '', 'lib/a.ts': '' });
    try {
      const top = await runTool(listDirectoryTool, singleFolderFs(small), { path: '.', depth: 2 });
      assert.equal(
        top.text.split('\n').slice(1).join('\n'),
        ['.git/ (not expanded)', 'lib/', '  a.ts', 'node_modules/ (not expanded)'].join('\n'),
      );
    } finally {
      removeTree(small);
    }
  });

  it('stops at 500 entries and says so', async () => {
    const r = await runTool(listDirectoryTool, singleFolderFs(root), { path: 'many' });
    assert.equal(r.truncated, true);
    assert.equal(r.text.split('\n').filter((l) => /^f\d+\.ts$/.test(l)).length, 500);
    assert.match(r.text, /\[Truncated: list_directory returns at most 500 entries/);
    assert.equal(r.summary, 'Listed many/ (depth 1): 500+ entries');
  });

  it('refuses files, missing folders, escapes and symlinked folders leading outside', async () => {
    const fs = singleFolderFs(root);
    assert.match((await runTool(listDirectoryTool, fs, { path: 'README.md' })).text, /is not a directory/);
    assert.match((await runTool(listDirectoryTool, fs, { path: 'nope' })).text, /does not exist/);
    assert.match((await runTool(listDirectoryTool, fs, { path: '..' })).text, /'\.\.'/);
    assert.match((await runTool(listDirectoryTool, fs, { path: 'out' })).text, /outside the workspace/);
    assert.match((await runTool(listDirectoryTool, fs, { path: 'empty' })).text, /\(empty\)/);
  });

  it('lists the folders at the root of a multi-root workspace', async () => {
    const fs = new NodeWorkspaceFs([
      { name: 'one', absPath: join(root, 'src') },
      { name: 'two', absPath: join(root, 'empty') },
    ]);
    const r = await runTool(listDirectoryTool, fs, { depth: 2 });
    assert.equal(r.text.split('\n').slice(1).join('\n'), ['one/', '  lib/', '  app.ts', 'two/'].join('\n'));
    const inner = await runTool(listDirectoryTool, fs, { path: 'one/lib' });
    assert.match(inner.text, /^Directory: one\/lib\/ /);
  });
});

describe('find_files', () => {
  let root: string;
  before(() => {
    root = makeTree({
      '.gitignore': 'dist/\n*.log\n',
      'src/a.ts': '',
      'src/b.tsx': '',
      'src/sub/c.ts': '',
      'docs/readme.md': '',
      'dist/bundle.ts': '',
      'debug.log': '',
      '.git/HEAD': 'ref',
      'build/gen.ts': '',
      '.env': '',
      ...manyFiles('gen', 250),
    });
  });
  after(() => removeTree(root));

  it('finds files by glob, honouring .gitignore and the exclude settings', async () => {
    const fs = singleFolderFs(root, { excludes: ['**/build'] });
    const r = await runTool(findFilesTool, fs, { glob: 'src/**/*.ts' });
    assert.equal(r.text, "Found 2 files matching 'src/**/*.ts':\nsrc/a.ts\nsrc/sub/c.ts");
    assert.equal(r.summary, "Found 2 files matching 'src/**/*.ts'");
    const all = await runTool(findFilesTool, fs, { glob: '*.ts', maxResults: 5 });
    assert.doesNotMatch(all.text, /dist\/|build\//);
    const logs = await runTool(findFilesTool, fs, { glob: '**/*.log' });
    assert.match(logs.text, /^No files match/);
  });

  it('lists sensitive names (names are fine) but never .git internals', async () => {
    const r = await runTool(findFilesTool, singleFolderFs(root), { glob: '**/.*' });
    assert.match(r.text, /\n\.env(\n|$)/);
    assert.doesNotMatch(r.text, /\.git\/HEAD/);
    assert.deepEqual(r.asked, []);
  });

  it('stops at 200 results and says so', async () => {
    const r = await runTool(findFilesTool, singleFolderFs(root), { glob: 'gen/*.ts', maxResults: 1000 });
    assert.equal(r.truncated, true);
    assert.equal(r.text.split('\n').filter((l) => l.startsWith('gen/')).length, 200);
    assert.match(r.text, /\[Truncated: showing the first 200 files; more match/);
    assert.equal(r.summary, "Found 200+ files matching 'gen/*.ts'");
  });

  it('refuses globs that leave the workspace and scopes a multi-root glob by folder name', async () => {
    assert.match(
      (await runTool(findFilesTool, singleFolderFs(root), { glob: '../**/*.ts' })).text,
      /may not contain '\.\.'/,
    );
    const fs = new NodeWorkspaceFs([
      { name: 'src', absPath: join(root, 'src') },
      { name: 'docs', absPath: join(root, 'docs') },
    ]);
    assert.equal(
      (await runTool(findFilesTool, fs, { glob: 'docs/**' })).text,
      "Found 1 file matching 'docs/**':\ndocs/readme.md",
    );
    assert.match((await runTool(findFilesTool, fs, { glob: '**/*.ts' })).text, /src\/a\.ts\nsrc\/sub\/c\.ts/);
  });
});
