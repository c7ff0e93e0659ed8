import {
  cutSpan,
  describeOmitted,
  endLine,
  lineRange,
  promptCharBudget,
  spanChars,
  type LineSpan,
} from '../editor/budget';
import type { FrameworkGuess } from '../editor/testFramework';
import { assemble, PROMPT_SHARE, shortWhere, type EditorPrompt } from './editorPrompts';
import { codeBlock, fitSource, omittedNote, targetLabel, type SourceInput } from './sourceContext';

/** Marks the insertion point in the code shown to the model. */
export const CURSOR_MARK = '⟦CURSOR⟧';

/** Inputs of {@link buildGenerateCodePrompt}. */
export interface GenerateCodeInput {
  description: string;
  languageId: string;
  /** Workspace-relative path; undefined for a new untitled document. */
  path?: string;
  /** Lines around the cursor, including the cursor's line. */
  window?: LineSpan;
  /** 1-based line, 0-based column of the cursor. */
  cursor?: { line: number; column: number };
}

const generateSystem = (languageId: string): string =>
  [
    'You are AIO Coder, writing code inside Visual Studio Code.',
    `Answer with only the ${languageId} code to insert at the cursor, marked ${CURSOR_MARK} in the code shown. ` +
      `No Markdown fence, no explanation, no line numbers.`,
    'Do not repeat the code before or after the cursor. Match its style and indentation. ' +
      'Put any remark in a code comment.',
  ].join('\n');

/** Splits the window at the cursor (the marker goes into the cursor's line). */
function splitAtCursor(
  window: LineSpan,
  cursor: { line: number; column: number },
): { before: LineSpan; after: LineSpan } {
  const idx = Math.min(Math.max(0, cursor.line - window.startLine), window.lines.length - 1);
  const line = window.lines[idx] ?? '';
  const marked = `${line.slice(0, cursor.column)}${CURSOR_MARK}${line.slice(cursor.column)}`;
  return {
    before: { startLine: window.startLine, lines: [...window.lines.slice(0, idx), marked] },
    after: { startLine: window.startLine + idx + 1, lines: window.lines.slice(idx + 1) },
  };
}

/** The generate-code prompt: a description, and the code around the cursor (nearest lines kept). */
export function buildGenerateCodePrompt(input: GenerateCodeInput, contextWindowTokens: number): EditorPrompt {
  const system = generateSystem(input.languageId);
  let room = promptCharBudget(contextWindowTokens, PROMPT_SHARE.generateCode) - system.length - 400;
  const omitted: string[] = [];
  let description = input.description.trim();
  if (description.length > room / 2) {
    const keep = Math.max(0, Math.floor(room / 2));
    omitted.push(
      `the end of the description (${(description.length - keep).toLocaleString('en-US')} of ` +
        `${description.length.toLocaleString('en-US')} characters)`,
    );
    description = description.slice(0, keep);
  }
  room -= description.length;
  const header = [input.path ? `File: ${input.path}` : 'A new, empty document.', `Language: ${input.languageId}`];
  const parts = [header.join('\n')];
  let target: LineSpan = { startLine: input.cursor?.line ?? 1, lines: [] };
  if (input.window && input.cursor && input.window.lines.length > 0) {
    const { before, after } = splitAtCursor(input.window, input.cursor);
    const cutBefore = cutSpan(before, Math.max(Math.floor(room / 2), room - spanChars(after)), 'tail');
    const cutAfter = cutSpan(after, Math.max(0, room - spanChars(cutBefore.kept)), 'head');
    omitted.push(
      ...describeOmitted(cutBefore, 'the code before the cursor'),
      ...describeOmitted(cutAfter, 'the code after the cursor'),
    );
    if (cutBefore.kept.lines.length > 0)
      parts.push(
        codeBlock(
          `Code before the cursor, with the cursor (${lineRange(cutBefore.kept.startLine, endLine(cutBefore.kept))}):`,
          cutBefore.kept,
          input.languageId,
        ),
      );
    if (cutAfter.kept.lines.length > 0)
      parts.push(
        codeBlock(
          `Code after the cursor (${lineRange(cutAfter.kept.startLine, endLine(cutAfter.kept))}):`,
          cutAfter.kept,
          input.languageId,
        ),
      );
    target = { startLine: input.cursor.line, lines: [] };
  }
  if (omitted.length > 0) parts.push(omittedNote(omitted));
  const instruction = `Write the code to insert at ${CURSOR_MARK}: ${description}`;
  const at = input.path ? ` in ${shortWhere(input.path, { startLine: input.cursor?.line ?? 1, lines: [''] })}` : '';
  const display = `Generate code${at}: ${description.split('\n')[0] ?? ''}`;
  return assemble(system, parts.join('\n\n'), instruction, display, { target, omitted });
}

