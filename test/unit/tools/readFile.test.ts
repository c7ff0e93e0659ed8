import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MAX_READ_BYTES, readFileTool } from '../../../src/common/tools/readFile';
import { singleFolderFs, type NodeWorkspaceFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';
import { numberedLines, runTool } from './toolTestKit';

describe('read_file', () => {
  let root: string;
  let outside: string;
  let fs: NodeWorkspaceFs;
  before(() => {
    outside = makeTree({ passwd: 'root:x:0:0' });
    root = makeTree({
      'src/app.ts': numberedLines(80),
      'big.txt': numberedLines(5300),
      'wide.txt': numberedLines(1500, 200),
      'minified.js': 'x'.repeat(150 * 1024),
      'crlf.txt': 'a\r\nb\r\nc',
      'empty.txt': '',
      'utf8.txt': 'héllo wörld ✓\n',
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
      '.env': 'API_KEY=sk-live-123\n',
      'config/prod.pem': '-----BEGIN KEY-----\n',
      'link-out': { link: join(outside, 'passwd') },
    });
    fs = singleFolderFs(root);
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('reads a whole small file with a header naming the line range', async () => {
    const r = await runTool(readFileTool, fs, { path: 'src/app.ts' });
    assert.equal(r.truncated, false);
    assert.match(r.text, /^File: src\/app\.ts \(lines 1-80 of 80\)\nline 1\n/);
    assert.equal(r.summary, 'Read src/app.ts, lines 1-80');
  });

  it('reads a line range, accepting numbers sent as strings', async () => {
    const r = await runTool(readFileTool, fs, { path: 'src/app.ts', startLine: '10', endLine: 12 });
    assert.equal(r.text, 'File: src/app.ts (lines 10-12 of 80)\nline 10\nline 11\nline 12');
  });

  it('stops at 2,000 lines and says how many lines the file has and where to continue', async () => {
    const r = await runTool(readFileTool, fs, { path: 'big.txt' });
    assert.equal(r.truncated, true);
    const lines = r.text.split('\n');
    assert.equal(lines.length, 1 + 2000 + 1);
    assert.equal(lines[2000], 'line 2000');
    assert.match(
      r.text,
      /\[Truncated: .*2,000 lines or 100 KB.*Showed lines 1-2000 of 5,300; call read_file again with startLine=2001/,
    );
    assert.equal(r.summary, 'Read big.txt, lines 1-2000 of 5,300');
    const next = await runTool(readFileTool, fs, { path: 'big.txt', startLine: 5000 });
    assert.equal(next.truncated, false);
    assert.match(next.text, /^File: big\.txt \(lines 5000-5300 of 5,300\)/);
  });

  it('stops at 100 KB of content before 2,000 lines', async () => {
    const r = await runTool(readFileTool, fs, { path: 'wide.txt' });
    assert.equal(r.truncated, true);
    const body = r.text.split('\n').slice(1, -1).join('\n') + '\n';
    assert.ok(Buffer.byteLength(body) <= MAX_READ_BYTES, `${Buffer.byteLength(body)} bytes`);
    assert.ok(r.details && r.details.end < 1500 && r.details.end > 400);
    assert.match(r.text, new RegExp(`Showed lines 1-${r.details.end} of 1,500`));
  });

  it('cuts a single line longer than 100 KB and says so', async () => {
    const r = await runTool(readFileTool, fs, { path: 'minified.js' });
    assert.equal(r.truncated, true);
    assert.match(r.text, /line 1 alone is longer than 100 KB and was cut\. The file has 1 line\./);
    assert.ok(r.text.length < MAX_READ_BYTES + 500);
  });

  it('handles CRLF, UTF-8 and empty files', async () => {
    assert.equal(
      (await runTool(readFileTool, fs, { path: 'crlf.txt' })).text,
      'File: crlf.txt (lines 1-3 of 3)\na\nb\nc',
    );
    assert.match((await runTool(readFileTool, fs, { path: 'utf8.txt' })).text, /héllo wörld ✓/);
    const empty = await runTool(readFileTool, fs, { path: 'empty.txt' });
    assert.equal(empty.text, 'File: empty.txt (empty file)');
    assert.equal(empty.summary, 'Read empty.txt (empty)');
  });

  it('refuses binary files, folders, missing files and ranges past the end', async () => {
    const bin = await runTool(readFileTool, fs, { path: 'image.png' });
    assert.ok(bin.isError);
    assert.match(bin.text, /^Error: image\.png is a binary file/);
    assert.match((await runTool(readFileTool, fs, { path: 'src' })).text, /is a directory; use list_directory/);
    assert.match(
      (await runTool(readFileTool, fs, { path: 'nope.ts' })).text,
      /^Error: nope\.ts does not exist\. Use find_files/,
    );
    assert.match(
      (await runTool(readFileTool, fs, { path: 'src/app.ts', startLine: 81 })).text,
      /startLine 81 is past the end of src\/app\.ts, which has 80 lines/,
    );
  });

  it('refuses traversal and symlinks out of the workspace without reading anything outside', async () => {
    fs.calls.length = 0;
    for (const path of ['../passwd', join(outside, 'passwd'), 'link-out', `file://${join(outside, 'passwd')}`]) {
      const r = await runTool(readFileTool, fs, { path });
      assert.ok(r.isError, path);
    }
    assert.deepEqual(fs.calls, []);
  });

  it('asks before reading a sensitive file: allowed once reads it, denied does not', async () => {
    const allowed = await runTool(readFileTool, fs, { path: '.env' }, { approve: true });
    assert.deepEqual(allowed.asked, ['.env']);
    assert.match(allowed.text, /API_KEY=sk-live-123/);
    fs.calls.length = 0;
    const denied = await runTool(readFileTool, fs, { path: 'config/prod.pem' }, { approve: false });
    assert.deepEqual(denied.asked, ['config/prod.pem']);
    assert.equal(denied.denied, true);
    assert.match(denied.text, /^Error: the user denied access to config\/prod\.pem/);
    assert.deepEqual(fs.calls, [], 'nothing was read');
  });

  it('rejects bad arguments in parse', () => {
    for (const args of [
      {},
      { path: 3 },
      { path: 'a', startLine: 0 },
      { path: 'a', startLine: 'ten' },
      { path: 'a', startLine: 5, endLine: 2 },
      'a.ts',
      null,
    ]) {
      const p = readFileTool.parse(args);
      assert.equal(p.ok, false, JSON.stringify(args));
    }
  });
});
