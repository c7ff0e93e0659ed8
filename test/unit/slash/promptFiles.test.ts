import assert from 'node:assert/strict';
import { fillPrompt, parsePromptFile, parseSlash } from '../../../src/common/slash/promptFiles';

describe('prompt files (.aio/prompts/*.md)', () => {
  it('reads the description from the front matter and keeps the body', () => {
    const p = parsePromptFile(
      'review.md',
      '---\ndescription: "Review for bugs"\nother: x\n---\nReview {{file}}:\n\n{{selection}}\n',
    );
    assert.deepEqual(p, { name: 'review', description: 'Review for bugs', body: 'Review {{file}}:\n\n{{selection}}' });
  });

  it('without front matter, the first line describes it; CRLF and a BOM are fine', () => {
    const p = parsePromptFile('Doc-It.md', '\uFEFF# Write docs\r\nfor {{ selection }}\r\n');
    assert.equal(p?.name, 'Doc-It');
    assert.equal(p?.description, 'Write docs');
    assert.equal(p?.body, '# Write docs\nfor {{ selection }}');
  });

  it('refuses file names that cannot be commands', () => {
    assert.equal(parsePromptFile('has space.md', 'x'), undefined);
    assert.equal(parsePromptFile('.hidden.md', 'x'), undefined);
  });

  it('fills {{selection}} and {{file}}, leaving other braces alone', () => {
    assert.equal(
      fillPrompt('In {{file}}: {{ selection }} {{other}} {{file}}', { selection: 'let x', file: 'src/a.ts' }),
      'In src/a.ts: let x {{other}} src/a.ts',
    );
    // Values are inserted as they are, even when they look like placeholders themselves.
    assert.equal(fillPrompt('{{selection}}', { selection: '{{file}} $& $1', file: 'f' }), '{{file}} $& $1');
  });

  it('finds /command and the text after it', () => {
    assert.deepEqual(parseSlash('/Explain  why it fails\nplease'), { name: 'explain', rest: 'why it fails\nplease' });
    assert.deepEqual(parseSlash('/new'), { name: 'new', rest: '' });
    assert.equal(parseSlash('not /a command'), undefined);
    assert.equal(parseSlash('/ spaced'), undefined);
  });
});
