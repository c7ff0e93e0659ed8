import assert from 'node:assert/strict';
import { redact } from '../../src/common/redact';

describe('redact', () => {
  it('removes bearer tokens and aio_ keys', () => {
    const out = redact('Authorization: Bearer aio_abcDEF123-_x failed for key aio_zzz999');
    assert.ok(!out.includes('abcDEF123'));
    assert.ok(!out.includes('zzz999'));
    assert.match(out, /Bearer \[redacted\]/);
    assert.match(out, /aio_\[redacted\]/);
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('no secrets here: audio_file, bearer-less'), 'no secrets here: audio_file, bearer-less');
  });
});
