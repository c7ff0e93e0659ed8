/**
 * Pure (de)serialization of stored chats and of the history index. Parsing is defensive: the files
 * live on disk, so anything may be in them. Unknown fields are dropped, wrong types are an error,
 * and a turn a killed extension host left `streaming` comes back `interrupted`.
 */
import { arr, bool, defined, fail, Invalid, num, obj, oneOf, opt, str } from './jsonRead';
import {
  CHAT_MODES,
  CHIP_KINDS,
  REASONING_EFFORTS,
  type ChatOptions,
  type FileEditView,
  type ChatSummary,
  type ContextChip,
  type ErrorKind,
  type ErrorView,
  type ToolCallView,
  type TurnView,
  type UsageView,
} from '../protocol';
import { DEFAULT_CHAT_TITLE, USAGE_KEYS } from './chatFields';
import { CHAT_SCHEMA_VERSION, type StoredChat } from './types';

/** Chat ids are also file names, so they are restricted to a safe alphabet. */
export const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `id` is a valid chat id (and so a safe file name). */
export function isValidChatId(id: unknown): id is string {
  return typeof id === 'string' && CHAT_ID_PATTERN.test(id);
}

/** A parse failure, with a short reason suitable for a notice (no file content). */
export interface ParseError {
  error: string;
}

/** Current on-disk schema version of the history index. */
export const INDEX_SCHEMA_VERSION = 1;

const ERROR_KINDS: readonly ErrorKind[] = [
  'auth',
  'insufficient_credits',
  'rate_limit',
  'bad_request',
  'server',
  'network',
  'stream_truncated',
  'protocol',
  'aborted',
];
const TOOL_STATUSES: readonly ToolCallView['status'][] = ['running', 'done', 'failed', 'awaiting_approval', 'denied'];
const TURN_STATUSES: readonly TurnView['status'][] = ['done', 'streaming', 'stopped', 'error', 'interrupted'];

