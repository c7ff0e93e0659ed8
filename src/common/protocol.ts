/**
 * The one host ↔ webview message protocol. Payloads are plain JSON (no class instances, no functions).
 * Every streaming message carries the `requestId` of the answer it belongs to; the webview drops
 * messages for a request that is not current. The host validates every inbound message with
 * {@link isWebviewToHost} because the webview is untrusted input.
 */

/** The reasoning efforts the reseller accepts (docs/api.md §2). */
export const REASONING_EFFORTS = ['low', 'high'] as const;

/** Reasoning effort the reseller accepts. */
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** True for one of {@link REASONING_EFFORTS}. */
export function isReasoningEffort(v: unknown): v is ReasoningEffort {
  return REASONING_EFFORTS.some((e) => e === v);
}

/** Per-chat options, defaulting to the settings. */
export interface ChatOptions {
  includeThoughts: boolean;
  reasoningEffort: ReasoningEffort;
}

/** A piece of context shown as a removable chip above the input, and sent with the next message. */
export interface ContextChip {
  id: string;
  kind: 'selection' | 'file';
  /** Short label, e.g. `src/app.ts:10-24`. */
  label: string;
  /** Workspace-relative path (or untitled name). */
  path: string;
  languageId: string;
  startLine?: number;
  endLine?: number;
}

/** Token and credit figures of one answer. */
export interface UsageView {
  promptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
  cachedTokens?: number;
  totalTokens?: number;
  creditsConsumed?: number;
}

/** Error kinds, as produced by the client. */
export type ErrorKind =
  | 'auth'
  | 'insufficient_credits'
  | 'rate_limit'
  | 'bad_request'
  | 'server'
  | 'network'
  | 'stream_truncated'
  | 'protocol'
  | 'aborted';

/** A failed turn as the webview shows it (message already redacted). */
export interface ErrorView {
  kind: ErrorKind;
  message: string;
  retryable: boolean;
  httpStatus?: number;
}

/** One tool call as shown in the chat: a compact line with an expandable result. */
export interface ToolCallView {
  id: string;
  name: string;
  /** One-line human summary, e.g. "Read src/app.ts, lines 1-80". */
  summary: string;
  status: 'running' | 'done' | 'failed' | 'awaiting_approval' | 'denied';
  /** The result text sent back to the model (possibly truncated for display). */
  result?: string;
}

/** A turn in the transcript. */
export interface TurnView {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  reasoning?: string;
  chips?: ContextChip[];
  /**
   * User turns: the context blocks (selection, files) sent with the text, kept so the chat can be resent.
   * Not displayed.
   */
  context?: string;
  tools?: ToolCallView[];
  usage?: UsageView;
  error?: ErrorView;
  /** `interrupted`: VS Code ended (closed, crashed) while it streamed; the text is the last checkpoint's. */
  status: 'done' | 'streaming' | 'stopped' | 'error' | 'interrupted';
  /** Answers: what was left out of its request to fit the context window (shown as a note). */
  contextNote?: string;
  /** A summary turn (role `user`): the number of earlier turns it stands for in later requests. */
  summaryOf?: number;
}

/** A project instruction file as the chat shows it: a chip above the input. */
export interface InstructionFileView {
  /** Workspace path, e.g. `AGENTS.md` or `packages/api/AGENTS.md`. */
  path: string;
  /** What was cut to fit, when something was. */
  cut?: string;
  /** Removed for this chat by the user (shown so it can be used again). */
  removed: boolean;
}

/** A chat in the history list. */
export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
  turnCount: number;
}

/** The whole state of the open chat, sent once on (re)load. */
export interface ChatSnapshot {
  chatId: string;
  title: string;
  turns: TurnView[];
  options: ChatOptions;
  totals: UsageView;
  /** The request still streaming into the last turn, if any. */
  activeRequestId?: string;
}

/**
 * Messages from the webview to the host (imperative names). The messages that start an answer carry
 * the per-chat options shown in the input at that moment (the chat keeps the last ones); without
 * them, an answer uses the chat's last options.
 */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'send'; text: string; options: ChatOptions }
  | { type: 'stop'; requestId: string }
  | { type: 'regenerate'; options?: ChatOptions }
  | { type: 'editResend'; turnId: string; text: string; options?: ChatOptions }
  | { type: 'retry'; turnId: string; options?: ChatOptions }
  | { type: 'newChat' }
  | { type: 'switchChat'; chatId: string }
  | { type: 'renameChat'; chatId: string; title: string }
  | { type: 'deleteChat'; chatId: string }
  | { type: 'exportChat'; chatId: string }
  | { type: 'removeChip'; chipId: string }
  | { type: 'setApiKey' }
  | { type: 'openExternal'; url: string }
  | { type: 'copyText'; text: string }
  | { type: 'insertCode'; code: string; language: string }
  | { type: 'applyCode'; code: string; language: string }
  | { type: 'newFile'; code: string; language: string }
  | { type: 'toolApproval'; approvalId: string; allow: boolean }
  | { type: 'useInstructions'; path: string; use: boolean }
  | { type: 'summarizeChat' }
  | { type: 'editSummary'; turnId: string; text: string };

