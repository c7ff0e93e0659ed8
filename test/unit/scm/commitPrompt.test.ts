import assert from 'node:assert/strict';
import { buildCommitPrompt, COMMIT_SYSTEM, splitDiff } from '../../../src/common/scm/commitPrompt';

function fileDiff(path: string, added: number, removed = 0): string {
  return [
    `diff --git a/${path} b/${path}`,
    'index 1111111..2222222 100644',
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -1,${removed} +1,${added} @@`,
    ...Array.from({ length: removed }, (_, i) => `-old line ${i}`),
    ...Array.from({ length: added }, (_, i) => `+new line ${i} of ${path}`),
    '',
  ].join('\n');
}

describe('commit message prompt', () => {
  it('splits a diff into files with their added and removed lines', () => {
    const files = splitDiff(fileDiff('src/a.ts', 3, 1) + fileDiff('docs/b c.md', 1));
    assert.deepEqual(
      files.map((f) => [f.path, f.added, f.removed]),
      [
        ['src/a.ts', 3, 1],
        ['docs/b c.md', 1, 0],
      ],
    );
    assert.ok(files[0]?.text.startsWith('diff --git a/src/a.ts'));
  });

  it('sends the staged diff whole, with the list of files, the draft and the Conventional Commits rules', () => {
    const p = buildCommitPrompt({
      diff: fileDiff('src/a.ts', 2),
      staged: true,
      draft: 'fix the thing',
      contextWindowTokens: 128_000,
    });
    assert.deepEqual(p.omitted, []);
    assert.equal(p.messages[0]?.content, COMMIT_SYSTEM);
    assert.match(COMMIT_SYSTEM, /Conventional Commits/);
    const user = p.messages[1]?.content ?? '';
    assert.match(user, /^The staged changes \(git diff --cached\)/);
    assert.match(user, /Changed files \(1\):\n- src\/a\.ts \(\+2 −0\)/);
    assert.match(user, /draft message, to improve on:\nfix the thing/);
    assert.match(user, /\+new line 1 of src\/a\.ts/);
    assert.ok(!user.includes('Left out'));
  });

  it('says when the working tree is used, and names untracked files', () => {
    const p = buildCommitPrompt({
      diff: fileDiff('a.ts', 1),
      staged: false,
      untracked: ['new.ts'],
      contextWindowTokens: 128_000,
    });
    assert.match(p.messages[1]?.content ?? '', /^Nothing is staged, so the commit will take the working-tree changes/);
    assert.match(p.messages[1]?.content ?? '', /New files not yet tracked by git \(contents not shown\):\n- new\.ts/);
  });

  it('leaves out the largest file diffs first when the diff is too large, and names them', () => {
    const diff = fileDiff('src/small.ts', 5) + fileDiff('package-lock.json', 4000, 3000) + fileDiff('src/other.ts', 3);
    const p = buildCommitPrompt({ diff, staged: true, contextWindowTokens: 8000 });
    assert.deepEqual(p.omitted, ['the diff of package-lock.json (+4000 −3000)']);
    const user = p.messages[1]?.content ?? '';
    assert.match(user, /- package-lock\.json \(\+4000 −3000\)/, 'still listed by name');
    assert.ok(!user.includes('+new line 0 of package-lock.json'));
    assert.match(user, /\+new line 4 of src\/small\.ts[\s\S]*\+new line 2 of src\/other\.ts/, 'diff order kept');
    assert.match(
      user,
      /Left out to fit the context window: the diff of package-lock\.json \(\+4000 −3000\)\. You have not seen/,
    );
  });
});
