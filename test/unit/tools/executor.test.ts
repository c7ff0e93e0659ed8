import assert from 'node:assert/strict';
import type { ToolCall } from '../../../src/common/llm/types';
import type { ToolCallView } from '../../../src/common/protocol';
import { ApprovalBroker } from '../../../src/common/tools/approvals';
import { WorkspaceToolExecutor } from '../../../src/common/tools/executor';
import { ToolRegistry, type Tool } from '../../../src/common/tools/tool';
import { workspaceTools } from '../../../src/common/tools/workspaceTools';
import { singleFolderFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';
import { TEST_DENY } from './toolTestKit';

const call = (id: string, name: string, args: unknown, extra: Partial<ToolCall> = {}): ToolCall => ({
  id,
  idSynthesized: false,
  name,
  argumentsRaw: JSON.stringify(args) ?? '',
  arguments: args,
  ...extra,
});

/** A tool that waits `ms` (or until aborted) and records how many run at once. */
function slowTool(stats: { now: number; max: number; started: number }): Tool<{ ms: number }> {
  return {
    name: 'slow',
    description: 'waits',
    parameters: { type: 'object', properties: { ms: { type: 'integer' } } },
    parse: (a) => ({ ok: true, value: { ms: Number((a as { ms?: number }).ms ?? 20) } }),
    summary: (i) => `Waited ${i.ms} ms`,
    invoke: (i, ctx) =>
      new Promise((resolve, reject) => {
        stats.started++;
        stats.max = Math.max(stats.max, ++stats.now);
        const t = setTimeout(() => {
          stats.now--;
          resolve({ text: `waited ${i.ms}`, truncated: false });
        }, i.ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          stats.now--;
          const e = new Error('aborted');
          e.name = 'AbortError';
          reject(e);
        });
      }),
  };
}

const boomTool: Tool<Record<string, never>> = {
  name: 'boom',
  description: 'fails',
  parameters: { type: 'object', properties: {} },
  parse: () => ({ ok: true, value: {} }),
  summary: () => 'Boom',
  invoke: async () => {
    throw new Error('disk on fire');
  },
};