function readUsage(v: unknown, path: string): UsageView {
  const o = obj(v, path);
  const out: UsageView = {};
  for (const k of USAGE_KEYS) {
    const n = opt(o, k, path, num);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

function readOptions(v: unknown, path: string): ChatOptions {
  const o = obj(v, path);
  return {
    includeThoughts: bool(o.includeThoughts, `${path}.includeThoughts`),
    reasoningEffort: oneOf(o.reasoningEffort, REASONING_EFFORTS, `${path}.reasoningEffort`),
    // Chats saved before Agent mode existed are Ask chats.
    mode: opt(o, 'mode', path, (v, p) => oneOf(v, CHAT_MODES, p)) ?? 'ask',
  };
}

function readChip(v: unknown, path: string): ContextChip {
  const o = obj(v, path);
  return defined({
    id: str(o.id, `${path}.id`),
    kind: oneOf(o.kind, CHIP_KINDS, `${path}.kind`),
    label: str(o.label, `${path}.label`),
    path: str(o.path, `${path}.path`),
    languageId: str(o.languageId, `${path}.languageId`),
    startLine: opt(o, 'startLine', path, num),
    endLine: opt(o, 'endLine', path, num),
    tokens: opt(o, 'tokens', path, num),
    note: opt(o, 'note', path, str),
  });
}

function readTool(v: unknown, path: string, recover: boolean): ToolCallView {
  const o = obj(v, path);
  let status = oneOf(o.status, TOOL_STATUSES, `${path}.status`);
  // Nothing can finish or approve a call after the host that ran it is gone.
  if (recover && status === 'running') status = 'failed';
  else if (recover && status === 'awaiting_approval') status = 'denied';
  return defined({
    id: str(o.id, `${path}.id`),
    name: str(o.name, `${path}.name`),
    summary: str(o.summary, `${path}.summary`),
    status,
    result: opt(o, 'result', path, str),
  });
}

const EDIT_KINDS: readonly FileEditView['kind'][] = ['edit', 'create', 'overwrite', 'delete', 'rename'];
const EDIT_STATUSES: readonly FileEditView['status'][] = ['pending', 'applied', 'rejected', 'stale', 'failed'];

function readEdit(v: unknown, path: string, recover: boolean): FileEditView {
  const o = obj(v, path);
  const status = oneOf(o.status, EDIT_STATUSES, `${path}.status`);
  // Nothing can accept a change after the host that proposed it is gone.
  const lost = recover && status === 'pending';
  return defined({
    id: str(o.id, `${path}.id`),
    kind: oneOf(o.kind, EDIT_KINDS, `${path}.kind`),
    path: str(o.path, `${path}.path`),
    newPath: opt(o, 'newPath', path, str),
    added: num(o.added, `${path}.added`),
    removed: num(o.removed, `${path}.removed`),
    status: lost ? 'rejected' : status,
    auto: opt(o, 'auto', path, bool),
    note: lost ? 'Not decided before the window closed.' : opt(o, 'note', path, str),
  });
}

function readError(v: unknown, path: string): ErrorView {
  const o = obj(v, path);
  return defined({
    kind: oneOf(o.kind, ERROR_KINDS, `${path}.kind`),
    message: str(o.message, `${path}.message`),
    retryable: bool(o.retryable, `${path}.retryable`),
    httpStatus: opt(o, 'httpStatus', path, num),
  });
}

function readTurn(v: unknown, path: string, recover: boolean): TurnView {
  const o = obj(v, path);
  const status = oneOf(o.status, TURN_STATUSES, `${path}.status`);
  return defined({
    id: str(o.id, `${path}.id`),
    role: oneOf(o.role, ['user', 'assistant'] as const, `${path}.role`),
    text: str(o.text, `${path}.text`),
    reasoning: opt(o, 'reasoning', path, str),
    chips: opt(o, 'chips', path, (x, p) => arr(x, p, readChip)),
    context: opt(o, 'context', path, str),
    command: opt(o, 'command', path, str),
    tools: opt(o, 'tools', path, (x, p) => arr(x, p, (t, q) => readTool(t, q, recover))),
    mode: opt(o, 'mode', path, (x, p) => oneOf(x, CHAT_MODES, p)),
    edits: opt(o, 'edits', path, (x, p) => arr(x, p, (e, q) => readEdit(e, q, recover))),
    undone: opt(o, 'undone', path, bool),
    usage: opt(o, 'usage', path, readUsage),
    error: opt(o, 'error', path, readError),
    contextNote: opt(o, 'contextNote', path, str),
    summaryOf: opt(o, 'summaryOf', path, num),
    // A killed host can never finish a streaming turn.
    status: recover && status === 'streaming' ? 'interrupted' : status,
  });
}

/** `recover` is set when reading a file: in-flight states then become final ones. */
function readChat(v: unknown, recover: boolean): StoredChat {
  const o = obj(v, 'chat');
  if (o.version !== CHAT_SCHEMA_VERSION) fail('chat.version', String(CHAT_SCHEMA_VERSION));
  const id = str(o.id, 'chat.id');
  if (!isValidChatId(id)) fail('chat.id', 'a valid chat id');
  return {
    version: CHAT_SCHEMA_VERSION,
    id,
    title: str(o.title, 'chat.title'),
    createdAt: num(o.createdAt, 'chat.createdAt'),
    updatedAt: num(o.updatedAt, 'chat.updatedAt'),
    options: readOptions(o.options, 'chat.options'),
    turns: arr(o.turns, 'chat.turns', (t, p) => readTurn(t, p, recover)),
    totals: readUsage(o.totals ?? {}, 'chat.totals'),
    ...defined({ instructionsOff: opt(o, 'instructionsOff', 'chat', (x, p) => arr(x, p, str)) }),
  };
}

function parseWith<T>(text: string, read: (v: unknown) => T): T | ParseError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e: unknown) {
    return { error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  try {
    return read(value);
  } catch (e: unknown) {
    if (e instanceof Invalid) return { error: e.message };
    throw e;
  }
}

/** Parses and validates a stored chat file. Never throws on bad input. */
export function parseStoredChat(text: string): StoredChat | ParseError {
  return parseWith(text, (v) => readChat(v, true));
}

/** Whether a parse result is an error. */
export function isParseError(v: object): v is ParseError {
  return 'error' in v && typeof (v as ParseError).error === 'string';
}

/**
 * The file text of a chat. Only known fields are written (the chat goes through the same
 * validation as on load), so nothing else held on the object, such as a key, can reach the disk.
 * @throws Error when the chat is malformed (a programming error, e.g. an invalid id).
 */
export function serializeChat(chat: StoredChat): string {
  return JSON.stringify(readChat(chat, false));
}

/** The index entry of a chat. */
export function summarize(chat: StoredChat): ChatSummary {
  const summary: ChatSummary = {
    id: chat.id,
    title: chat.title,
    updatedAt: chat.updatedAt,
    turnCount: chat.turns.length,
  };
  return chat.options.mode === 'agent' ? { ...summary, mode: 'agent' } : summary;
}

/** An empty chat. */
export function newChat(id: string, options: ChatOptions, now: number): StoredChat {
  return {
    version: CHAT_SCHEMA_VERSION,
    id,
    title: DEFAULT_CHAT_TITLE,
    createdAt: now,
    updatedAt: now,
    options: { includeThoughts: options.includeThoughts, reasoningEffort: options.reasoningEffort, mode: options.mode },
    turns: [],
    totals: {},
  };
}

function readSummary(v: unknown, path: string): ChatSummary {
  const o = obj(v, path);
  const id = str(o.id, `${path}.id`);
  if (!isValidChatId(id)) fail(`${path}.id`, 'a valid chat id');
  return defined({
    id,
    title: str(o.title, `${path}.title`),
    updatedAt: num(o.updatedAt, `${path}.updatedAt`),
    turnCount: num(o.turnCount, `${path}.turnCount`),
    mode: opt(o, 'mode', path, (x, p) => oneOf(x, ['agent'] as const, p)),
  });
}

function readIndex(v: unknown): ChatSummary[] {
  const o = obj(v, 'index');
  if (o.version !== INDEX_SCHEMA_VERSION) fail('index.version', String(INDEX_SCHEMA_VERSION));
  return arr(o.chats, 'index.chats', readSummary);
}

/** Parses and validates the history index file. Never throws on bad input. */
export function parseIndex(text: string): ChatSummary[] | ParseError {
  return parseWith(text, readIndex);
}

/** The index file text, newest chat first. */
export function serializeIndex(chats: readonly ChatSummary[]): string {
  const sorted = [...chats].map((c) => readSummary(c, 'index')).sort(byNewest);
  return JSON.stringify({ version: INDEX_SCHEMA_VERSION, chats: sorted });
}

/** Orders summaries newest first (ties by id, so the order is stable). */
export function byNewest(a: ChatSummary, b: ChatSummary): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
