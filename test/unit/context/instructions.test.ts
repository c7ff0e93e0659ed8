import assert from 'node:assert/strict';
import { join } from 'node:path';
import { workspaceInstructionReader } from '../../../src/common/context/instructionReader';
import {
  discoverInstructions,
  fitInstructions,
  instructionLimits,
  nestedCandidates,
  type InstructionReader,
} from '../../../src/common/context/instructions';
import { DenyList } from '../../../src/common/tools/pathGuard';
import { NodeWorkspaceFs, singleFolderFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';

/** A reader over a map of workspace paths, recording what it was asked. */
function mapReader(files: Record<string, string>): InstructionReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    read: (path) => {
      asked.push(path);
      const text = files[path];
      return Promise.resolve(text === undefined ? undefined : { text, size: text.length, complete: true });
    },
  };
}

const LIMITS = instructionLimits(128_000);
const paths = (files: Array<{ path: string }>): string[] => files.map((f) => f.path);

describe('project instruction discovery', () => {
  it('looks for nested AGENTS.md from the file’s own folder up to (not including) the root', () => {
    assert.deepEqual(nestedCandidates('packages/api/src/server.ts', ['']), [
      'packages/api/src/AGENTS.md',
      'packages/api/AGENTS.md',
      'packages/AGENTS.md',
    ]);
    assert.deepEqual(nestedCandidates('README.md', ['']), []);
    assert.deepEqual(nestedCandidates('node_modules/lib/AGENTS.md', ['']), [], 'third-party folders are skipped');
    assert.deepEqual(nestedCandidates('web/src/a.ts', ['api/', 'web/']), ['web/src/AGENTS.md']);
    assert.deepEqual(nestedCandidates('other/a.ts', ['api/', 'web/']), [], 'outside every folder');
  });

  it('sends the root files in their fixed order, then the nearest nested AGENTS.md, deeper last', async () => {
    const reader = mapReader({
      '.aio/instructions.md': 'aio',
      'AGENTS.md': 'root',
      '.github/copilot-instructions.md': 'copilot',
      'packages/AGENTS.md': 'packages',
      'packages/api/AGENTS.md': 'api',
      'packages/web/AGENTS.md': 'web',
    });
    const files = await discoverInstructions(reader, [''], ['packages/api/src/server.ts', 'packages/web/x.ts'], LIMITS);
    assert.deepEqual(paths(files), [
      'AGENTS.md',
      '.github/copilot-instructions.md',
      '.aio/instructions.md',
      'packages/api/AGENTS.md',
      'packages/web/AGENTS.md',
    ]);
    assert.deepEqual(
      files.map((f) => f.scope),
      ['root', 'root', 'root', 'nested', 'nested'],
    );
    assert.ok(!paths(files).includes('packages/AGENTS.md'), 'only the nearest nested file of each file in context');
  });

  it('orders nested files by depth so the one nearest to the code comes last and wins', async () => {
    const reader = mapReader({ 'a/AGENTS.md': 'a', 'a/b/c/AGENTS.md': 'c' });
    const files = await discoverInstructions(reader, [''], ['a/b/c/deep.ts', 'a/shallow.ts'], LIMITS);
    assert.deepEqual(paths(files), ['a/AGENTS.md', 'a/b/c/AGENTS.md']);
  });

  it('without files in context sends only the root files; a file twice in context counts once', async () => {
    const reader = mapReader({ 'AGENTS.md': 'root', 'src/AGENTS.md': 'src' });
    assert.deepEqual(paths(await discoverInstructions(reader, [''], [], LIMITS)), ['AGENTS.md']);
    const twice = await discoverInstructions(reader, [''], ['src/a.ts', 'src/b.ts'], LIMITS);
    assert.deepEqual(paths(twice), ['AGENTS.md', 'src/AGENTS.md']);
  });

  it('reads the root files of every folder of a multi-root workspace', async () => {
    const reader = mapReader({ 'api/AGENTS.md': 'api', 'web/.aio/instructions.md': 'web', 'web/src/AGENTS.md': 'n' });
    const files = await discoverInstructions(reader, ['api/', 'web/'], ['web/src/app.ts'], LIMITS);
    assert.deepEqual(paths(files), ['api/AGENTS.md', 'web/.aio/instructions.md', 'web/src/AGENTS.md']);
  });

  it('cuts a huge file at a line break and says so; files that no longer fit at all are left out', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `rule ${i}`).join('\n');
    const [cut, after] = fitInstructions(
      [
        { path: 'AGENTS.md', scope: 'root', text: big, size: big.length, complete: true },
        { path: 'src/AGENTS.md', scope: 'nested', text: 'more', size: 4, complete: true },
      ],
      { fileChars: 1000, totalChars: 1000 },
    );
    assert.ok(cut && cut.text.length <= 1000 && cut.text.endsWith('\n'));
    assert.match(cut.cut ?? '', /^cut to its first [\d,]+ characters \(the file has \d+ KB\)$/);
    assert.equal(after?.text, '');
    assert.equal(after?.cut, 'left out to fit the context window');
  });

  it('states a cut made by the reader too (only the start of the file was read)', () => {
    const [f] = fitInstructions(
      [{ path: 'AGENTS.md', scope: 'root', text: 'short', size: 500_000, complete: false }],
      LIMITS,
    );
    assert.match(f?.cut ?? '', /the file has 488 KB/);
  });

  it('limits instructions to a tenth of the window, at most 20,000 characters per file', () => {
    assert.deepEqual(instructionLimits(128_000), { fileChars: 20_000, totalChars: 40_000 });
    assert.deepEqual(instructionLimits(4_000), { fileChars: 1_400, totalChars: 1_400 });
  });
});

describe('reading instruction files from the workspace', () => {
  let root: string;
  let outside: string;
  let fs: NodeWorkspaceFs;
  before(() => {
    outside = makeTree({ 'AGENTS.md': 'from outside the workspace' });
    root = makeTree({
      'AGENTS.md': '\uFEFFUse tabs.\n',
      'secret/AGENTS.md': 'sensitive',
      'linked/AGENTS.md': { link: join(outside, 'AGENTS.md') },
      'bin/AGENTS.md': new Uint8Array([0x41, 0x00, 0x42]),
      'big/AGENTS.md': 'é'.repeat(3000),
    });
    fs = singleFolderFs(root);
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('reads text files inside the workspace, without a byte-order mark', async () => {
    const reader = workspaceInstructionReader(fs, new DenyList([]), 100_000);
    assert.deepEqual(await reader.read('AGENTS.md'), { text: 'Use tabs.\n', size: 13, complete: true });
  });

  it('honours the deny list, and refuses symlinks out of the workspace, binary files and missing files', async () => {
    const reader = workspaceInstructionReader(fs, new DenyList(['**/secret/**']), 100_000);
    assert.equal(await reader.read('secret/AGENTS.md'), undefined);
    assert.equal(await reader.read('linked/AGENTS.md'), undefined);
    assert.equal(await reader.read('bin/AGENTS.md'), undefined);
    assert.equal(await reader.read('missing/AGENTS.md'), undefined);
    assert.equal(await reader.read('../AGENTS.md'), undefined);
  });

  it('reads only the start of a large file, never half a character', async () => {
    const r = await workspaceInstructionReader(fs, new DenyList([]), 1001).read('big/AGENTS.md');
    assert.equal(r?.complete, false);
    assert.equal(r?.size, 6000);
    assert.equal(r?.text, 'é'.repeat(500));
  });
});
