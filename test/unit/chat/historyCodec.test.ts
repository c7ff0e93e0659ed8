import assert from 'node:assert/strict';
import { addUsage, titleFrom } from '../../../src/common/chat/chatFields';
import {
  isParseError,
  isValidChatId,
  newChat,
  parseIndex,
  parseStoredChat,
  serializeChat,
  serializeIndex,
  summarize,
} from '../../../src/common/chat/historyCodec';
import type { StoredChat } from '../../../src/common/chat/types';
import { answerTurn, chatWith, OPTIONS, userTurn } from './chatFixtures';

function parseOk(text: string): StoredChat {
  const r = parseStoredChat(text);
  if (isParseError(r)) assert.fail(`unexpected parse error: ${r.error}`);
  return r;
}

function parseErr(value: unknown): string {
  const r = parseStoredChat(typeof value === 'string' ? value : JSON.stringify(value));
  if (!isParseError(r)) assert.fail('expected a parse error');
  return r.error;
}

function richChat(): StoredChat {
  const chat = chatWith('c1', 2000, 1);
  chat.turns[0] = {
    ...userTurn('u0', 'hi'),
    chips: [
      {
        id: 'k',
        kind: 'selection',
        label: 'a.ts:1-2',
        path: 'a.ts',
        languageId: 'typescript',
        startLine: 1,
        endLine: 2,
      },
    ],
  };
  chat.turns[1] = answerTurn('a0', 'hello', {
    reasoning: 'thinking',
    tools: [{ id: 't', name: 'read_file', summary: 'Read a.ts', status: 'done', result: 'x' }],
    usage: { promptTokens: 10, completionTokens: 5, creditsConsumed: 0.5 },
    error: { kind: 'rate_limit', message: 'slow down', retryable: true, httpStatus: 429 },
    status: 'error',
  });
  chat.totals = { promptTokens: 10, completionTokens: 5 };
  return chat;
}