/** Messages from the host to the webview (event names). */
export type HostToWebview =
  | { type: 'restore'; hasKey: boolean; chat: ChatSnapshot; chats: ChatSummary[]; chips: ContextChip[] }
  | { type: 'keyState'; hasKey: boolean }
  | { type: 'chatList'; chats: ChatSummary[] }
  | { type: 'chips'; chips: ContextChip[] }
  | { type: 'turnAdded'; turn: TurnView }
  | { type: 'streamStart'; requestId: string; turnId: string }
  | { type: 'delta'; requestId: string; text?: string; reasoning?: string }
  | { type: 'toolStatus'; requestId: string; call: ToolCallView; approvalId?: string }
  | { type: 'retrying'; requestId: string; attempt: number; maxAttempts: number; delayMs: number }
  | {
      type: 'streamEnd';
      requestId: string;
      reason: 'done' | 'stopped' | 'error';
      usage?: UsageView;
      totals?: UsageView;
      error?: ErrorView;
    }
  | { type: 'focusInput' }
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  | { type: 'instructions'; files: InstructionFileView[] }
  | { type: 'contextNote'; requestId: string; turnId: string; note: string };

/**
 * Invisible characters that can make text read differently from what it is ("Trojan Source",
 * CVE-2021-42574): bidi embeddings, overrides and isolates, directional marks, and zero-width
 * characters, keyed by character with their Unicode names. The webview shows each as a visible
 * marker; the host warns before Insert or Apply puts one into a file.
 */
export const HIDDEN_CHAR_NAMES: Readonly<Record<string, string>> = {
  '\u061C': 'ARABIC LETTER MARK',
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2060': 'WORD JOINER',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\uFEFF': 'ZERO WIDTH NO-BREAK SPACE',
};

/** The cheap test: true when `text` may hold a hidden character (most text does not, and stops here). */
export const MAY_HIDE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const ANY_HIDDEN = new RegExp(MAY_HIDE.source, 'g');
// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …), without U+061C itself.
const RTL_LETTER = /[\u0590-\u061B\u061D-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]|[\uD802\uD803\uD83A\uD83B][\uDC00-\uDFFF]/;

/**
 * Where text is shown: `prose` marks bidi controls and directional marks; `code` also zero-width
 * characters (joiners only between ASCII, where no emoji or script needs them); `name` (link text,
 * paths) marks every zero-width character.
 */
export type HiddenCharContext = 'prose' | 'code' | 'name';

/** True when `text` has letters of a right-to-left script, where directional marks are legitimate. */
export const hasRtlLetters = (text: string): boolean => RTL_LETTER.test(text);

/** `U+202E RIGHT-TO-LEFT OVERRIDE` for a hidden character (any other character: its code point only). */
export function hiddenCharLabel(ch: string): string {
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = HIDDEN_CHAR_NAMES[ch];
  return name ? `${code} ${name}` : code;
}

function hiddenAt(text: string, i: number, context: HiddenCharContext, rtl: boolean): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  if (c === 0x200e || c === 0x200f || c === 0x061c) return !rtl;
  if (context === 'prose') return false;
  if (context === 'name' || (c !== 0x200c && c !== 0x200d)) return true;
  return text.charCodeAt(i - 1) < 0x80 || text.charCodeAt(i + 1) < 0x80 || i === 0 || i === text.length - 1;
}

/**
 * Offsets of the characters of `text` that must not act unseen when shown in `context`. `rtl` says
 * whether the surrounding text (a paragraph, a line of code) is right-to-left script.
 */
export function findHiddenChars(text: string, context: HiddenCharContext, rtl = hasRtlLetters(text)): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(ANY_HIDDEN)) if (hiddenAt(text, m.index, context, rtl)) found.push(m.index);
  return found;
}

/** Compile-time exhaustiveness check for `switch (msg.type)`. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}

// Its own copy of ../isObj: the webview compiles this file alone, so it imports nothing.
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 1_000_000): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isOptions = (v: unknown): v is ChatOptions =>
  isObj(v) && typeof v.includeThoughts === 'boolean' && isReasoningEffort(v.reasoningEffort);

/** Validates an untrusted message from the webview. */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObj(v) || typeof v.type !== 'string') return false;
  const m = v as Record<string, unknown> & { type: WebviewToHost['type'] };
  switch (m.type) {
    case 'ready':
    case 'newChat':
    case 'setApiKey':
      return true;
    case 'send':
      return isStr(m.text) && isOptions(m.options);
    case 'stop':
      return isId(m.requestId);
    case 'regenerate':
      return m.options === undefined || isOptions(m.options);
    case 'editResend':
      return isId(m.turnId) && isStr(m.text) && (m.options === undefined || isOptions(m.options));
    case 'retry':
      return isId(m.turnId) && (m.options === undefined || isOptions(m.options));
    case 'switchChat':
    case 'deleteChat':
    case 'exportChat':
      return isId(m.chatId);
    case 'renameChat':
      return isId(m.chatId) && isStr(m.title, 200);
    case 'removeChip':
      return isId(m.chipId);
    case 'openExternal':
      return isStr(m.url, 4096);
    case 'copyText':
      return isStr(m.text);
    case 'insertCode':
    case 'applyCode':
    case 'newFile':
      return isStr(m.code) && isStr(m.language, 100);
    case 'toolApproval':
      return isId(m.approvalId) && typeof m.allow === 'boolean';
    case 'useInstructions':
    case 'summarizeChat':
    case 'editSummary':
      return isContextMessage(m);
    default:
      return false;
  }
}

/** Validates the messages about project instructions and summaries. */
function isContextMessage(m: Record<string, unknown>): boolean {
  if (m.type === 'useInstructions') return isStr(m.path, 1024) && typeof m.use === 'boolean';
  if (m.type === 'editSummary') return isId(m.turnId) && isStr(m.text) && m.text.trim() !== '';
  return m.type === 'summarizeChat';
}
