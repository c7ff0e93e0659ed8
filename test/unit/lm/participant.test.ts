import assert from 'node:assert/strict';
import { LlmError } from '../../../src/common/errors';
import { clientErrorText, problemText, SET_KEY_TITLE } from '../../../src/common/lm/lmErrors';
import {
  followupsFor,
  ParticipantStream,
  ThinkingProgress,
  type ParticipantOutput,
} from '../../../src/common/lm/participantStream';
import {
  fitContext,
  isContextReference,
  isParticipantCommand,
  participantMessages,
} from '../../../src/common/prompts/participantPrompt';

describe('lm: @aio prompts', () => {
  const base = { context: [], diagnostics: [], history: [], toolsEnabled: true, workspaceName: 'ws' };

  it('adds the command to the system prompt, a default question, and the attached context before it', () => {
    const m = participantMessages({
      ...base,
      prompt: '  ',
      command: 'explain',
      context: [{ label: 'a.ts:3-4', path: 'src/a.ts', languageId: 'typescript', startLine: 3, content: 'let x;' }],
    });
    assert.equal(m.length, 2);
    assert.equal(m[0]?.role, 'system');
    assert.match(
      m[0]?.content ?? '',
      /You are AIO Coder[\s\S]*read the workspace with the provided tools[\s\S]*\/explain/,
    );
    assert.equal(m[1]?.content, 'Context: src/a.ts (from line 3)\n```typescript\nlet x;\n```\n\nExplain this code.');
  });

  it('/fix lists the problems the editor reports (or says there are none)', () => {
    const withProblems = participantMessages({
      ...base,
      prompt: 'why does it crash?',
      command: 'fix',
      diagnostics: [
        {
          path: 'src/a.ts',
          line: 3,
          column: 5,
          severity: 'error',
          message: "Cannot find name 'y'.",
          source: 'ts',
          code: '2304',
        },
      ],
    });
    assert.match(
      withProblems[1]?.content ?? '',
      /^Problems the editor reports:\n- src\/a.ts:3:5 error \[ts 2304\]: Cannot find name 'y'.\n\nwhy does it crash\?$/,
    );
    const none = participantMessages({ ...base, prompt: '', command: 'fix' });
    assert.equal(none[1]?.content, 'The editor reports no problems in this code.\n\nFix the problems in this code.');
    const explain = participantMessages({
      ...base,
      prompt: 'hi',
      command: 'explain',
    });
    assert.equal(explain[1]?.content, 'hi');
  });

  it('resends the history as text, without a command when there is none', () => {
    const m = participantMessages({
      ...base,
      toolsEnabled: false,
      prompt: 'and then?',
      history: [
        { role: 'user', text: 'first' },
        { role: 'assistant', text: '<thought>hidden</thought>answer' },
        { role: 'user', text: 'second' },
        { role: 'assistant', text: '' },
      ],
    });
    assert.ok(!/tools/.test(m[0]?.content ?? ''));
    assert.ok(!/\/explain|\/fix|\/tests/.test(m[0]?.content ?? ''));
    assert.deepEqual(m.slice(1), [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer' },
      { role: 'user', content: 'second' },
      { role: 'user', content: 'and then?' },
    ]);
  });

  it("takes files and selections as context, typed #values, and not VS Code's agent customizations", () => {
    const ok = (id: string, kind: 'location' | 'string' | 'other', inPrompt = false) =>
      isContextReference({ id, kind, inPrompt });
    assert.equal(ok('vscode.file', 'location'), true);
    assert.equal(ok('vscode.implicit.selection', 'location'), true);
    assert.equal(ok('vscode.terminalSelection', 'string', true), true);
    assert.equal(ok('vscode.implicit.string', 'string'), false);
    assert.equal(ok('vscode.customizations.index', 'string', true), false);
    assert.equal(ok('vscode.instructions.file.root', 'location'), false);
    assert.equal(ok('vscode.prompt.file', 'location'), false);
    assert.equal(ok('something', 'other', true), false);
  });

  it('knows its commands', () => {
    assert.deepEqual(['explain', 'fix', 'tests', 'other', undefined].map(isParticipantCommand), [
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('fits context into the budget, cutting at a line end and saying so', () => {
    const long = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n');
    const [a, b] = fitContext(
      [
        { label: 'a', path: 'a.ts', languageId: 'typescript', content: long },
        { label: 'b', path: 'b.ts', languageId: 'typescript', content: 'short' },
      ],
      2000,
    );
    assert.ok(a && a.content.length <= 1000 && a.content.endsWith(`line ${a.content.split('\n').length - 1}`));
    assert.equal(a.note, `cut to the first ${a.content.length} of ${long.length} characters to fit`);
    assert.deepEqual(b, { label: 'b', path: 'b.ts', languageId: 'typescript', content: 'short' });
  });
});

describe('lm: @aio response stream', () => {
  it('shows thinking as "Thinking…" and then one progress line per heading, across split deltas', () => {
    const t = new ThinkingProgress();
    assert.deepEqual(t.push('**Analyz'), ['Thinking…']);
    assert.deepEqual(t.push('ing the code**\n\nI look at'), ['Thinking: Analyzing the code']);
    assert.deepEqual(t.push(' the loop. **not a heading** here\n**Planning**'), []);
    assert.deepEqual(t.push('\n'), ['Thinking: Planning']);
  });

  it('maps deltas, tool calls, approvals and retries in order; a tool line repeats only when it changes', () => {
    const out: ParticipantOutput[] = [];
    const s = new ParticipantStream((o) => out.push(o));
    const call = { id: 'c1', name: 'read_file', summary: 'Read src/a.ts', status: 'running' as const };
    s.post({ type: 'delta', requestId: 'r', reasoning: 'hmm' });
    s.post({ type: 'toolStatus', requestId: 'r', call });
    s.post({ type: 'toolStatus', requestId: 'r', call: { ...call, status: 'done', result: 'x' } });
    s.post({
      type: 'toolStatus',
      requestId: 'r',
      call: { ...call, id: 'c2', summary: 'Allow reading .env?', status: 'awaiting_approval' },
      approvalId: 'ap1',
    });
    s.post({
      type: 'toolStatus',
      requestId: 'r',
      call: { ...call, id: 'c3', summary: "Searched 'x'", status: 'running' },
    });
    s.post({
      type: 'toolStatus',
      requestId: 'r',
      call: { ...call, id: 'c3', summary: "Searched 'x': 3 results", status: 'done' },
    });
    s.post({ type: 'retrying', requestId: 'r', attempt: 1, maxAttempts: 2, delayMs: 10 });
    s.post({ type: 'delta', requestId: 'r', text: 'Answer' });
    s.post({ type: 'streamStart', requestId: 'r', turnId: 't' });
    assert.deepEqual(out, [
      { kind: 'progress', text: 'Thinking…' },
      { kind: 'progress', text: 'Read src/a.ts' },
      { kind: 'approve', approvalId: 'ap1', question: 'Allow reading .env?' },
      { kind: 'progress', text: "Searched 'x'" },
      { kind: 'progress', text: "Searched 'x': 3 results" },
      { kind: 'progress', text: 'Retrying (attempt 1 of 2)…' },
      { kind: 'markdown', text: 'Answer' },
    ]);
  });

  it('offers follow-ups by command', () => {
    assert.deepEqual(
      followupsFor('explain').map((f) => f.command),
      ['fix', 'tests'],
    );
    assert.equal(followupsFor('fix')[0]?.command, 'tests');
    assert.equal(followupsFor('tests').length, 1);
    assert.equal(followupsFor(undefined)[0]?.label, 'Explain in more detail');
  });
});

describe('lm: error texts', () => {
  it('no key names the command that sets one; a bad base URL names the setting', () => {
    const noKey = problemText({ kind: 'noKey' });
    assert.equal(noKey.code, 'NoPermissions');
    assert.ok(noKey.message.includes(`"${SET_KEY_TITLE}"`), noKey.message);
    assert.deepEqual(problemText({ kind: 'badBaseUrl', message: 'Use https.' }), {
      message: 'AIO Coder: Use https. (setting aioCoder.baseUrl)',
    });
  });

  it('maps client errors to LanguageModelError codes, redacted', () => {
    const err = (kind: LlmError['kind'], message: string) =>
      new LlmError({ kind, source: 'http_status', message, httpStatus: 401 });
    const auth = clientErrorText(err('auth', 'bad key aio_secret123'));
    assert.equal(auth.code, 'NoPermissions');
    assert.ok(auth.message.includes(SET_KEY_TITLE) && !auth.message.includes('aio_secret123'), auth.message);
    assert.equal(clientErrorText(err('insufficient_credits', 'pay')).code, 'Blocked');
    assert.equal(clientErrorText(err('rate_limit', 'slow down')).code, 'Blocked');
    const server = clientErrorText(
      new LlmError({ kind: 'server', source: 'http_status', message: 'boom', httpStatus: 503 }),
    );
    assert.deepEqual(server, {
      message: 'AIO Coder: API in One / Gemini is temporarily unavailable. (HTTP 503: boom)',
    });
  });
});
