// The lint step that forbids import cycles, type-only imports included.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '..', '..', '..', 'scripts', 'checkCycles.mjs');

function check(files: Record<string, string>): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aio-cycles-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const r = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('checkCycles', () => {
  it('passes a tree whose folders never import back up', () => {
    const r = check({
      'a/top.ts': "import { low } from '../b/low';\nexport const top = low;\n",
      'b/low.ts': 'export const low = 1;\n',
    });
    assert.equal(r.status, 0, r.stderr);
  });

  it('fails on a cycle made only of type imports, naming the files', () => {
    const r = check({
      'feature/commands.ts':
        "import { run } from './run';\nexport interface Deps { n: number }\nexport const go = run;\n",
      'feature/run.ts': "import type { Deps } from './commands';\nexport const run = (d: Deps) => d.n;\n",
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /import cycle: .*feature\/(run|commands)\.ts → .*feature\/(run|commands)\.ts/);
    assert.match(r.stderr, /1 import cycle\(s\) among 2 files/);
  });
});
