import assert from 'node:assert/strict';
import {
  BUILTINS,
  commandList,
  isBuiltinCommand,
  problemsBlock,
  promptFilePreamble,
} from '../../../src/common/slash/builtins';
import { parsePromptFile } from '../../../src/common/slash/promptFiles';

const prompt = (file: string, text: string, path: string) => ({ ...parsePromptFile(file, text)!, path });

describe('slash commands: the list and what they say', () => {
  it('lists the built-ins sorted by name, each with a description', () => {
    const list = commandList([]);
    assert.deepEqual(
      list.map((c) => c.name),
      ['clear', 'explain', 'fix', 'new', 'tests'],
    );
    assert.ok(list.every((c) => c.description.length > 10 && c.path === undefined));
  });

  it('adds prompt files; one named like a model command replaces it, /clear cannot be replaced; first folder wins', () => {
    const list = commandList([
      prompt('review.md', '---\ndescription: Review for bugs\n---\nReview {{file}}', '.aio/prompts/review.md'),
      prompt('Explain.md', 'Explain like I am five', 'a/.aio/prompts/Explain.md'),
      prompt('explain.md', 'Second folder', 'b/.aio/prompts/explain.md'),
      prompt('clear.md', 'Never used', '.aio/prompts/clear.md'),
    ]);
    assert.deepEqual(list, [
      { name: 'clear', description: BUILTINS.clear.description },
      { name: 'explain', description: 'Explain like I am five', path: 'a/.aio/prompts/Explain.md' },
      { name: 'fix', description: BUILTINS.fix.description },
      { name: 'new', description: BUILTINS.new.description },
      { name: 'review', description: 'Review for bugs', path: '.aio/prompts/review.md' },
      { name: 'tests', description: BUILTINS.tests.description },
    ]);
  });

  it('knows its built-ins (and nothing from the object prototype)', () => {
    assert.ok(isBuiltinCommand('fix'));
    assert.ok(!isBuiltinCommand('review'));
    assert.ok(!isBuiltinCommand('toString'));
    assert.ok(!isBuiltinCommand('constructor'));
  });

  it('every model command says what it is to the model; /clear says nothing', () => {
    for (const name of ['explain', 'fix', 'tests', 'new'] as const)
      assert.match(BUILTINS[name].instruction ?? '', new RegExp(`^The user ran /${name}:`));
    assert.equal(BUILTINS.clear.instruction, undefined);
    assert.deepEqual(
      Object.entries(BUILTINS)
        .filter(([, b]) => b.usesEditor)
        .map(([n]) => n),
      ['explain', 'fix', 'tests'],
    );
  });

  it('a prompt file is sent with its placeholders filled and where it came from', () => {
    const p = prompt(
      'Review.md',
      '---\ndescription: x\n---\nReview {{file}}:\n{{ selection }}',
      '.aio/prompts/Review.md',
    );
    assert.equal(
      promptFilePreamble(p.path, p, { file: 'src/a.ts', selection: 'let x = 1;' }),
      'The user ran /review, their prompt from .aio/prompts/Review.md:\n\nReview src/a.ts:\nlet x = 1;',
    );
  });

  it('lists the problems as given, 30 at most, and says how many more there were', () => {
    assert.equal(problemsBlock([]), 'The editor reports no problems in this code.');
    const many = Array.from({ length: 32 }, (_, i) => ({
      path: 'src/a.ts',
      line: i + 1,
      column: 2,
      severity: 'error' as const,
      message: `problem ${i + 1}`,
      ...(i === 0 ? { source: 'ts', code: '2304' } : {}),
    }));
    const text = problemsBlock(many);
    assert.match(text, /^Problems the editor reports:\n- src\/a\.ts:1:2 error \[ts 2304\]: problem 1\n/);
    assert.match(text, /- src\/a\.ts:30:2 error: problem 30\n\(and 2 more\)$/);
    assert.doesNotMatch(text, /problem 31/);
  });
});
