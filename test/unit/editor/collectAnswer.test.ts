import assert from 'node:assert/strict';
import { collectAnswer } from '../../../src/common/editor/collectAnswer';
import { LlmError } from '../../../src/common/errors';
import type { StreamPart } from '../../../src/common/llm/types';

async function* from(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
}

describe('collectAnswer', () => {
  it('forwards deltas and reduces the end of the stream', async () => {
    const parts: StreamPart[] = [
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'finish', reason: 'stop', raw: 'stop' },
    ];
    const seen: string[] = [];
    const r = await collectAnswer(from(parts), {
      onText: (t) => {
        seen.push(t);
      },
      onReasoning: (t) => seen.push(`r:${t}`),
    });
    assert.deepEqual(seen, ['r:hmm', 'a', 'b']);
    assert.deepEqual(r, { text: 'ab', finishReason: 'stop' });
  });

  it('keeps the error of a failed stream', async () => {
    const r = await collectAnswer(
      from([
        { type: 'text', text: 'partial' },
        { type: 'error', error: new LlmError({ kind: 'network', source: 'transport', message: 'reset' }) },
      ]),
    );
    assert.equal(r.text, 'partial');
    assert.equal(r.error?.kind, 'network');
  });
});
