import assert from 'node:assert/strict';
import { compileGlob, matchesSelfOrParent } from '../../../src/common/tools/glob';
import { GitignoreFilter, parseGitignore } from '../../../src/common/tools/gitignore';

const yes = (glob: string, ...paths: string[]) => {
  for (const p of paths) assert.ok(compileGlob(glob)(p), `${glob} should match ${p}`);
};
const no = (glob: string, ...paths: string[]) => {
  for (const p of paths) assert.ok(!compileGlob(glob)(p), `${glob} should not match ${p}`);
};

describe('compileGlob', () => {
  it('keeps * and ? inside one segment', () => {
    yes('*.ts', 'a.ts', '.hidden.ts');
    no('*.ts', 'src/a.ts', 'a.tsx');
    yes('src/?.ts', 'src/a.ts');
    no('src/?.ts', 'src/ab.ts');
  });

  it('lets a whole ** segment span zero or more segments', () => {
    yes('**/*.ts', 'a.ts', 'src/a.ts', 'src/deep/er/a.ts');
    yes('src/**/*.ts', 'src/a.ts', 'src/x/a.ts');
    no('src/**/*.ts', 'lib/a.ts');
    yes('**/.git/**', '.git/config', 'sub/.git/HEAD');
    no('**/.git/**', '.gitignore', 'x.git/a');
    yes('**', 'anything/at/all');
  });

  it('supports classes, negated classes and nested braces', () => {
    yes('file[0-9].txt', 'file3.txt');
    no('file[0-9].txt', 'filex.txt');
    yes('file[!0-9].txt', 'filex.txt');
    no('file[!0-9].txt', 'file3.txt', 'file/.txt');
    yes('**/*.{ts,js{,x}}', 'a.ts', 'b/c.jsx', 'd.js');
    no('**/*.{ts,js{,x}}', 'a.tsx');
  });

  it('escapes regular-expression characters and strips ./ and / prefixes', () => {
    yes('a+b(1).txt', 'a+b(1).txt');
    no('a.b', 'axb');
    yes('./src/*.ts', 'src/a.ts');
    yes('/src/*.ts', 'src/a.ts');
  });

  it('matches case-insensitively on request, and by file name when a glob has no slash', () => {
    assert.ok(compileGlob('**/.env*', { caseInsensitive: true })('config/.ENV.local'));
    assert.ok(!compileGlob('**/.env*')('config/.ENV.local'));
    assert.ok(compileGlob('*.md', { basenameWhenNoSlash: true })('docs/deep/readme.md'));
  });

  it('applies folder excludes to everything below the folder', () => {
    const m = compileGlob('**/node_modules');
    assert.ok(matchesSelfOrParent(m, 'node_modules/pkg/index.ts'));
    assert.ok(matchesSelfOrParent(m, 'a/node_modules/x.js'));
    assert.ok(!matchesSelfOrParent(m, 'src/node_modules.ts'));
  });

  it('reads parentheses, |, a leading ! and an unclosed brace as plain characters', () => {
    yes('**/notes (old).txt', 'notes (old).txt', 'a/notes (old).txt');
    no('**/notes (old).txt', 'a/notes old.txt');
    yes('**/a|b.txt', 'x/a|b.txt');
    yes('**/x@(y).txt', 'd/x@(y).txt');
    yes('!draft.md', '!draft.md');
    no('!draft.md', 'other.md');
    yes('**/{a', 'x/{a');
  });

  it('matches below a folder glob, not the folder itself', () => {
    no('**/.git/**', '.git', 'sub/.git');
    yes('src/**', 'src/a');
    no('src/**', 'src');
  });

  it('throws for a glob that cannot compile, rather than matching nothing', () => {
    assert.throws(() => compileGlob('**/[z-a].key'));
  });
});

describe('gitignore', () => {
  const filter = (files: Record<string, string>) => new GitignoreFilter(async (dir) => files[dir]);

  it('parses comments, negation, escapes and folder-only rules', () => {
    assert.equal(parseGitignore('# comment\n\n*.log\n!keep.log\n\\#hash\nbuild/\n').length, 4);
  });

  it('ignores by name at any depth, anchors rules with a slash, and honours negation', async () => {
    const f = filter({ '': '*.log\n!keep.log\n/root-only.txt\ndocs/*.tmp\n' });
    assert.equal(await f.isIgnored('a.log', false), true);
    assert.equal(await f.isIgnored('deep/b.log', false), true);
    assert.equal(await f.isIgnored('keep.log', false), false);
    assert.equal(await f.isIgnored('root-only.txt', false), true);
    assert.equal(await f.isIgnored('sub/root-only.txt', false), false);
    assert.equal(await f.isIgnored('docs/x.tmp', false), true);
    assert.equal(await f.isIgnored('other/docs/x.tmp', false), false);
  });

  it('keeps files under an ignored folder ignored and applies folder-only rules to folders', async () => {
    const f = filter({ '': 'dist/\nout\n!dist/keep.js\n' });
    assert.equal(await f.isIgnored('dist/a.js', false), true);
    assert.equal(await f.isIgnored('dist/keep.js', false), true, 'git cannot re-include below an excluded folder');
    assert.equal(await f.isIgnored('dist', false), false, 'dist/ only matches folders');
    assert.equal(await f.isIgnored('out/x', false), true);
  });

  it('lets a deeper .gitignore override a shallower one', async () => {
    const f = filter({ '': '*.gen.ts\n', pkg: '!*.gen.ts\nlocal.txt\n' });
    assert.equal(await f.isIgnored('a.gen.ts', false), true);
    assert.equal(await f.isIgnored('pkg/a.gen.ts', false), false);
    assert.equal(await f.isIgnored('pkg/local.txt', false), true);
    assert.equal(await f.isIgnored('local.txt', false), false);
  });

  it('lets a deeper .gitignore re-include a folder a shallower one ignores', async () => {
    const f = filter({ '': 'gen/\n', a: '!gen/\n' });
    assert.equal(await f.isIgnored('gen/x.ts', false), true);
    assert.equal(await f.isIgnored('a/gen/x.ts', false), false);
    assert.equal(await f.isIgnored('b/gen/x.ts', false), true);
  });

  it('applies a nested .gitignore inside a folder whose name has glob characters', async () => {
    const f = filter({ 'w[1]': '*.o\n/local\n', '!x': 'y\n' });
    assert.equal(await f.isIgnored('w[1]/a.o', false), true);
    assert.equal(await f.isIgnored('w[1]/deep/a.o', false), true);
    assert.equal(await f.isIgnored('w[1]/local', false), true);
    assert.equal(await f.isIgnored('w[1]/deep/local', false), false);
    assert.equal(await f.isIgnored('w1/a.o', false), false);
    assert.equal(await f.isIgnored('!x/y', false), true);
  });
});
