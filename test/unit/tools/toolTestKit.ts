// Runs one tool the way the executor does (parse, then invoke) with a scripted approval answer.
import assert from 'node:assert/strict';
import { DenyList } from '../../../src/common/tools/pathGuard';
import type { Tool, ToolContext, ToolResult } from '../../../src/common/tools/tool';
import type { WorkspaceFs } from '../../../src/common/tools/workspaceFs';

/** The deny globs the tests use (a subset of the shipped defaults). */
export const TEST_DENY = ['**/.env*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/.npmrc', '**/.git/**'];

/** Options of {@link runTool}. */
export interface RunOptions {
  approve?: boolean;
  signal?: AbortSignal;
  deny?: readonly string[];
}

/** Parses `args` with `tool` (failing the test on a parse error) and invokes it. */
export async function runTool<I, D>(
  tool: Tool<I, D>,
  fs: WorkspaceFs,
  args: unknown,
  o: RunOptions = {},
): Promise<ToolResult<D> & { asked: string[]; summary: string }> {
  const parsed = tool.parse(args);
  if (!parsed.ok) assert.fail(`parse failed: ${parsed.error}`);
  const asked: string[] = [];
  const ctx: ToolContext = {
    signal: o.signal ?? new AbortController().signal,
    fs,
    deny: new DenyList(o.deny ?? TEST_DENY),
    approve: async (display) => {
      asked.push(display);
      return o.approve ?? false;
    },
  };
  const result = await tool.invoke(parsed.value, ctx);
  return { ...result, asked, summary: tool.summary(parsed.value, result) };
}

/** `n` numbered lines joined with LF, plus a final newline. */
export const numberedLines = (n: number, width = 0): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}${width ? ` ${'x'.repeat(width)}` : ''}`).join('\n') + '\n';
