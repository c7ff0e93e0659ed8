import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULTS, readSettings } from '../../../src/host/config';

// The test workspace's .vscode/settings.json tries all three: a cloned repository must not be able to
// send the user's API key to its own server, switch off the sensitive-file list, or have Agent mode
// write its edits without review.
suite('Settings a workspace cannot change', () => {
  test('a workspace cannot redirect the API key (aioCoder.baseUrl) or loosen aioCoder.tools.denyGlobs', () => {
    const c = vscode.workspace.getConfiguration('aioCoder');
    assert.equal(c.get('baseUrl'), DEFAULTS.baseUrl);
    assert.deepEqual(c.get('tools.denyGlobs'), DEFAULTS.toolsDenyGlobs);
    assert.equal(c.inspect('baseUrl')?.workspaceValue, undefined);
  });

  test('a workspace cannot switch on aioCoder.agent.autoApproveEdits', () => {
    const c = vscode.workspace.getConfiguration('aioCoder');
    assert.equal(c.get('agent.autoApproveEdits'), false);
    assert.equal(c.inspect('agent.autoApproveEdits')?.workspaceValue, undefined);
    assert.equal(readSettings().agentAutoApproveEdits, false);
  });
});