describe('WorkspaceToolExecutor', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'src/a.ts': 'export const a = 1;\n', '.env': 'SECRET=1\n', 'big.txt': 'y'.repeat(20_000) });
  });
  after(() => removeTree(root));

  function setup(extraTools: Tool[] = [], concurrency?: number) {
    const approvals = new ApprovalBroker();
    const registry = new ToolRegistry([...workspaceTools(), ...extraTools]);
    const exec = new WorkspaceToolExecutor({
      registry,
      fs: singleFolderFs(root),
      approvals,
      denyGlobs: TEST_DENY,
      ...(concurrency ? { concurrency } : {}),
    });
    const views: { view: ToolCallView; approvalId?: string }[] = [];
    const onStatus = (view: ToolCallView, approvalId?: string) =>
      views.push({ view, ...(approvalId ? { approvalId } : {}) });
    return { approvals, exec, views, onStatus };
  }
  const statuses = (views: { view: ToolCallView }[], id: string) =>
    views.filter((v) => v.view.id === id).map((v) => v.view.status);

  it('runs a call, reports running then done with the summary, and answers with a tool message', async () => {
    const { exec, views, onStatus } = setup();
    const [msg] = await exec.execute(
      [call('c1', 'read_file', { path: 'src/a.ts' })],
      new AbortController().signal,
      onStatus,
    );
    assert.deepEqual(msg, {
      role: 'tool',
      toolCallId: 'c1',
      name: 'read_file',
      content: 'File: src/a.ts (lines 1-1 of 1)\nexport const a = 1;',
    });
    assert.deepEqual(statuses(views, 'c1'), ['running', 'done']);
    assert.equal(views.at(-1)?.view.summary, 'Read src/a.ts, lines 1-1');
    assert.equal(views.at(-1)?.view.result, msg?.content);
  });

  it('turns bad JSON, missing arguments, wrong types, unknown tools and tool crashes into Error results', async () => {
    const { exec, views, onStatus } = setup([boomTool]);
    const calls = [
      call('j', 'read_file', undefined, {
        argumentsRaw: '{"path": "src/a',
        argumentsError: 'Unexpected end of JSON input',
      }),
      call('u', 'read_file', undefined),
      call('t', 'read_file', { path: 42 }),
      call('n', 'delete_everything', {}),
      call('b', 'boom', {}),
    ];
    const out = await exec.execute(calls, new AbortController().signal, onStatus);
    assert.deepEqual(
      out.map((m) => m.toolCallId),
      ['j', 'u', 't', 'n', 'b'],
    );
    assert.match(
      out[0]?.content ?? '',
      /^Error: the arguments of read_file were not valid JSON \(Unexpected end of JSON input\)/,
    );
    assert.match(out[1]?.content ?? '', /^Error: the arguments of read_file were not valid JSON \(missing arguments\)/);
    assert.match(
      out[2]?.content ?? '',
      /^Error: invalid arguments: 'path' must be a string, got number\. Call read_file again/,
    );
    assert.match(
      out[3]?.content ?? '',
      /^Error: there is no tool named 'delete_everything'\. Available tools: read_file, list_directory, find_files, search_text, get_diagnostics, get_active_editor/,
    );
    assert.equal(out[4]?.content, 'Error: boom failed: disk on fire');
    for (const id of ['j', 'u', 't', 'n', 'b']) assert.equal(statuses(views, id).at(-1), 'failed', id);
  });

  it('runs parallel calls at most four at a time and keeps the order of results', async () => {
    const stats = { now: 0, max: 0, started: 0 };
    const { exec, onStatus } = setup([slowTool(stats)]);
    const calls = Array.from({ length: 10 }, (_, i) => call(`s${i}`, 'slow', { ms: 10 + ((i * 7) % 5) * 5 }));
    const out = await exec.execute(calls, new AbortController().signal, onStatus);
    assert.equal(stats.max, 4);
    assert.deepEqual(
      out.map((m) => m.toolCallId),
      calls.map((c) => c.id),
    );
    assert.ok(out.every((m, i) => m.content === `waited ${10 + ((i * 7) % 5) * 5}`));
  });

  it('Stop cancels running calls and skips queued ones, without throwing', async () => {
    const stats = { now: 0, max: 0, started: 0 };
    const { exec, views, onStatus } = setup([slowTool(stats)]);
    const ac = new AbortController();
    const calls = Array.from({ length: 6 }, (_, i) => call(`s${i}`, 'slow', { ms: 10_000 }));
    const p = exec.execute(calls, ac.signal, onStatus);
    setTimeout(() => ac.abort(), 20);
    const started = Date.now();
    const out = await p;
    assert.ok(Date.now() - started < 2000);
    assert.equal(stats.started, 4, 'the queued calls never started');
    assert.equal(stats.now, 0);
    assert.ok(out.slice(0, 4).every((m) => m.content === 'Error: stopped by the user while the tool was running.'));
    assert.ok(out.slice(4).every((m) => m.content === 'Error: stopped by the user before the tool ran.'));
    assert.ok(calls.every((c) => statuses(views, c.id).at(-1) === 'failed'));
  });

  it('asks before reading a sensitive file; Allow once reads it', async () => {
    const { exec, approvals, views, onStatus } = setup();
    const p = exec.execute([call('e', 'read_file', { path: '.env' })], new AbortController().signal, (v, id) => {
      onStatus(v, id);
      if (id) setTimeout(() => approvals.resolve(id, true), 5);
    });
    const [msg] = await p;
    assert.match(msg?.content ?? '', /SECRET=1/);
    assert.deepEqual(statuses(views, 'e'), ['running', 'awaiting_approval', 'running', 'done']);
    const asking = views.find((v) => v.view.status === 'awaiting_approval');
    assert.ok(asking?.approvalId);
    assert.equal(asking.view.summary, 'Allow reading .env?');
    assert.equal(approvals.size, 0);
  });

  it('Deny refuses the read and tells the model the user denied access', async () => {
    const { exec, approvals, views, onStatus } = setup();
    const [msg] = await exec.execute(
      [call('e', 'read_file', { path: '.env' })],
      new AbortController().signal,
      (v, id) => {
        onStatus(v, id);
        if (id) setTimeout(() => approvals.resolve(id, false), 5);
      },
    );
    assert.match(msg?.content ?? '', /^Error: the user denied access to \.env/);
    assert.doesNotMatch(msg?.content ?? '', /SECRET/);
    assert.deepEqual(statuses(views, 'e'), ['running', 'awaiting_approval', 'denied']);
  });

  it('Stop while awaiting approval denies it and clears the question', async () => {
    const { exec, approvals, views, onStatus } = setup();
    const ac = new AbortController();
    const [msg] = await exec.execute([call('e', 'read_file', { path: '.env' })], ac.signal, (v, id) => {
      onStatus(v, id);
      if (id) setTimeout(() => ac.abort(), 5);
    });
    assert.match(msg?.content ?? '', /denied access/);
    assert.equal(statuses(views, 'e').at(-1), 'denied');
    assert.equal(approvals.size, 0);
  });

  it('shows at most about 4 KB of a result in the chat but sends all of it to the model', async () => {
    const { exec, views, onStatus } = setup();
    const [msg] = await exec.execute(
      [call('b', 'read_file', { path: 'big.txt' })],
      new AbortController().signal,
      onStatus,
    );
    assert.ok((msg?.content.length ?? 0) > 20_000);
    const shown = views.at(-1)?.view.result ?? '';
    assert.ok(shown.length < 4200, `${shown.length}`);
    assert.match(shown, /more characters were sent to the model\)$/);
  });

  it('exports simple schemas Gemini accepts', () => {
    const { exec } = setup();
    assert.deepEqual(
      exec.specs.map((s) => s.name),
      ['read_file', 'list_directory', 'find_files', 'search_text', 'get_diagnostics', 'get_active_editor'],
    );
    const walk = (v: unknown, where: string): void => {
      if (typeof v !== 'object' || v === null) return;
      for (const [k, x] of Object.entries(v)) {
        assert.ok(!['additionalProperties', '$schema', 'const', 'oneOf', 'anyOf', '$ref'].includes(k), `${where}.${k}`);
        walk(x, `${where}.${k}`);
      }
    };
    for (const s of exec.specs) {
      assert.match(s.name, /^[a-z]+(_[a-z]+)*$/);
      walk(s.parameters, s.name);
      const p = s.parameters as {
        type: string;
        properties: Record<string, { type?: string; description?: string }>;
        required?: string[];
      };
      assert.equal(p.type, 'object');
      for (const [k, prop] of Object.entries(p.properties)) assert.ok(prop.type && prop.description, `${s.name}.${k}`);
      for (const r of p.required ?? []) assert.ok(r in p.properties);
    }
  });
});
