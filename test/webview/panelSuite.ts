import { Panel, startHarness, type Harness, type PanelOptions } from './harness';

/**
 * The hooks every panel suite shares: one harness (127.0.0.1 server and Chromium) for the suite, a fresh panel
 * for each test, handed to `opened` (which keeps it and may set it up further), closed after the test.
 */
export function panelPerTest(
  opened: (panel: Panel, harness: Harness) => Promise<void> | void,
  options: PanelOptions = {},
): void {
  let harness: Harness | undefined;
  let panel: Panel | undefined;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    if (!harness) throw new Error('the webview harness did not start');
    panel = await Panel.open(harness, options);
    await opened(panel, harness);
  });
  afterEach(async () => {
    await panel?.close();
    panel = undefined;
  });
}
