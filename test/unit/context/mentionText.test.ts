import assert from 'node:assert/strict';
import { folderListing, formatProblems, gitChangesText, MAX_PROBLEMS } from '../../../src/common/context/mentionText';

describe('@ picker chip texts', () => {
  it('lists problems one per line, errors first, with source and code', () => {
    const text = formatProblems([
      { path: 'c.ts', line: 1, column: 1, severity: 'information', message: 'could be const' },
      { path: 'b.ts', line: 3, column: 1, severity: 'warning', message: 'unused' },
      {
        path: 'a.ts',
        line: 9,
        column: 5,
        severity: 'error',
        message: 'Type X\n  is wrong',
        source: 'ts',
        code: '2322',
      },
    ]);
    assert.equal(
      text,
      'a.ts:9:5 error ts 2322: Type X is wrong\nb.ts:3:1 warning: unused\nc.ts:1:1 information: could be const',
    );
    assert.equal(formatProblems([]), 'No problems reported.');
  });

  it('counts the problems it leaves out', () => {
    const many = Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => ({
      path: 'a.ts',
      line: i + 1,
      column: 1,
      severity: 'error' as const,
      message: 'x',
    }));
    const lines = formatProblems(many).split('\n');
    assert.equal(lines.length, MAX_PROBLEMS + 1);
    assert.equal(lines.at(-1), '(5 more problems left out)');
  });

  it('puts the staged diff, the working tree and untracked files under headings', () => {
    const text = gitChangesText({ repo: '', staged: 'diff --git a/x b/x\n', workingTree: '', untracked: ['new.ts'] });
    assert.equal(
      text,
      '# Staged changes\ndiff --git a/x b/x\n\n# Working-tree changes\n(none)\n\n# Untracked files\nnew.ts',
    );
    assert.match(
      gitChangesText({ repo: 'sub', staged: '', workingTree: 'd', untracked: [] }),
      /^# Staged changes \(sub\)/,
    );
  });

  it('lists a folder with a note when cut', () => {
    assert.equal(folderListing('src', ['src/a.ts'], false), 'Files in src/ (1):\nsrc/a.ts');
    assert.match(folderListing('src', ['src/a.ts'], true), /\(1\+, cut\)/);
  });
});