describe('historyCodec', () => {
  it('round-trips a chat with every optional field', () => {
    const chat = richChat();
    assert.deepEqual(parseOk(serializeChat(chat)), chat);
  });

  it('reports corrupt JSON as an error value, never a throw', () => {
    assert.match(parseErr('{"version":1,"id":"c1"'), /not valid JSON/);
    assert.match(parseErr(''), /not valid JSON/);
    assert.match(parseErr('null'), /chat: expected an object/);
    assert.match(parseErr('[]'), /chat: expected an object/);
  });

  it('rejects wrong shapes with the path of the bad field', () => {
    const good = JSON.parse(serializeChat(richChat())) as Record<string, unknown>;
    const turns = good.turns as Record<string, unknown>[];
    assert.match(parseErr({ ...good, version: 2 }), /chat\.version/);
    assert.match(parseErr({ ...good, id: '../../etc/passwd' }), /chat\.id/);
    assert.match(parseErr({ ...good, title: 5 }), /chat\.title: expected a string/);
    assert.match(parseErr({ ...good, updatedAt: 'yesterday' }), /chat\.updatedAt: expected a number/);
    assert.match(
      parseErr({ ...good, options: { includeThoughts: 'yes', reasoningEffort: 'high' } }),
      /chat\.options\.includeThoughts/,
    );
    assert.match(parseErr({ ...good, turns: {} }), /chat\.turns: expected an array/);
    assert.match(parseErr({ ...good, turns: [{ ...turns[0], role: 'system' }] }), /chat\.turns\[0\]\.role/);
    assert.match(
      parseErr({ ...good, turns: [turns[0], { ...turns[1], usage: { promptTokens: '10' } }] }),
      /turns\[1\]\.usage\.promptTokens/,
    );
    assert.match(
      parseErr({ ...good, turns: [turns[0], { ...turns[1], tools: [{ id: 't' }] }] }),
      /turns\[1\]\.tools\[0\]\.(name|status)/,
    );
    assert.match(parseErr({ ...good, turns: [{ ...turns[0], status: 'weird' }] }), /turns\[0\]\.status/);
  });

  it('drops unknown fields, including anything key-like, on parse and on serialize', () => {
    const chat = { ...richChat(), apiKey: 'aio_secret' } as StoredChat;
    const text = serializeChat(chat);
    assert.ok(!text.includes('aio_secret'));
    const raw = JSON.parse(text) as Record<string, unknown>;
    raw.extra = 1;
    (raw.turns as Record<string, unknown>[])[0]!.headers = { Authorization: 'Bearer x' };
    const parsed = parseOk(JSON.stringify(raw));
    assert.ok(!('extra' in parsed));
    assert.ok(!('headers' in parsed.turns[0]!));
  });

  it('turns a streaming turn into interrupted, and unfinished tool calls into final ones', () => {
    const chat = chatWith('c1', 1, 1);
    chat.turns[1] = answerTurn('a0', 'partial', {
      status: 'streaming',
      tools: [
        { id: 't1', name: 'read_file', summary: 's', status: 'running' },
        { id: 't2', name: 'read_file', summary: 's', status: 'awaiting_approval' },
      ],
    });
    const text = serializeChat(chat);
    // Serializing keeps the live state; only reading a file recovers it.
    assert.match(text, /"status":"streaming"/);
    const turn = parseOk(text).turns[1]!;
    assert.equal(turn.status, 'interrupted');
    assert.equal(turn.text, 'partial');
    assert.deepEqual(
      turn.tools?.map((t) => t.status),
      ['failed', 'denied'],
    );
  });

  it('accepts a missing totals object and absent optional fields', () => {
    const raw = JSON.parse(serializeChat(chatWith('c1', 1, 1))) as Record<string, unknown>;
    delete raw.totals;
    assert.deepEqual(parseOk(JSON.stringify(raw)).totals, {});
  });

  it('summarizes and creates chats', () => {
    const chat = newChat('abc', OPTIONS, 42);
    assert.deepEqual(summarize(chat), { id: 'abc', title: 'New chat', updatedAt: 42, turnCount: 0 });
    assert.equal(chat.createdAt, 42);
    assert.deepEqual(chat.totals, {});
    assert.notEqual(chat.options, OPTIONS);
    const agent = newChat('agt', { ...OPTIONS, mode: 'agent' }, 7);
    assert.deepEqual(summarize(agent), { id: 'agt', title: 'New chat', updatedAt: 7, turnCount: 0, mode: 'agent' });
  });

  it('makes single-line titles of at most 60 characters', () => {
    assert.equal(titleFrom('  Explain\n\tthis   function  '), 'Explain this function');
    assert.equal(titleFrom(' \n '), 'New chat');
    const long = titleFrom(
      'Please refactor the parser module so that it streams tokens instead of buffering the whole file',
    );
    assert.ok(long.length <= 60, long);
    assert.ok(long.endsWith('…'));
    assert.ok(!long.includes('\n'));
    assert.ok(long.startsWith('Please refactor the parser module'));
    const noSpaces = titleFrom('x'.repeat(100));
    assert.equal(noSpaces, `${'x'.repeat(59)}…`);
    const emoji = titleFrom(`${'a'.repeat(58)}😀😀`);
    assert.ok(!/[\uD800-\uDBFF]…$/.test(emoji), 'no lone surrogate before the ellipsis');
  });

  it('adds usage field by field', () => {
    assert.deepEqual(addUsage({}, undefined), {});
    assert.deepEqual(
      addUsage(
        { promptTokens: 10, creditsConsumed: 0.25 },
        { promptTokens: 5, completionTokens: 7, creditsConsumed: 0.5 },
      ),
      { promptTokens: 15, completionTokens: 7, creditsConsumed: 0.75 },
    );
  });

  it('validates chat ids as safe file names', () => {
    for (const ok of ['a', 'chat_1-X', 'x'.repeat(64), '3f2c9a1e-0b7d-4c1e-9f00-123456789abc'])
      assert.ok(isValidChatId(ok), ok);
    for (const bad of ['', '../x', 'a/b', 'a\\b', 'a.json', 'x'.repeat(65), ' a', 'a\n', 5, undefined]) {
      assert.ok(!isValidChatId(bad), String(bad));
    }
  });

  it('round-trips the index newest first and rejects a corrupt one', () => {
    const entries = [summarize(chatWith('old', 1)), summarize(chatWith('new', 3)), summarize(chatWith('mid', 2))];
    entries[2] = { ...entries[2]!, mode: 'agent' };
    const parsed = parseIndex(serializeIndex(entries));
    assert.ok(!isParseError(parsed));
    assert.deepEqual(
      parsed.map((c) => [c.id, c.mode]),
      [
        ['new', undefined],
        ['mid', 'agent'],
        ['old', undefined],
      ],
    );
    assert.ok(!('mode' in parsed[0]!), 'an Ask chat carries no mode field');
    for (const bad of [
      '',
      '{',
      '{"version":1}',
      '{"version":1,"chats":[{"id":"../x","title":"t","updatedAt":1,"turnCount":1}]}',
      '{"version":9,"chats":[]}',
      '{"version":1,"chats":[{"id":"a","title":"t","updatedAt":1,"turnCount":1,"mode":"yolo"}]}',
    ]) {
      assert.ok(isParseError(parseIndex(bad)), bad);
    }
  });
});
