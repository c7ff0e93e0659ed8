// The existing model → tools → model loop (chat/turnRunner) driven with the real workspace tools.
import assert from 'node:assert/strict';
import { ROUND_CAP_NOTE, runTurn } from '../../../src/common/chat/turnRunner';
import { TurnAccumulator } from '../../../src/common/chat/turnAccumulator';
import { buildRequestBody } from '../../../src/common/llm/request';
import type { ChatMessage, ChatRequest, StreamPart, ToolCall } from '../../../src/common/llm/types';
import type { HostToWebview } from '../../../src/common/protocol';
import { ApprovalBroker } from '../../../src/common/tools/approvals';
import { createWorkspaceToolExecutor } from '../../../src/common/tools/workspaceTools';
import { singleFolderFs } from '../../support/nodeWorkspaceFs';
import { makeTree, removeTree } from '../../support/tempTree';
import { TEST_DENY } from '../tools/toolTestKit';

const SIGNATURE = { google: { thought_signature: 'c2lnbmF0dXJlLTE=' } };

function toolCall(id: string, name: string, args: Record<string, unknown>, extra: Partial<ToolCall> = {}): ToolCall {
  return { id, idSynthesized: false, name, argumentsRaw: JSON.stringify(args), arguments: args, ...extra };
}

/** A scripted model: answer n is `script(n)`; every request is recorded (messages copied). */
function scriptedModel(script: (n: number) => StreamPart[]) {
  const requests: ChatRequest[] = [];
  return {
    requests,
    async *stream(req: ChatRequest): AsyncIterable<StreamPart> {
      requests.push({ ...req, messages: [...req.messages] });
      for (const p of script(requests.length - 1)) yield p;
    },
  };
}

describe('turn loop with the workspace tools', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'src/app.ts': 'export const answer = 42; // TODO\n' });
  });
  after(() => removeTree(root));

  async function run(model: ReturnType<typeof scriptedModel>, maxToolRounds: number) {
    const posts: HostToWebview[] = [];
    const turn = new TurnAccumulator('t1');
    const messages: ChatMessage[] = [{ role: 'user', content: 'What is the answer?' }];
    const tools = createWorkspaceToolExecutor(singleFolderFs(root), new ApprovalBroker(), TEST_DENY);
    const result = await runTurn(
      { stream: (r) => model.stream(r), post: (m) => posts.push(m), tools, maxToolRounds },
      { requestId: 'r1', base: { model: 'gemini' }, messages, turn, signal: new AbortController().signal },
    );
    return { result, posts, turn };
  }

  it('sends tool results back with the call ids and the echoed thought signature, then shows the answer', async () => {
    const model = scriptedModel((n) =>
      n === 0
        ? [
            {
              type: 'toolCalls',
              calls: [
                toolCall(
                  'call_synth_1',
                  'read_file',
                  { path: 'src/app.ts' },
                  { idSynthesized: true, extraContent: SIGNATURE },
                ),
                toolCall('call_synth_2', 'search_text', { query: 'TODO' }, { idSynthesized: true }),
              ],
            },
            { type: 'finish', reason: 'tool_calls', raw: 'stop' },
          ]
        : [
            { type: 'text', text: 'The answer is 42.' },
            { type: 'finish', reason: 'stop', raw: 'stop' },
          ],
    );
    const { result, posts, turn } = await run(model, 8);
    assert.equal(result.status, 'done');
    assert.equal(model.requests.length, 2);
    const body = buildRequestBody(model.requests[1] as ChatRequest) as unknown as {
      messages: Record<string, unknown>[];
    };
    const [, assistant, r1, r2] = body.messages;
    assert.deepEqual((assistant?.tool_calls as { extra_content?: unknown }[])[0]?.extra_content, SIGNATURE);
    assert.equal(r1?.role, 'tool');
    assert.equal(r1?.tool_call_id, 'call_synth_1');
    assert.match(String(r1?.content), /^File: src\/app\.ts \(lines 1-1 of 1\)\nexport const answer = 42;/);
    assert.equal(r2?.tool_call_id, 'call_synth_2');
    assert.match(String(r2?.content), /src\/app\.ts:1: export const answer = 42; \/\/ TODO/);
    const lines = posts.flatMap((p) => (p.type === 'toolStatus' && p.call.status === 'done' ? [p.call.summary] : []));
    assert.deepEqual(lines, ['Read src/app.ts, lines 1-1', "Searched 'TODO': 1 result"]);
    assert.equal(turn.view().text, 'The answer is 42.');
    assert.deepEqual(
      turn.view().tools?.map((t) => t.status),
      ['done', 'done'],
    );
  });

  it('ends a model that keeps calling tools at the round cap', async () => {
    const model = scriptedModel((n) =>
      n < 10
        ? [
            { type: 'toolCalls', calls: [toolCall(`c${n}`, 'list_directory', { path: '.' })] },
            { type: 'finish', reason: 'tool_calls', raw: 'tool_calls' },
          ]
        : [
            { type: 'text', text: 'unreachable' },
            { type: 'finish', reason: 'stop', raw: 'stop' },
          ],
    );
    const { result } = await run(model, 2);
    assert.equal(result.status, 'done');
    assert.equal(model.requests.length, 3);
    assert.equal(model.requests[2]?.tools, undefined, 'the last request offers no tools');
    assert.equal(model.requests[2]?.messages.at(-1)?.content, ROUND_CAP_NOTE);
  });

  it('says so when the model still asks for tools after the cap', async () => {
    const model = scriptedModel(() => [
      { type: 'toolCalls', calls: [toolCall('again', 'read_file', { path: 'a.ts' })] },
      { type: 'finish', reason: 'tool_calls', raw: 'stop' },
    ]);
    const { result, turn } = await run(model, 1);
    assert.equal(result.status, 'done');
    assert.equal(model.requests.length, 2);
    assert.match(turn.view().text, /Stopped after 1 tool rounds[\s\S]*read_file/);
  });
});

describe('turn snapshot while streaming', () => {
  it('holds exactly the text and thinking posted so far, so a panel restored mid-answer neither loses nor repeats', async () => {
    const turn = new TurnAccumulator('t1');
    const posted = { text: '', reasoning: '' };
    const mismatches: string[] = [];
    async function* stream(): AsyncIterable<StreamPart> {
      for (let i = 0; i < 40; i++) {
        yield { type: 'reasoning', text: `thought ${i}. ` };
        yield { type: 'text', text: `word${i} ` };
        // Snapshots are taken between network reads, as the host takes them between messages.
        if (turn.text() !== posted.text || (turn.view().reasoning ?? '') !== posted.reasoning)
          mismatches.push(`read ${i}`);
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 20));
      }
      yield { type: 'finish', reason: 'stop', raw: 'stop' };
    }
    const result = await runTurn(
      {
        stream,
        post: (m) => {
          if (m.type !== 'delta') return;
          posted.text += m.text ?? '';
          posted.reasoning += m.reasoning ?? '';
        },
        maxToolRounds: 0,
      },
      { requestId: 'r1', base: { model: 'gemini' }, messages: [], turn, signal: new AbortController().signal },
    );
    assert.equal(result.status, 'done');
    assert.deepEqual(mismatches, []);
    assert.equal(turn.text(), posted.text);
    assert.equal(posted.text, Array.from({ length: 40 }, (_, i) => `word${i} `).join(''));
  });
});
