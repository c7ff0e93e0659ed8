import assert from 'node:assert/strict';
import { buildExplainPrompt, buildFixPrompt, buildRefactorPrompt } from '../../../src/common/prompts/editorPrompts';
import type { DiagnosticInfo, SourceInput } from '../../../src/common/prompts/sourceContext';

const lines = (n: number, from = 1, width = 10): string[] =>
  Array.from({ length: n }, (_, i) => `l${String(from + i).padEnd(width, '.')}`);

function input(over: Partial<SourceInput> = {}): SourceInput {
  return {
    path: 'src/math.ts',
    languageId: 'typescript',
    target: { startLine: 5, lines: ['export function divide(a: number, b: number): number {', '  return a / b;', '}'] },
    targetKind: 'selection',
    symbol: { name: 'divide', kind: 'function' },
    before: {
      startLine: 1,
      lines: ['export function add(a: number, b: number): number {', '  return a + b;', '}', ''],
    },
    after: { startLine: 8, lines: ['', 'export const PI = 3.14;'] },
    diagnostics: [
      {
        line: 6,
        column: 10,
        severity: 'warning',
        message: 'Possible division by zero',
        source: 'lint',
        code: 'no-div0',
      },
    ],
    ...over,
  };
}

const user = (p: { messages: Array<{ role: string; content: string }> }): string => p.messages[1]?.content ?? '';

describe('editor prompts: explain', () => {
  it('sends a system message, then path, language, numbered selection, context and diagnostics', () => {
    const p = buildExplainPrompt(input(), 128000);
    assert.equal(p.messages.length, 2);
    assert.equal(p.messages[0]?.role, 'system');
    const u = user(p);
    assert.match(u, /File: src\/math\.ts\nLanguage: typescript/);
    assert.match(
      u,
      /Code in focus: the selection \(lines 5–7, inside function `divide`\):\n```typescript\n5 \| export function divide/,
    );
    assert.match(u, /6 \| {3}return a \/ b;/);
    assert.match(u, /Context before it \(lines 1–4, for reference only\):\n```typescript\n1 \| export function add/);
    assert.match(u, /Context after it \(lines 8–9, for reference only\)/);
    assert.match(
      u,
      /Diagnostics in this range:\n- line 6, column 10, warning \[lint no-div0\]: Possible division by zero/,
    );
    assert.ok(u.endsWith('Explain the selection (lines 5–7, inside function `divide`).'));
    assert.equal(p.context + '\n\n' + p.instruction, u);
    assert.deepEqual(p.omitted, []);
    assert.ok(!/Left out/.test(u));
    assert.equal(p.display, 'Explain the selection (math.ts:5–7)');
  });

  it('says when it explains the enclosing function or the current line instead of a selection', () => {
    const fn = buildExplainPrompt(input({ targetKind: 'function' }), 128000);
    assert.match(
      fn.instruction,
      /^Nothing was selected, so this is the enclosing function `divide`\. Explain the enclosing function `divide` \(lines 5–7\)\.$/,
    );
    assert.match(fn.display, /^Explain `divide` \(math\.ts:5–7\) — Nothing was selected/);
    const line = buildExplainPrompt(
      input({ targetKind: 'line', symbol: undefined, target: { startLine: 9, lines: ['export const PI = 3.14;'] } }),
      128000,
    );
    assert.match(
      line.instruction,
      /cursor is not inside a function, so this is the current line\. Explain the current line 9\./,
    );
  });

  it('includes notes about the document, and fences code that contains ```', () => {
    const p = buildExplainPrompt(
      input({ notes: ['The file has unsaved changes.'], target: { startLine: 1, lines: ['const md = "```";'] } }),
      128000,
    );
    assert.match(user(p), /Note: The file has unsaved changes\./);
    assert.match(user(p), /````typescript\n1 \| const md = "```";\n````/);
  });

  it('cuts a selection larger than the budget explicitly: keeps the first lines and tells both', () => {
    const big = input({
      target: { startLine: 1, lines: lines(5000) },
      before: undefined,
      after: { startLine: 5001, lines: lines(200, 5001) },
    });
    const p = buildExplainPrompt(big, 4000); // 4000 tokens * 3.5 * 0.5 = 7000 characters
    assert.ok(p.messages.reduce((n, m) => n + m.content.length, 0) <= 7000, 'fits the budget');
    const kept = p.target.lines.length;
    assert.ok(kept > 100 && kept < 5000);
    assert.equal(p.omitted.length, 2);
    assert.match(
      p.omitted[0] ?? '',
      new RegExp(`^lines ${kept + 1}–5000 of the selection \\(about [\\d,]+ characters\\)$`),
    );
    assert.match(p.omitted[1] ?? '', /^lines 50\d\d–5200 of the context after/);
    assert.match(
      user(p),
      /Left out to fit the context window: lines \d+–5000 of the selection .*You have not seen that text/,
    );
    assert.match(p.instruction, new RegExp(`lines 1–${kept}`));
  });

  it('keeps the context nearest the selection when only the context is cut', () => {
    const p = buildExplainPrompt(
      input({
        target: { startLine: 1000, lines: ['x'] },
        before: { startLine: 1, lines: lines(999) },
        after: { startLine: 1001, lines: lines(999, 1001) },
      }),
      4000,
    );
    assert.match(user(p), /999 \| l999/, 'the line just before the selection is kept');
    assert.match(user(p), /1001 \| l1001/, 'the line just after the selection is kept');
    assert.ok(!/\n {3}1 \| l1\./.test(user(p)), 'the far start is left out');
    assert.match(p.omitted[0] ?? '', /^lines 1–\d+ of the context before/);
    assert.match(p.omitted[1] ?? '', /^lines \d+–1999 of the context after/);
  });

  it('drops diagnostics beyond the cap and says how many', () => {
    const diags: DiagnosticInfo[] = Array.from({ length: 40 }, (_, i) => ({
      line: 5,
      column: i + 1,
      severity: 'error',
      message: `problem ${i}`,
    }));
    const p = buildExplainPrompt(input({ diagnostics: diags }), 128000);
    assert.ok(p.omitted.includes('10 of 40 diagnostics'));
    assert.match(user(p), /problem 29/);
    assert.ok(!/problem 30/.test(user(p)));
  });
});

