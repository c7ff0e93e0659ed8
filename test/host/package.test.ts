// Packaging: the .vsix holds only the bundles, media, README, CHANGELOG, LICENSE and package.json, and stays small.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { productionBuild } from '../../scripts/lib/productionBuild.mjs';

const ROOT = resolve(__dirname, '..', '..');

describe('package', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = productionBuild('aio-package-', 'pipe');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists only bundles, media and the documents', () => {
    const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const files = out
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    assert.ok(
      files.includes('dist/extension.js') && files.includes('dist/webview.js') && files.includes('dist/webview.css'),
      files.join(', '),
    );
    const allowed =
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(extension\.js|webview\.js|webview\.css|[\w-]+\.ttf)|media\/(icon\.png|activity\.svg|walkthrough\/[\w-]+\.md))$/;
    const extra = files.filter((f) => !allowed.test(f));
    assert.deepEqual(extra, [], `unexpected files in the package: ${extra.join(', ')}`);
    assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps in production');
  });

  it("packages a .vsix under 300 KB (the budget of the developers' guide)", () => {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', 'test.vsix'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const size = statSync(join(dir, 'test.vsix')).size;
    assert.ok(size < 300 * 1024, `.vsix is ${size} bytes`);
  });
});
