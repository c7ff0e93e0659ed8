import assert from 'node:assert/strict';
import {
  findHiddenChars,
  hasRtlLetters,
  HIDDEN_CHAR_NAMES,
  hiddenCharLabel,
  MAY_HIDE,
  type HiddenCharContext,
} from '../../src/common/hiddenChars';

const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';
const RLM = '\u200F';
const ZWSP = '\u200B';
const ZWJ = '\u200D';

/** `text` with `[U+XXXX]` for each hidden character (offsets are UTF-16, so split by code unit). */
const marked = (text: string, context: HiddenCharContext): string =>
  text
    .split('')
    .map((ch, i) => (findHiddenChars(text, context).includes(i) ? `[${hiddenCharLabel(ch).split(' ')[0]}]` : ch))
    .join('');

describe('protocol: hidden characters', () => {
  it('the quick test matches exactly the characters of the table', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(MAY_HIDE.test(ch), ch in HIDDEN_CHAR_NAMES, `U+${c.toString(16)}`);
    }
  });

  it('labels a character with its code point and Unicode name', () => {
    assert.equal(hiddenCharLabel(RLO), 'U+202E RIGHT-TO-LEFT OVERRIDE');
    assert.equal(hiddenCharLabel('\uFEFF'), 'U+FEFF ZERO WIDTH NO-BREAK SPACE');
    assert.equal(hiddenCharLabel('a'), 'U+0061');
  });

  it('marks bidi embeddings, overrides and isolates everywhere', () => {
    const text = `a${RLO}b${LRI}c${PDI}\u202A\u202B\u202C\u202D\u2067\u2068`;
    for (const context of ['prose', 'code', 'name'] as const)
      assert.deepEqual(findHiddenChars(text, context), [1, 3, 5, 6, 7, 8, 9, 10, 11], context);
  });

  it('marks directional marks only outside right-to-left text', () => {
    assert.equal(marked(`1.2${RLM}.3 x\u061Cy \u200E`, 'prose'), '1.2[U+200F].3 x[U+061C]y [U+200E]');
    assert.deepEqual(findHiddenChars(`שלום${RLM} (עולם)`, 'prose'), []);
    assert.deepEqual(findHiddenChars(`مرحبا\u061C 1`, 'code'), []);
    assert.equal(hasRtlLetters('\u061C'), false, 'the Arabic letter mark is not itself right-to-left text');
    // An override is never legitimate, not even in right-to-left text.
    assert.deepEqual(findHiddenChars(`שלום${RLO}`, 'prose'), [4]);
  });

  it('leaves zero-width characters in prose, marks them in names, and in code unless they join non-ASCII', () => {
    const text = `pay${ZWSP}pal log${ZWJ}in 👨${ZWJ}👩 می\u200Cخواهم \u2060\uFEFF`;
    assert.deepEqual(findHiddenChars(text, 'prose'), []);
    assert.equal(marked(text, 'name'), 'pay[U+200B]pal log[U+200D]in 👨[U+200D]👩 می[U+200C]خواهم [U+2060][U+FEFF]');
    assert.equal(marked(text, 'code'), 'pay[U+200B]pal log[U+200D]in 👨\u200D👩 می\u200Cخواهم [U+2060][U+FEFF]');
    assert.deepEqual(findHiddenChars(`${ZWJ}x`, 'code'), [0], 'a joiner at an edge joins nothing');
  });
});
