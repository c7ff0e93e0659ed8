// Mocha reporter: the usual spec output, plus {passed, failed, pending} written to $AIO_TEST_SUMMARY.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.AIO_TEST_SUMMARY;
      const s = runner.stats ?? {};
      if (file)
        writeFileSync(
          file,
          JSON.stringify({ passed: s.passes ?? 0, failed: s.failures ?? 0, pending: s.pending ?? 0 }),
        );
    });
  }
}

module.exports = SummaryReporter;
