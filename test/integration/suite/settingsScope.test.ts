import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULTS } from '../../../src/host/config';

// The test workspace's .vscode/settings.json tries both: a cloned repository must not be able to send
// the user's API key to its own server, nor switch off the sensitive-file list.
suite('Settings a workspace cannot change', () => {
  test('a workspace cannot redirect the API key (aioCoder.baseUrl) or loosen aioCoder.tools.denyGlobs', () => {
    const c = vscode.workspace.getConfiguration('aioCoder');
    assert.equal(c.get('baseUrl'), DEFAULTS.baseUrl);
    assert.deepEqual(c.get('tools.denyGlobs'), DEFAULTS.toolsDenyGlobs);
    assert.equal(c.inspect('baseUrl')?.workspaceValue, undefined);
  });
});
