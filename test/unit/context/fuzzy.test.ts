import assert from 'node:assert/strict';
import { FileIndex } from '../../../src/common/context/fileIndex';
import { fuzzyMatch, rankFuzzy } from '../../../src/common/context/fuzzy';

const rank = (query: string, paths: string[], limit = 10): string[] =>
  rankFuzzy(paths, query, (p) => ({ text: p, lower: p.toLowerCase() }), limit).map((r) => r.item);

describe('fuzzy matcher (@ picker)', () => {
  it('matches the query characters in order, ignoring case and spaces, and gives their offsets', () => {
    // The `t` after the dot starts a word, so it is preferred to the one inside `math`.
    assert.deepEqual(fuzzyMatch('mt', 'src/math.ts')?.positions, [4, 9]);
    assert.deepEqual(fuzzyMatch('M A T', 'src/math.ts')?.positions, [4, 5, 6]);
    assert.equal(fuzzyMatch('tm', 'math'), undefined);
    assert.equal(fuzzyMatch('mathx', 'src/math.ts'), undefined);
    assert.deepEqual(fuzzyMatch('', 'a/b')?.positions, []);
  });

  it('prefers word starts, runs of characters and the file name', () => {
    // The file name beats the same letters spread over folders.
    assert.deepEqual(rank('math', ['mod/a/t/h/x.ts', 'src/math.ts', 'lib/mathematics/util.ts']).slice(0, 1), [
      'src/math.ts',
    ]);
    // Word starts (camelCase, separators) beat letters inside words.
    assert.deepEqual(rank('cs', ['src/abcsd.ts', 'src/chatService.ts']), ['src/chatService.ts', 'src/abcsd.ts']);
    // Shorter paths win ties.
    assert.deepEqual(rank('app', ['deep/nested/dir/app.ts', 'app.ts']), ['app.ts', 'deep/nested/dir/app.ts']);
  });

  it('still matches when jumping to a word start would use up a later character', () => {
    // The `b` of `Bar` is a word start, but the query's `a` and `r` must come after the first `b`.
    assert.ok(fuzzyMatch('bar', 'bxxBr.a.r'));
    assert.ok(fuzzyMatch('abc', 'a_xb_c'));
  });

  it('keeps only the best `limit` results, best first', () => {
    const paths = Array.from({ length: 1000 }, (_, i) => `pkg${i}/file${i}.ts`);
    const top = rank('file99', paths, 3);
    assert.equal(top.length, 3);
    assert.equal(top[0], 'pkg99/file99.ts');
  });
});

describe('file index (@ picker)', () => {
  it('holds the files and every folder above them, without .git', () => {
    const index = FileIndex.fromPaths(['src/a.ts', 'src/lib/b.ts', 'README.md', '.git/config', 'x/.git/HEAD']);
    const entries = index.entries.map((e) => `${e.kind}:${e.path}`).sort();
    assert.deepEqual(entries, ['file:README.md', 'file:src/a.ts', 'file:src/lib/b.ts', 'folder:src', 'folder:src/lib']);
    assert.deepEqual(index.filesUnder('src', 10), ['src/a.ts', 'src/lib/b.ts']);
    assert.deepEqual(index.filesUnder('src', 1), ['src/a.ts']);
  });

  it('searches files and folders together', () => {
    const index = FileIndex.fromPaths(['src/lib/b.ts', 'docs/libraries.md']);
    const found = index.search('lib', 5).map((r) => `${r.item.kind}:${r.item.path}`);
    assert.deepEqual(found.slice(0, 1), ['folder:src/lib']);
    assert.ok(found.includes('file:docs/libraries.md'));
  });

  it('builds from the workspace listing (the same excludes as find_files)', async () => {
    const calls: string[] = [];
    const fs = {
      folders: () => [{ name: 'ws', absPath: '/ws' }],
      findFiles: async (glob: string, o: { max: number }) => {
        calls.push(`${glob} ${o.max}`);
        return { files: [{ folder: 'ws', relPath: 'a/b.ts' }], truncated: true };
      },
    };
    const index = await FileIndex.build(fs as never, new AbortController().signal, 7);
    assert.deepEqual(calls, ['** 7']);
    assert.equal(index.truncated, true);
    assert.deepEqual(
      index.entries.map((e) => e.path),
      ['a/b.ts', 'a'],
    );
  });
});
