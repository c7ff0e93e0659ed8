import assert from 'node:assert/strict';
import {
  buildGenerateCodePrompt,
  buildGenerateTestsPrompt,
  CURSOR_MARK,
  type GenerateTestsInput,
} from '../../../src/common/prompts/generatePrompts';

const lines = (n: number, from = 1): string[] => Array.from({ length: n }, (_, i) => `line ${from + i} ........`);

describe('generate prompts: code', () => {
  it('marks the cursor in the code around it and asks for bare code', () => {
    const p = buildGenerateCodePrompt(
      {
        description: 'a function that clamps a number',
        languageId: 'typescript',
        path: 'src/math.ts',
        window: { startLine: 1, lines: ['const a = 1;', '  ', 'const b = 2;'] },
        cursor: { line: 2, column: 2 },
      },
      128000,
    );
    const sys = p.messages[0]?.content ?? '';
    assert.match(sys, /only the typescript code to insert at the cursor/);
    assert.match(sys, /No Markdown fence/);
    const u = p.messages[1]?.content ?? '';
    assert.match(u, /File: src\/math\.ts\nLanguage: typescript/);
    assert.ok(u.includes(`1 | const a = 1;\n2 |   ${CURSOR_MARK}\n`));
    assert.match(u, /Code after the cursor \(line 3\):\n```typescript\n3 \| const b = 2;/);
    assert.ok(u.endsWith(`Write the code to insert at ${CURSOR_MARK}: a function that clamps a number`));
    assert.deepEqual(p.omitted, []);
    assert.equal(p.display, 'Generate code in math.ts:2: a function that clamps a number');
  });

  it('works for a new document without code', () => {
    const p = buildGenerateCodePrompt({ description: 'hello world', languageId: 'python' }, 128000);
    assert.match(p.messages[1]?.content ?? '', /^A new, empty document\.\nLanguage: python\n\nWrite the code/);
  });

  it('keeps the lines nearest the cursor and says what was left out', () => {
    const p = buildGenerateCodePrompt(
      {
        description: 'x',
        languageId: 'go',
        path: 'a.go',
        window: { startLine: 1, lines: lines(3000) },
        cursor: { line: 1500, column: 0 },
      },
      4000,
    );
    const u = p.messages[1]?.content ?? '';
    assert.match(u, /1499 \| line 1499/);
    assert.match(u, /1501 \| line 1501/);
    assert.match(p.omitted[0] ?? '', /^lines 1–\d+ of the code before the cursor/);
    assert.match(p.omitted[1] ?? '', /^lines \d+–3000 of the code after the cursor/);
    assert.match(u, /Left out to fit the context window/);
  });

  it('cuts a huge description and says so', () => {
    const p = buildGenerateCodePrompt({ description: 'd'.repeat(50_000), languageId: 'go' }, 4000);
    assert.match(p.omitted[0] ?? '', /^the end of the description \([\d,]+ of 50,000 characters\)$/);
    assert.ok((p.messages[1]?.content.length ?? 0) < 14_000);
  });
});

describe('generate prompts: tests', () => {
  const base = (over: Partial<GenerateTestsInput> = {}): GenerateTestsInput => ({
    source: {
      path: 'editor/src/numbers.ts',
      languageId: 'typescript',
      target: { startLine: 1, lines: ['export const double = (n: number) => n * 2;'] },
      targetKind: 'file',
      diagnostics: [],
    },
    framework: { framework: 'mocha', evidence: 'package.json depends on mocha' },
    testPath: 'editor/test/numbers.test.ts',
    convention: 'tests live in editor/test/',
    importPath: '../src/numbers',
    ...over,
  });

  it('new file: the code, the framework with its evidence, the path, the import and "only the file"', () => {
    const p = buildGenerateTestsPrompt(base(), 128000);
    assert.match(p.messages[0]?.content ?? '', /complete contents of the new test file/);
    const u = p.messages[1]?.content ?? '';
    assert.match(u, /Code in focus: the whole file \(line 1\):\n```typescript\n1 \| export const double/);
    assert.match(
      u,
      /Test framework: mocha \(package\.json depends on mocha\)\.\nTest file: editor\/test\/numbers\.test\.ts \(tests live in editor\/test\/\)\.\nImport the code under test from '\.\.\/src\/numbers'\./,
    );
    assert.ok(u.endsWith('Write the test file editor/test/numbers.test.ts for the whole file (line 1).'));
    assert.equal(p.display, 'Generate tests for numbers.ts:1 → editor/test/numbers.test.ts (mocha)');
  });

  it('append: shows the existing test file and asks for code to append only', () => {
    const p = buildGenerateTestsPrompt(
      base({ existing: { startLine: 1, lines: ["import assert from 'node:assert';", "suite('numbers', () => {});"] } }),
      128000,
    );
    assert.match(p.messages[0]?.content ?? '', /only the code to append at the end of the existing test file/);
    assert.match(
      p.context,
      /Existing content of editor\/test\/numbers\.test\.ts \(lines 1–2\):\n```typescript\n1 \| import assert/,
    );
    assert.match(
      p.instruction,
      /^Write more tests for the whole file \(line 1\), to append to editor\/test\/numbers\.test\.ts\.$/,
    );
  });

  it('an unknown framework asks the model to pick and say which', () => {
    const p = buildGenerateTestsPrompt(
      base({ framework: { framework: 'unknown', evidence: 'no test framework found' } }),
      128000,
    );
    assert.match(p.context, /Test framework: none detected \(no test framework found\); use the most common one/);
  });

  it('cuts a large existing test file and a large source, and says both', () => {
    const p = buildGenerateTestsPrompt(
      base({
        source: { ...base().source, target: { startLine: 1, lines: lines(4000) } },
        existing: { startLine: 1, lines: lines(4000) },
        example: { path: 'editor/test/strings.test.ts', span: { startLine: 1, lines: lines(10) } },
      }),
      8000,
    );
    assert.ok(
      p.omitted.some((o) => /of the whole file/.test(o)),
      p.omitted.join(' | '),
    );
    assert.ok(
      p.omitted.some((o) => /of the existing editor\/test\/numbers\.test\.ts/.test(o)),
      p.omitted.join(' | '),
    );
    const total = p.messages.reduce((n, m) => n + m.content.length, 0);
    assert.ok(total <= 8000 * 3.5 * 0.5, `total ${total}`);
  });
});
