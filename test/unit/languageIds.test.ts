import assert from 'node:assert/strict';
import { languageIdForFence } from '../../src/common/languageIds';

describe('languageIdForFence', () => {
  it('maps common fence tags to VS Code language ids', () => {
    assert.equal(languageIdForFence('ts'), 'typescript');
    assert.equal(languageIdForFence('TSX'), 'typescriptreact');
    assert.equal(languageIdForFence('py'), 'python');
    assert.equal(languageIdForFence('bash'), 'shellscript');
    assert.equal(languageIdForFence('c++'), 'cpp');
    assert.equal(languageIdForFence('yml'), 'yaml');
  });

  it('keeps ids that are already VS Code ids, and ignores fence attributes', () => {
    assert.equal(languageIdForFence('typescript'), 'typescript');
    assert.equal(languageIdForFence('rust'), 'rust');
    assert.equal(languageIdForFence('python {linenos=true}'), 'python');
    assert.equal(languageIdForFence(''), '');
  });
});
