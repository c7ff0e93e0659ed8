import assert from 'node:assert/strict';
import { hiddenCharWarning } from '../../../src/common/editor/hiddenCharWarning';

const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';
const RLM = '\u200F';
const ZWSP = '\u200B';
const ZWJ = '\u200D';

describe('hiddenCharWarning', () => {
  it('Insert and Apply warn about hidden characters in code, naming them with their lines', () => {
    assert.equal(hiddenCharWarning('const a = 1;\n', 'Insert'), undefined);
    assert.equal(hiddenCharWarning(`const s = "שלום${RLM}";\nconst e = "👨${ZWJ}👩";`, 'Apply'), undefined);
    assert.equal(
      hiddenCharWarning(`if (a != "user${RLO} ${LRI}// admin${PDI} ${LRI}") {\n  go();\n}`, 'Apply'),
      'AIO Coder: this code contains 4 invisible characters that can make it read differently from what it does: ' +
        'U+202E RIGHT-TO-LEFT OVERRIDE (line 1), U+2066 LEFT-TO-RIGHT ISOLATE (line 1), ' +
        'U+2069 POP DIRECTIONAL ISOLATE (line 1), U+2066 LEFT-TO-RIGHT ISOLATE (line 1). Apply it unchanged anyway?',
    );
    assert.match(
      hiddenCharWarning(`x\ny${ZWSP}`, 'Insert') ?? '',
      /an invisible character .*U\+200B ZERO WIDTH SPACE \(line 2\)\. Insert/,
    );
    assert.match(hiddenCharWarning(RLO.repeat(7), 'Insert') ?? '', /7 invisible characters.*, and 3 more\. Insert/);
  });
});
