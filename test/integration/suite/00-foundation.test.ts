import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/host/testingApi';
import { DEFAULTS } from '../../../src/host/config';
import { validateBaseUrl } from '../../../src/common/llm/baseUrl';
import { extension, hasBridge, screenshot, waitFor, webviewEval } from '../util';

suite('Foundation', () => {
  test('is not active until its view or a command is used, and has no eager activation event', async () => {
    const ext = extension();
    const events: string[] = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(
      !events.includes('*') && !events.includes('onStartupFinished'),
      `eager activation events: ${events.join(', ')}`,
    );
    assert.equal(ext.isActive, false, 'the extension activated before anything used it');
    await vscode.commands.executeCommand('workbench.view.extension.aioCoder');
    await waitFor(() => ext.isActive, 'activation by opening the view');
  });

  test('the view shows the onboarding state with no key (screenshot)', async function () {
    if (!hasBridge()) this.skip();
    await vscode.commands.executeCommand('workbench.view.extension.aioCoder');
    const text = await waitFor(
      async () => {
        const t = await webviewEval<string>('document.body.innerText');
        return /Set API key/i.test(t) ? t : '';
      },
      'onboarding text in the webview',
      30_000,
    );
    assert.match(text, /API key/i);
    await screenshot('foundation-activity-bar-view');
  });

  test('set and clear the API key round-trip through SecretStorage; empty keys are refused', async () => {
    const api = (await extension().activate()) as TestingApi;
    assert.equal(await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_round_trip_123'), true);
    assert.equal(await api.currentKey(), 'aio_round_trip_123');
    assert.equal(await api.keySource(), 'secretStorage');
    assert.equal(await vscode.commands.executeCommand('aioCoder.setApiKey', '   '), false);
    assert.equal(await api.currentKey(), 'aio_round_trip_123', 'an empty key must not replace the stored one');
    assert.equal(await vscode.commands.executeCommand('aioCoder.setApiKey', ''), false);
    await vscode.commands.executeCommand('aioCoder.clearApiKey');
    assert.equal(await api.keySource(), undefined);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('aioCoder'));
    assert.ok(!settings.includes('aio_round_trip_123'), 'the key must never reach settings');
  });

  test('falls back to AIO_API_KEY when no key is stored', async () => {
    const api = (await extension().activate()) as TestingApi;
    const before = process.env.AIO_API_KEY;
    try {
      process.env.AIO_API_KEY = 'aio_from_env_456';
      assert.equal(await api.keySource(), 'environment');
      assert.equal(await api.currentKey(), 'aio_from_env_456');
      await vscode.commands.executeCommand('aioCoder.setApiKey', 'aio_stored_789');
      assert.equal(await api.keySource(), 'secretStorage', 'a stored key wins over the environment');
      await vscode.commands.executeCommand('aioCoder.clearApiKey');
      assert.equal(await api.currentKey(), 'aio_from_env_456');
    } finally {
      if (before === undefined) delete process.env.AIO_API_KEY;
      else process.env.AIO_API_KEY = before;
    }
  });

  test('settings have the documented defaults', () => {
    const c = vscode.workspace.getConfiguration('aioCoder');
    const expected: Record<string, unknown> = {
      baseUrl: DEFAULTS.baseUrl,
      model: DEFAULTS.model,
      stream: DEFAULTS.stream,
      includeThoughts: DEFAULTS.includeThoughts,
      reasoningEffort: DEFAULTS.reasoningEffort,
      requestTimeoutSeconds: DEFAULTS.requestTimeoutSeconds,
      maxRetries: DEFAULTS.maxRetries,
      'tools.enabled': DEFAULTS.toolsEnabled,
      'tools.maxRounds': DEFAULTS.toolsMaxRounds,
      contextWindowTokens: DEFAULTS.contextWindowTokens,
      'instructions.enabled': DEFAULTS.instructionsEnabled,
      'debug.recordResponses': DEFAULTS.recordResponses,
      'tools.denyGlobs': DEFAULTS.toolsDenyGlobs,
    };
    for (const [key, value] of Object.entries(expected))
      assert.deepEqual(c.inspect(key)?.defaultValue, value, `default of aioCoder.${key}`);
    assert.equal(DEFAULTS.baseUrl, 'https://apiin.one/api/v1');
    assert.equal(DEFAULTS.reasoningEffort, 'high');
    assert.equal(DEFAULTS.requestTimeoutSeconds, 120);
  });

  test('http:// base URLs are accepted only for loopback hosts', async () => {
    const pattern = new RegExp(
      (
        extension().packageJSON as {
          contributes: { configuration: { properties: Record<string, { pattern: string }> } };
        }
      ).contributes.configuration.properties['aioCoder.baseUrl']?.pattern ?? '',
    );
    for (const ok of [
      'https://apiin.one/api/v1',
      'http://127.0.0.1:8080/v1',
      'http://localhost/v1',
      'http://[::1]:9/v1',
    ]) {
      assert.equal(validateBaseUrl(ok), undefined, ok);
      assert.ok(pattern.test(ok), `settings pattern should accept ${ok}`);
    }
    for (const bad of [
      'http://apiin.one/api/v1',
      'http://10.0.0.1/v1',
      'ftp://127.0.0.1/',
      'http://localhost.evil.com/v1',
    ]) {
      assert.ok(validateBaseUrl(bad), `${bad} must be refused`);
      assert.ok(!pattern.test(bad), `settings pattern should refuse ${bad}`);
    }
  });
});
