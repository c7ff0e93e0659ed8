import assert from 'node:assert/strict';
import { chatToMarkdown, closeOpenFence, formatUsage } from '../../../src/common/chat/exportMarkdown';
import { newChat } from '../../../src/common/chat/historyCodec';
import { answerTurn, OPTIONS, userTurn } from './chatFixtures';

const ANSWER = [
  'Use a guard clause:',
  '',
  '```ts',
  'function f(x?: string) {',
  '  if (!x) return;   // keep  spacing',
  '  console.log(`**not bold** ${x}`);',
  '}',
  '```',
  '',
  'Done.',
].join('\n');

function sampleChat() {
  const chat = newChat('c1', OPTIONS, Date.UTC(2026, 0, 15, 10));
  chat.title = 'Guard clauses';
  chat.turns.push(
    {
      ...userTurn('u1', 'How do I return early?'),
      chips: [{ id: 'k', kind: 'selection', label: 'src/a.ts:1-3', path: 'src/a.ts', languageId: 'typescript' }],
    },
    answerTurn('a1', ANSWER, {
      reasoning: 'The user wants early returns.\nMention </details> safety.',
      tools: [
        {
          id: 't1',
          name: 'read_file',
          summary: 'Read src/a.ts, lines 1-80',
          status: 'done',
          result: 'SECRET FILE BODY',
        },
        { id: 't2', name: 'list_files', summary: 'List src', status: 'failed' },
      ],
      usage: { promptTokens: 120, completionTokens: 45, reasoningTokens: 30, creditsConsumed: 0.5 },
    }),
    userTurn('u2', 'And in Python?'),
    answerTurn('a2', '', {
      status: 'error',
      error: { kind: 'rate_limit', message: 'Too many\nrequests', retryable: true },
    }),
  );
  chat.totals = { promptTokens: 120, completionTokens: 45, creditsConsumed: 0.5 };
  return chat;
}

describe('chatToMarkdown', () => {
  const md = chatToMarkdown(sampleChat());

  it('starts with the title heading and a dated byline', () => {
    assert.ok(md.startsWith('# Guard clauses\n\n_AIO Coder chat, started on 2026-01-15, 4 messages._\n'));
    assert.ok(md.endsWith('\n'));
  });

  it('writes each turn as a You / AIO Coder section in order', () => {
    const heads = md.split('\n').filter((l) => l === '**You**' || l === '**AIO Coder**');
    assert.deepEqual(heads, ['**You**', '**AIO Coder**', '**You**', '**AIO Coder**']);
    assert.ok(md.indexOf('How do I return early?') < md.indexOf('Use a guard clause'));
    assert.match(md, /Context: `src\/a\.ts:1-3`/);
  });

  it('keeps fenced code in answers exactly as written', () => {
    assert.ok(md.includes(`\n\n${ANSWER}\n\n`));
  });

  it('puts thinking in a details block that a closing tag in the text cannot end early', () => {
    assert.match(
      md,
      /<details>\n<summary>Thinking<\/summary>\n\nThe user wants early returns\.\nMention &lt;\/details> safety\.\n\n<\/details>/,
    );
    assert.equal(md.match(/<\/details>/g)?.length, 1);
  });

  it('lists tool calls with their summaries but not their results', () => {
    assert.match(md, /- `read_file`: Read src\/a\.ts, lines 1-80 \(done\)\n- `list_files`: List src \(failed\)/);
    assert.ok(!md.includes('SECRET FILE BODY'));
  });

  it('notes errors and per-answer usage, and ends with the totals', () => {
    assert.match(md, /> \*\*Error\*\* \(rate_limit\): Too many requests/);
    assert.match(md, /_Usage: 120 prompt \+ 45 completion tokens \(30 reasoning\), 0\.5 credits_/);
    assert.match(md, /_Total usage: 120 prompt \+ 45 completion tokens, 0\.5 credits_\n$/);
  });

  it('closes a code fence left open by a stopped answer and marks it stopped', () => {
    const chat = newChat('c2', OPTIONS, 0);
    chat.turns.push(userTurn('u', 'q'), answerTurn('a', 'Here:\n```py\nprint(1)', { status: 'stopped' }));
    const out = chatToMarkdown(chat);
    assert.match(out, /```py\nprint\(1\)\n```\n\n_\(stopped before the answer was complete\)_/);
    assert.match(out, /^# New chat\n\n_AIO Coder chat, started on 1970-01-01, 2 messages\._/);
  });
});

describe('closeOpenFence', () => {
  it('leaves balanced and non-fence text alone', () => {
    for (const text of [
      ANSWER,
      'no code',
      '````md\n```ts\ninner\n```\n````',
      'inline ```code``` only',
      '~~~\nx\n~~~',
    ]) {
      assert.equal(closeOpenFence(text), text);
    }
  });

  it('closes with the same fence character and length', () => {
    assert.equal(closeOpenFence('````\n```\nstill open'), '````\n```\nstill open\n````');
    assert.equal(closeOpenFence('~~~js\nx'), '~~~js\nx\n~~~');
  });
});

describe('formatUsage', () => {
  it('prefers prompt/completion, falls back to total, and is empty for no figures', () => {
    assert.equal(formatUsage({}), '');
    assert.equal(formatUsage({ totalTokens: 99, cachedTokens: 10 }), '99 tokens (10 cached)');
    assert.equal(formatUsage({ creditsConsumed: 2 }), '2 credits');
  });
});
