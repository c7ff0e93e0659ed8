import { strict as assert } from 'node:assert';
import type { ErrorKind } from '../../src/common/protocol';
import { Panel, answerTurn, startHarness, type Harness } from './harness';

describe('errors and onboarding', () => {
  let harness: Harness;
  let panel: Panel;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    panel = await Panel.open(harness);
  });
  afterEach(async () => {
    await panel.close();
  });

  async function failTurn(kind: ErrorKind, retryable: boolean): Promise<void> {
    await panel.restore();
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'delta', requestId: 'r1', text: 'Partial answer' },
      {
        type: 'streamEnd',
        requestId: 'r1',
        reason: 'error',
        error: { kind, message: `Failure of kind ${kind}`, retryable },
      },
    );
    await panel.page.locator('.error-card').getByText(`Failure of kind ${kind}`).waitFor();
    assert.equal(
      (await panel.page.locator('[data-turn-id="a1"] .answer-body').textContent())?.trim(),
      'Partial answer',
      'the partial answer stays',
    );
  }

  it('auth → "Set API key" posts setApiKey', async () => {
    await failTurn('auth', false);
    await panel.page.locator('.error-card').getByRole('button', { name: 'Set API key' }).click();
    await panel.waitForPosted({ type: 'setApiKey' });
  });

  it('insufficient_credits → "Open dashboard" opens the dashboard through openExternal', async () => {
    await failTurn('insufficient_credits', false);
    await panel.page.getByRole('button', { name: 'Open dashboard' }).click();
    await panel.waitForPosted({ type: 'openExternal', url: 'https://apiin.one/dashboard' });
  });

  for (const kind of ['rate_limit', 'server', 'network', 'stream_truncated'] as const) {
    it(`${kind} → "Retry" posts retry for the turn`, async () => {
      await failTurn(kind, true);
      await panel.page.locator('.error-card').getByRole('button', { name: 'Retry' }).click();
      await panel.waitForPosted({ type: 'retry', turnId: 'a1' });
    });
  }

  it('bad_request shows the message without an action', async () => {
    await failTurn('bad_request', false);
    assert.equal(await panel.page.locator('.error-card button').count(), 0);
  });

  it('retrying shows a live countdown, cleared when the answer resumes', async () => {
    await panel.restore();
    await panel.send(
      { type: 'streamStart', requestId: 'r1', turnId: 'a1' },
      { type: 'retrying', requestId: 'r1', attempt: 1, maxAttempts: 3, delayMs: 2500 },
    );
    const notice = panel.page.locator('.retry-notice');
    await notice.getByText('Retrying in 3 s (attempt 1/3)').waitFor();
    await notice.getByText('Retrying in 2 s (attempt 1/3)').waitFor();
    await panel.send({ type: 'delta', requestId: 'r1', text: 'Back.' });
    await notice.waitFor({ state: 'hidden' });
  });

  it('a restored failed turn shows its error card', async () => {
    await panel.restore({
      chat: {
        turns: [
          answerTurn('a9', 'So far', {
            status: 'error',
            error: { kind: 'network', message: 'Connection lost', retryable: true },
          }),
        ],
      },
    });
    await panel.page.locator('.error-card').getByText('Connection lost').waitFor();
    await panel.page.getByRole('button', { name: 'Retry' }).click();
    await panel.waitForPosted({ type: 'retry', turnId: 'a9' });
  });

  it('onboarding without a key: explanation, Set API key, dashboard link', async () => {
    await panel.restore({ hasKey: false });
    const onboarding = panel.page.locator('#onboarding');
    await onboarding.getByRole('heading', { name: 'Welcome to AIO Coder' }).waitFor();
    assert.equal(await panel.page.getByLabel('Ask AIO Coder').isVisible(), false, 'no input without a key');
    await onboarding.getByRole('button', { name: 'Set API key' }).click();
    await panel.waitForPosted({ type: 'setApiKey' });
    await onboarding.getByRole('link', { name: 'API in One dashboard' }).click();
    await panel.waitForPosted({ type: 'openExternal', url: 'https://apiin.one/dashboard' });
    await panel.send({ type: 'keyState', hasKey: true });
    await onboarding.waitFor({ state: 'hidden' });
    await panel.page.getByLabel('Ask AIO Coder').waitFor();
  });

  it('notices from the host are shown and can be dismissed', async () => {
    await panel.restore();
    await panel.send({ type: 'notice', level: 'warning', message: 'Context was cut to fit.' });
    const notice = panel.page.getByRole('status').filter({ hasText: 'Context was cut to fit.' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
