import assert from 'node:assert/strict';
import { readFileSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createFileTool } from '../../../src/common/agent/createFile';
import { editFileTool } from '../../../src/common/agent/editFile';
import { deleteFileTool, renameFileTool } from '../../../src/common/agent/fileOps';
import { ReadLedger } from '../../../src/common/agent/readLedger';
import { ApprovalBroker } from '../../../src/common/tools/approvals';
import { DenyList } from '../../../src/common/tools/pathGuard';
import { MAX_FILE_BYTES, readFileTool } from '../../../src/common/tools/readFile';
import type { Tool, ToolContext } from '../../../src/common/tools/tool';
import { createWorkspaceToolExecutor } from '../../../src/common/tools/workspaceTools';
import { singleFolderFs, type NodeWorkspaceFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';
import { TEST_DENY } from '../tools/toolTestKit';
import { FakeGate } from './fakeGate';

const APP = 'export const a = 1;\nexport const b = 2;\n';

describe('edit tools', () => {
  let root: string;
  let outside: string;
  let fs: NodeWorkspaceFs;
  let gate: FakeGate;
  let reads: ReadLedger;
  const snapshot = (): string =>
    JSON.stringify(['src/app.ts', '.env', '.git/config', 'logo.png'].map((p) => readFileSync(join(root, p), 'latin1')));

  beforeEach(() => {
    outside = makeTree({ 'victim.ts': 'outside\n', 'dir/': '' });
    root = makeTree({
      'src/app.ts': APP,
      'src/dup.ts': 'x = 1;\nx = 1;\n',
      '.env': 'SECRET=1\n',
      '.git/config': '[core]\n',
      'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      'big.txt': '',
      'link-out': { link: join(outside, 'victim.ts') },
      'dir-out': { link: join(outside, 'dir') },
      dangling: { link: join(outside, 'nothing-here.ts') },
    });
    truncateSync(join(root, 'big.txt'), MAX_FILE_BYTES + 1);
    fs = singleFolderFs(root);
    gate = new FakeGate();
    reads = new ReadLedger();
  });
  afterEach(() => {
    removeTree(root);
    removeTree(outside);
  });

  async function call<I>(tool: Tool<I, unknown>, args: unknown, signal = new AbortController().signal) {
    const parsed = tool.parse(args);
    if (!parsed.ok) assert.fail(parsed.error);
    const ctx: ToolContext = {
      signal,
      fs,
      deny: new DenyList(TEST_DENY),
      approve: async () => false,
      reads,
      edits: gate,
    };
    const r = await tool.invoke(parsed.value, ctx);
    return { ...r, summary: tool.summary(parsed.value, r) };
  }

  it('edit_file proposes the change with its line counts and writes it once accepted', async () => {
    const r = await call(editFileTool, {
      path: 'src/app.ts',
      edits: [{ search: 'export const b = 2;', replace: 'export const b = 3;\nexport const c = 4;' }],
    });
    assert.equal(r.isError, undefined);
    assert.match(r.text, /^Edited src\/app\.ts \(\+2 −1 lines\), accepted by the user\.$/);
    assert.equal(r.summary, 'Edited src/app.ts (+2 −1)');
    assert.equal(gate.proposals[0]?.kind, 'edit');
    assert.equal(
      readFileSync(join(root, 'src/app.ts'), 'utf8'),
      'export const a = 1;\nexport const b = 3;\nexport const c = 4;\n',
    );
  });

  it("a rejection tells the model, with the user's reason, and writes nothing", async () => {
    gate.decide = () => ({ accept: false, reason: 'keep b at 2' });
    const r = await call(editFileTool, { path: 'src/app.ts', edits: [{ search: 'b = 2', replace: 'b = 5' }] });
    assert.match(
      r.text,
      /^Rejected by the user: the edit of src\/app\.ts was not applied; the file is unchanged\. The user's reason: "keep b at 2"\./,
    );
    assert.equal(r.summary, 'Rejected: edit of src/app.ts');
    assert.equal(readFileSync(join(root, 'src/app.ts'), 'utf8'), APP);
  });

  const refusals: Array<[string, unknown, RegExp]> = [
    ['../ escape', { path: '../victim.ts' }, /'\.\.' segment/],
    ['absolute path outside', { path: '/etc/passwd' }, /outside the workspace folders/],
    ['symlink out', { path: 'link-out' }, /symbolic link .* leads outside the workspace; it cannot be changed/],
    ['new file below a symlink out', { path: 'dir-out/new.ts' }, /lies below a symbolic link that leads outside/],
    ['dangling symlink', { path: 'dangling' }, /symbolic link whose target does not exist/],
    ['.env', { path: '.env' }, /sensitive file \(matched by aioCoder\.tools\.denyGlobs: \*\*\/\.env\*\)/],
    ['.git/config', { path: '.git/config' }, /inside \.git\/|sensitive file/],
    ['binary file', { path: 'logo.png' }, /binary file/],
    ['file over the read cap', { path: 'big.txt' }, /over the read limit/],
    ['a folder', { path: 'src' }, /is a directory/],
  ];
  for (const [what, args, error] of refusals) {
    it(`refuses ${what} as a tool result and changes nothing`, async () => {
      const before = snapshot();
      for (const tool of [editFileTool, createFileTool, deleteFileTool] as Tool<unknown, unknown>[]) {
        const full = { edits: [{ search: 'a', replace: 'b' }], content: 'x', overwrite: true, ...(args as object) };
        const r = await call(tool, full);
        assert.equal(r.isError, true, `${tool.name}: ${r.text}`);
        assert.match(r.text, /^Error: /);
        if (!(tool === editFileTool && what === 'dangling symlink'))
          assert.match(r.text, error, `${tool.name}: ${r.text}`);
      }
      assert.equal(gate.proposals.length, 0);
      assert.equal(snapshot(), before);
      assert.equal(readFileSync(join(outside, 'victim.ts'), 'utf8'), 'outside\n');
      assert.ok(!existsSync(join(outside, 'dir', 'new.ts')) && !existsSync(join(outside, 'nothing-here.ts')));
    });
  }

  it('.git/ is refused even when the deny list does not name it', async () => {
    const parsed = createFileTool.parse({ path: '.git/hooks/pre-commit', content: 'rm -rf /' });
    assert.ok(parsed.ok);
    const ctx: ToolContext = {
      signal: new AbortController().signal,
      fs,
      deny: new DenyList([]),
      approve: async () => true,
      edits: gate,
    };
    const r = await createFileTool.invoke(parsed.value, ctx);
    assert.match(r.text, /inside \.git\/; the edit tools never change git's own files/);
    assert.ok(!existsSync(join(root, '.git/hooks/pre-commit')));
  });

  it('refuses non-matching and ambiguous blocks with what the file holds, proposing nothing', async () => {
    const none = await call(editFileTool, {
      path: 'src/app.ts',
      edits: [{ search: 'export const z = 26;', replace: '' }],
    });
    assert.match(
      none.text,
      /^Error: The search text was not found in src\/app\.ts.* The closest lines are 2-2:\n2\| export const b = 2;/s,
    );
    const two = await call(editFileTool, { path: 'src/dup.ts', edits: [{ search: 'x = 1;', replace: 'y' }] });
    assert.match(two.text, /matches 2 places \(lines 1, 2\)/);
    assert.equal(gate.proposals.length, 0);
  });

  it('refuses a file the user changed after the model read it, asking to re-read', async () => {
    const ctx: ToolContext = {
      signal: new AbortController().signal,
      fs,
      deny: new DenyList(TEST_DENY),
      approve: async () => false,
      reads,
    };
    await readFileTool.invoke({ path: 'src/app.ts' }, ctx);
    writeFileSync(join(root, 'src/app.ts'), APP + '// the user typed this\n');
    const r = await call(editFileTool, { path: 'src/app.ts', edits: [{ search: 'b = 2', replace: 'b = 9' }] });
    assert.match(r.text, /^Error: src\/app\.ts changed after you read it .* Read it again with read_file/);
    assert.equal(gate.proposals.length, 0);
    assert.match(readFileSync(join(root, 'src/app.ts'), 'utf8'), /b = 2;\n\/\/ the user typed this/);
    await readFileTool.invoke({ path: 'src/app.ts' }, ctx);
    const again = await call(editFileTool, { path: 'src/app.ts', edits: [{ search: 'b = 2', replace: 'b = 9' }] });
    assert.match(again.text, /^Edited src\/app\.ts/, 'after a re-read the edit goes through');
  });

  it('create_file refuses an existing file unless overwrite, which is then an edit', async () => {
    const refused = await call(createFileTool, { path: 'src/app.ts', content: 'new\n' });
    assert.match(refused.text, /already exists\. Use edit_file/);
    const created = await call(createFileTool, { path: 'src/deep/new.ts', content: 'export {};\n' });
    assert.match(created.text, /^Created src\/deep\/new\.ts \(\+1 −0 lines\)/);
    const over = await call(createFileTool, { path: 'src/app.ts', content: 'new\n', overwrite: true });
    assert.match(over.text, /^Overwrote src\/app\.ts \(\+1 −2 lines\)/);
    assert.deepEqual(
      gate.proposals.map((p) => p.kind),
      ['create', 'overwrite'],
    );
  });

  it('delete_file and rename_file: refused for unsaved buffers and existing targets; applied when accepted', async () => {
    gate.dirty.add(join(root, 'src/app.ts'));
    assert.match((await call(deleteFileTool, { path: 'src/app.ts' })).text, /has unsaved changes in an editor/);
    gate.dirty.clear();
    assert.match((await call(renameFileTool, { path: 'src/app.ts', newPath: 'src/dup.ts' })).text, /already exists/);
    const moved = await call(renameFileTool, { path: 'src/app.ts', newPath: 'lib/app.ts' });
    assert.equal(moved.summary, 'Renamed src/app.ts to lib/app.ts (+0 −0)');
    assert.equal(readFileSync(join(root, 'lib/app.ts'), 'utf8'), APP);
    const deleted = await call(deleteFileTool, { path: 'src/dup.ts' });
    assert.match(deleted.text, /^Deleted src\/dup\.ts \(\+0 −2 lines\)/);
    assert.ok(!existsSync(join(root, 'src/dup.ts')));
  });

  it('Stop before the decision: nothing is written and the model is told', async () => {
    const stop = new AbortController();
    stop.abort();
    const r = await call(
      editFileTool,
      { path: 'src/app.ts', edits: [{ search: 'b = 2', replace: 'b = 7' }] },
      stop.signal,
    );
    assert.match(
      r.text,
      /^Error: stopped by the user before the edit of src\/app\.ts was applied; nothing was written\./,
    );
    assert.equal(readFileSync(join(root, 'src/app.ts'), 'utf8'), APP);
  });

  it('the call line says it needs approval while its change waits for review, then what became of it', async () => {
    const agent = createWorkspaceToolExecutor(fs, new ApprovalBroker(), TEST_DENY, { reads, edits: gate });
    const seen: string[] = [];
    gate.decide = () => {
      seen.push('(decision)');
      return { accept: true };
    };
    const args = { path: 'src/app.ts', edits: [{ search: 'b = 2', replace: 'b = 3' }] };
    await agent.execute(
      [{ id: 'c1', idSynthesized: false, name: 'edit_file', argumentsRaw: JSON.stringify(args), arguments: args }],
      new AbortController().signal,
      (v) => seen.push(`${v.status}: ${v.summary}`),
    );
    assert.deepEqual(seen, [
      'running: Edit src/app.ts',
      'awaiting_approval: Edit src/app.ts',
      '(decision)',
      'done: Edited src/app.ts (+1 −1)',
    ]);
  });

  it('Ask mode offers the read tools only; Agent mode adds the edit tools', () => {
    const ask = createWorkspaceToolExecutor(fs, new ApprovalBroker(), TEST_DENY, { reads });
    const agent = createWorkspaceToolExecutor(fs, new ApprovalBroker(), TEST_DENY, { reads, edits: gate });
    const names = (e: typeof ask) => e.specs.map((s) => s.name);
    assert.deepEqual(names(ask), [
      'read_file',
      'list_directory',
      'find_files',
      'search_text',
      'get_diagnostics',
      'get_active_editor',
    ]);
    assert.deepEqual(names(agent), [...names(ask), 'edit_file', 'create_file', 'delete_file', 'rename_file']);
  });
});
