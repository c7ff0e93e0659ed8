import assert from 'node:assert/strict';
import { redact, redactSecret } from '../../src/common/redact';

describe('redact', () => {
  it('removes bearer tokens and aio_ keys', () => {
    const out = redact('Authorization: Bearer aio_abcDEF123-_x failed for key aio_zzz999');
    assert.ok(!out.includes('abcDEF123'));
    assert.ok(!out.includes('zzz999'));
    assert.match(out, /Bearer \[redacted\]/);
    assert.match(out, /aio_\[redacted\]/);
  });

  it('redacts a known secret that does not look like a key', () => {
    assert.equal(redactSecret('the key sk-live-123456 leaked', 'sk-live-123456'), 'the key [redacted] leaked');
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('no secrets here: audio_file, bearer-less'), 'no secrets here: audio_file, bearer-less');
  });
});
