import assert from 'node:assert/strict';
import { terminalText } from '../../../src/common/context/terminalText';

describe('terminal output for the terminal chip', () => {
  it('drops colours, cursor moves and shell-integration marks', () => {
    const raw =
      '\x1b]633;C\x07\x1b[32m✔ 3 passing\x1b[0m\r\n\x1b[31m1 failing\x1b[39m\r\n\x1b[2K\x1b[1Gdone\x1b]633;D;1\x07';
    assert.equal(terminalText(raw), '✔ 3 passing\n1 failing\ndone');
  });

  it('keeps what a redrawn line shows last (progress bars)', () => {
    assert.equal(terminalText('downloading 10%\rdownloading 55%\rdownloading 100%\nok\r\n'), 'downloading 100%\nok\n');
  });

  it('leaves plain text alone', () => {
    assert.equal(terminalText('a\tb\n\nc [not an escape]'), 'a\tb\n\nc [not an escape]');
  });
});
