import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  checkPath,
  DenyList,
  MAX_PATH_LENGTH,
  normalizeAbsPath,
  type FolderRoot,
} from '../../../src/common/tools/pathGuard';
import { resolveWorkspacePath } from '../../../src/common/tools/workspacePaths';
import { NodeWorkspaceFs, singleFolderFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';

const WS: FolderRoot[] = [{ name: 'ws', absPath: '/home/u/ws' }];
const MULTI: FolderRoot[] = [
  { name: 'app', absPath: '/repo/app' },
  { name: 'lib', absPath: '/repo/lib' },
];

function refused(input: unknown, folders = WS, windows = false): string {
  const r = checkPath(input, folders, { windows });
  assert.equal(r.ok, false, `${JSON.stringify(input)} should be refused`);
  return r.ok ? '' : r.error;
}

function allowed(input: string, folders = WS, windows = false): { folder: string; relPath: string; absPath: string } {
  const r = checkPath(input, folders, { windows });
  if (!r.ok) assert.fail(`${JSON.stringify(input)} should be allowed: ${r.error}`);
  return { folder: r.folder.name, relPath: r.relPath, absPath: r.absPath };
}

describe('checkPath: traversal corpus', () => {
  const corpus: [string, RegExp][] = [
    ['../etc/passwd', /'\.\.'/],
    ['src/../../etc/passwd', /'\.\.'/],
    ['src/..', /'\.\.'/],
    ['/etc/passwd', /outside the workspace/],
    ['/home/u/ws-other/x', /outside the workspace/],
    ['~/.ssh/id_rsa', /Home-directory/],
    ['~', /Home-directory/],
    ['%2e%2e/%2e%2e/etc/passwd', /percent-encoded/],
    ['src%2f..%2f..%2fetc', /percent-encoded/],
    ['..\\..\\etc\\passwd', /'\.\.'/],
    ['src\\..\\..\\secret', /'\.\.'/],
    ['src/a.ts\u0000.png', /NUL/],
    ['src/\nb', /control/],
    ['file:///etc/passwd', /outside the workspace/],
    ['file:///home/u/ws/%2e%2e/x', /'\.\.'/],
    ['file:///home/u/ws/%252e%252e/x', /percent-encoded/],
    ['file://evil.example/home/u/ws/a', /local file: URIs/],
    ['vscode-remote://ssh-remote+host/home/u/ws/a.ts', /vscode-remote: URIs/],
    ['http://example.com/a', /http: URIs/],
    ['untitled:Untitled-1', /untitled: URIs/],
    ['\\\\server\\share\\x', /outside the workspace/],
    ['a/'.repeat(MAX_PATH_LENGTH), /longer than/],
    [`${'x'.repeat(300)}/a`, /segment is longer/],
  ];
  for (const [input, why] of corpus) {
    it(`refuses ${JSON.stringify(input.length > 60 ? `${input.slice(0, 40)}…` : input)}`, () =>
      assert.match(refused(input), why));
  }

  it('refuses non-strings and an empty workspace', () => {
    assert.match(refused(42), /must be a string/);
    assert.match(refused('a.ts', []), /No workspace folder/);
  });

  it('allows relative paths, ./ prefixes, doubled slashes and absolute paths inside', () => {
    assert.deepEqual(allowed('src/app.ts'), { folder: 'ws', relPath: 'src/app.ts', absPath: '/home/u/ws/src/app.ts' });
    assert.equal(allowed('./src//app.ts').relPath, 'src/app.ts');
    assert.equal(allowed('/home/u/ws/src/app.ts').relPath, 'src/app.ts');
    assert.equal(allowed('file:///home/u/ws/my%20file.ts').relPath, 'my file.ts');
    assert.equal(allowed('.').relPath, '');
    assert.equal(allowed('src\\app.ts').relPath, 'src/app.ts');
  });

  it('resolves multi-root paths by folder name and explains the rule otherwise', () => {
    assert.deepEqual(allowed('lib/index.ts', MULTI), {
      folder: 'lib',
      relPath: 'index.ts',
      absPath: '/repo/lib/index.ts',
    });
    assert.equal(allowed('/repo/app/a.ts', MULTI).folder, 'app');
    assert.match(refused('src/a.ts', MULTI), /start the path with one of their names: app, lib/);
    assert.match(refused('/repo/other/a.ts', MULTI), /outside/);
  });

  it('applies Windows rules: drive letters, case, trailing dots, streams and drive-relative paths', () => {
    const win: FolderRoot[] = [{ name: 'ws', absPath: 'C:/Users/u/ws' }];
    assert.equal(allowed('c:\\users\\u\\WS\\src\\a.ts', win, true).relPath, 'src/a.ts');
    assert.match(refused('C:\\Windows\\win.ini', win, true), /outside/);
    assert.match(refused('C:secret.txt', win, true), /Drive-relative/);
    assert.match(refused('server.pem.', win, true), /not a valid file name/);
    assert.match(refused('a.txt::$DATA', win, true), /URIs|not a valid file name/);
    assert.match(refused('src/a.txt:stream', win, true), /not a valid file name/);
  });

  it('normalizes absolute paths', () => {
    assert.equal(normalizeAbsPath('C:\\a\\b\\'), 'C:/a/b');
    assert.equal(normalizeAbsPath('/a//b/'), '/a/b');
    assert.equal(normalizeAbsPath('\\\\srv\\share'), '//srv/share');
  });
});

describe('DenyList', () => {
  const deny = new DenyList(['**/.env*', '**/*.pem', '**/id_rsa*', '**/.git/**']);
  it('matches at any depth, case-insensitively', () => {
    assert.equal(deny.match('.env'), '**/.env*');
    assert.equal(deny.match('config/.ENV.production'), '**/.env*');
    assert.equal(deny.match('certs/Server.PEM'), '**/*.pem');
    assert.equal(deny.match('.git/config'), '**/.git/**');
    assert.equal(deny.match('src/environment.ts'), undefined);
    assert.equal(deny.match('.gitignore'), undefined);
  });
});

describe('resolveWorkspacePath: symlinks', () => {
  let outside: string;
  let root: string;
  before(() => {
    outside = makeTree({ 'secret.txt': 'top secret', 'dir/inner.txt': 'x' });
    root = makeTree({
      'src/a.ts': 'export {}',
      '.env': 'KEY=1',
      'out-link': { link: join(outside, 'secret.txt') },
      'out-dir': { link: join(outside, 'dir') },
      'in-link': { link: 'src/a.ts' },
      'env-link': { link: '.env' },
      dangling: { link: join(outside, 'missing.txt') },
    });
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  const resolve = (p: string) => resolveWorkspacePath(singleFolderFs(root), new DenyList(['**/.env*']), p);

  it('refuses a symlink whose real path leaves the workspace, and paths below a symlinked folder', async () => {
    for (const p of ['out-link', 'out-dir/inner.txt']) {
      const r = await resolve(p);
      assert.equal(r.ok, false, p);
      if (!r.ok) assert.match(r.error, /symbolic link .* outside the workspace/);
    }
  });

  it('allows a symlink that stays inside, and marks one pointing at a sensitive file', async () => {
    const inside = await resolve('in-link');
    assert.ok(inside.ok && inside.exists && inside.realPath === join(root, 'src/a.ts') && !inside.sensitive);
    const env = await resolve('env-link');
    assert.ok(env.ok && env.sensitive === '**/.env*', 'the real path .env is deny-listed');
  });

  it('reports a missing path (a dangling link included) as not existing, not as readable', async () => {
    const r = await resolve('dangling');
    assert.ok(r.ok && !r.exists);
  });

  it('accepts a workspace folder that is itself reached through a symlink', async () => {
    const linkParent = makeTree({ 'ws-link': { link: root } });
    try {
      const fs = new NodeWorkspaceFs([{ name: 'ws', absPath: join(linkParent, 'ws-link') }]);
      const r = await resolveWorkspacePath(fs, new DenyList([]), 'src/a.ts');
      assert.ok(r.ok && r.exists);
      const out = await resolveWorkspacePath(fs, new DenyList([]), 'out-link');
      assert.equal(out.ok, false);
    } finally {
      removeTree(linkParent);
    }
  });
});
