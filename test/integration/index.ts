// extensionTestsPath module: runs every bundled suite with mocha (tdd) inside the extension host,
// under either runner (code-server offline, or @vscode/test-electron), and writes a summary file.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60_000,
    forbidOnly: true,
    grep: process.env.AIO_TEST_GREP || undefined,
  });
  const suiteDir = join(__dirname, 'suite');
  for (const f of readdirSync(suiteDir)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(suiteDir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      const summary = process.env.AIO_TEST_SUMMARY;
      if (summary) writeFileSync(summary, JSON.stringify({ passed, failed: failures }));
      console.log(`integration suite: ${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else if (passed === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
  });
}