/** Inputs of {@link buildGenerateTestsPrompt}. */
export interface GenerateTestsInput {
  /** The code to test: the selection or the whole file. */
  source: SourceInput;
  framework: FrameworkGuess;
  /** Workspace-relative path of the test file. */
  testPath: string;
  /** How the path was chosen, e.g. "tests live in test/". */
  convention: string;
  /** The module specifier to import the code under test from the test file, when known. */
  importPath?: string;
  /** The current content of the test file, when the tests are appended to it. */
  existing?: LineSpan;
  /** Another test file of the workspace, shown for its style. */
  example?: { path: string; span: LineSpan };
}

const testsSystem = (append: boolean): string =>
  [
    'You are AIO Coder, writing unit tests inside Visual Studio Code.',
    append
      ? 'Answer with only the code to append at the end of the existing test file: ' +
        'new tests, plus import lines only for what the file does not import yet. ' +
        'No Markdown fence, no explanation.'
      : 'Answer with only the complete contents of the new test file. No Markdown fence, no explanation.',
    'Follow the framework and the conventions given. Cover normal cases, ' +
      'edge cases and errors; keep each test small and independent.',
  ].join('\n');

function frameworkLine(fw: FrameworkGuess): string {
  return fw.framework === 'unknown'
    ? `Test framework: none detected (${fw.evidence}); use the most common one ` +
        `for the language and say which in a comment.`
    : `Test framework: ${fw.framework} (${fw.evidence}).`;
}

/** The generate-tests prompt: the code under test first, then the test file (when appending), then an example. */
export function buildGenerateTestsPrompt(input: GenerateTestsInput, contextWindowTokens: number): EditorPrompt {
  const append = input.existing !== undefined;
  const system = testsSystem(append);
  const budget = promptCharBudget(contextWindowTokens, PROMPT_SHARE.generateTests) - system.length - 600;
  const fitted = fitSource(input.source, Math.floor(budget * (append || input.example ? 0.6 : 1)));
  let room = budget - fitted.text.length;
  const omitted = [...fitted.omitted];
  const parts = [
    fitted.text,
    [
      frameworkLine(input.framework),
      `Test file: ${input.testPath} (${input.convention}).`,
      ...(input.importPath ? [`Import the code under test from '${input.importPath}'.`] : []),
    ].join('\n'),
  ];
  if (input.existing) {
    const cut = cutSpan(input.existing, Math.max(0, room), 'head');
    omitted.push(...describeOmitted(cut, `the existing ${input.testPath}`));
    if (cut.kept.lines.length > 0)
      parts.push(
        codeBlock(
          `Existing content of ${input.testPath} (${lineRange(cut.kept.startLine, endLine(cut.kept))}):`,
          cut.kept,
          input.source.languageId,
        ),
      );
    room -= spanChars(cut.kept);
  }
  if (input.example && room > 500) {
    const cut = cutSpan(input.example.span, Math.min(room, 6000), 'head');
    if (cut.kept.lines.length > 0)
      parts.push(
        codeBlock(
          `An existing test file of this workspace, for its style (` +
            `${input.example.path}, ${lineRange(cut.kept.startLine, endLine(cut.kept))}):`,
          cut.kept,
          input.source.languageId,
        ),
      );
  }
  if (omitted.length > fitted.omitted.length) parts.push(omittedNote(omitted.slice(fitted.omitted.length)));
  const what = targetLabel(input.source, fitted.target);
  const instruction = append
    ? `Write more tests for ${what}, to append to ${input.testPath}.`
    : `Write the test file ${input.testPath} for ${what}.`;
  const display =
    `Generate tests for ${shortWhere(input.source.path, fitted.target)} → ${input.testPath} ` +
    `(${input.framework.framework})`;
  return assemble(system, parts.join('\n\n'), instruction, display, { target: fitted.target, omitted });
}
