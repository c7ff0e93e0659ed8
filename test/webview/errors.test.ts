import { strict as assert } from 'node:assert';
import type { ErrorKind } from '../../src/common/protocol';
import { Panel, answerTurn, userTurn } from './harness';
import { panelPerTest } from './panelSuite';

describe('errors and onboarding', () => {
  let panel: Panel;
  panelPerTest((opened) => {
    panel = opened;
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
      { type: 'retrying', requestId: 'r1', attempt: 1, maxAttempts: 3, delayMs: 30_000 },
    );
    // Seconds are read, not assumed: a loaded machine may show the first frame late.
    const notice = panel.page.locator('.retry-notice');
    const seconds = async (): Promise<number> =>
      Number(/Retrying in (\d+) s \(attempt 1\/3\)/.exec((await notice.textContent()) ?? '')?.[1] ?? NaN);
    await notice.getByText(/Retrying in \d+ s \(attempt 1\/3\)/).waitFor();
    const first = await seconds();
    assert.ok(first <= 30 && first > 20, `starts near 30 s: ${first}`);
    await panel.page.waitForFunction(
      (n) => Number(/Retrying in (\d+) s/.exec(document.querySelector('.retry-notice')?.textContent ?? '')?.[1]) < n,
      first,
    );
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

  it('Retry is offered on the last failed answer only (an older card is history)', async () => {
    const failed = (id: string) =>
      answerTurn(id, 'So far', {
        status: 'error',
        error: { kind: 'network', message: `Connection lost in ${id}`, retryable: true },
      });
    await panel.restore({
      chat: { turns: [userTurn('u1', 'first'), failed('a1'), userTurn('u2', 'second'), failed('a2')] },
    });
    await panel.page.getByText('Connection lost in a2').waitFor();
    const retryIn = (id: string) => panel.page.locator(`[data-turn-id="${id}"]`).getByRole('button', { name: 'Retry' });
    assert.equal(await retryIn('a1').isVisible(), false, 'no Retry on the older answer');
    assert.equal(await retryIn('a2').isVisible(), true);
    await panel.send({ type: 'turnAdded', turn: userTurn('u3', 'third') });
    await panel.page.getByText('third').waitFor();
    assert.equal(await retryIn('a2').isVisible(), false, 'a newer question makes it history too');
  });

  it('an answer VS Code closed on comes back "Interrupted" with its saved text, and can be regenerated', async () => {
    await panel.restore({
      chat: {
        turns: [userTurn('u1', 'Explain it'), answerTurn('a1', 'The first half of the', { status: 'interrupted' })],
      },
    });
    const answer = panel.page.locator('[data-turn-id="a1"]');
    await answer.getByText('The first half of the').waitFor();
    assert.equal(await answer.locator('.turn-status').textContent(), 'Interrupted');
    assert.match((await answer.locator('.turn-status').getAttribute('title')) ?? '', /VS Code closed/);
    await answer.getByRole('button', { name: 'Regenerate' }).click();
    await panel.waitForPosted({ type: 'regenerate' });
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
