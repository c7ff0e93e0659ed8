import assert from 'node:assert/strict';
import type { InstructionFile } from '../../../src/common/context/instructions';
import {
  instructionsBlock,
  messagesWithInstructions,
  withInstructions,
} from '../../../src/common/prompts/instructionsPrompt';

const root: InstructionFile = { path: 'AGENTS.md', scope: 'root', text: 'Use tabs.\n' };
const nested: InstructionFile = {
  path: 'pkg/api/AGENTS.md',
  scope: 'nested',
  text: 'Use spaces here.',
  cut: 'cut to its first 1,000 characters (the file has 40 KB)',
};

describe('project instructions in the system prompt', () => {
  it('adds nothing when there are no instructions', () => {
    assert.equal(instructionsBlock([]), '');
    assert.equal(withInstructions('SYSTEM', []), 'SYSTEM');
  });

  it('fences each file by its path, in order, says which wins and states a cut', () => {
    const text = withInstructions('SYSTEM', [root, nested]);
    assert.equal(
      text,
      [
        'SYSTEM',
        '',
        'Project instructions from the workspace follow. Follow them unless the user asks otherwise. ' +
          'A nested AGENTS.md applies to the files below its folder; where files disagree, the later one wins.',
        '',
        '<instructions file="AGENTS.md">\nUse tabs.\n</instructions>',
        '',
        '<instructions file="pkg/api/AGENTS.md" applies-to="pkg/api/">\nUse spaces here.\n' +
          '(pkg/api/AGENTS.md was cut to its first 1,000 characters (the file has 40 KB).)\n</instructions>',
      ].join('\n'),
    );
  });

  it("appends to an editor command's system message only", () => {
    const out = messagesWithInstructions(
      [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
      ],
      [root],
    );
    assert.match(out[0]?.content ?? '', /^S\n\nProject instructions[\s\S]*Use tabs\./);
    assert.equal(out[1]?.content, 'U');
  });
});