describe('editor prompts: refactor and fix', () => {
  it('refactor asks for the JSON shape and states the replaced lines and the intent', () => {
    const p = buildRefactorPrompt(input(), 'Improve readability', 128000);
    assert.match(p.messages[0]?.content ?? '', /\{"replacement": string, "explanation": string\}/);
    assert.match(p.messages[0]?.content ?? '', /no line numbers, no Markdown fence/);
    assert.match(
      p.instruction,
      /^Refactor lines 5–7 \(the selection \(lines 5–7, inside function `divide`\)\): Improve readability\nThe replacement replaces lines 5–7 entirely\.$/,
    );
    assert.equal(p.display, 'Refactor math.ts:5–7: Improve readability');
  });

  it('refactor of a cut selection replaces only the lines sent, and says so', () => {
    const p = buildRefactorPrompt(
      input({ target: { startLine: 1, lines: lines(3000) }, before: undefined, after: undefined }),
      'Add types',
      4000,
    );
    const end = p.target.lines.length;
    assert.ok(end < 3000);
    assert.match(p.instruction, new RegExp(`The replacement replaces lines 1–${end} entirely`));
    assert.match(p.omitted[0] ?? '', new RegExp(`^lines ${end + 1}–3000 of the selection`));
  });

  it('fix names the diagnostic, its position and origin', () => {
    const d: DiagnosticInfo = {
      line: 6,
      column: 10,
      severity: 'error',
      message: "Type 'string' is not assignable to type 'number'.",
      source: 'ts',
      code: '2322',
    };
    const p = buildFixPrompt(input({ targetKind: 'diagnostic', diagnostics: [d] }), d, 128000);
    assert.match(p.instruction, /^Fix this error at line 6, column 10 \[ts 2322\]: Type 'string' is not assignable/);
    assert.match(p.instruction, /replaces lines 5–7 entirely/);
    assert.match(p.context, /Code in focus: the code around the problem \(lines 5–7\)/);
    assert.match(p.messages[0]?.content ?? '', /fixing a problem/);
  });
});
