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

/** The chat modes: Ask (the read-only workspace tools) and Agent (read tools plus edit tools). */
export const CHAT_MODES = ['ask', 'agent'] as const;

/** How a chat answers: Ask reads the workspace, Agent may also change it (every change reviewed). */
export type ChatMode = (typeof CHAT_MODES)[number];

/** True for one of {@link CHAT_MODES}. */
export function isChatMode(v: unknown): v is ChatMode {
  return CHAT_MODES.some((m) => m === v);
}

/** Per-chat options, defaulting to the settings (the mode defaults to Ask). */
export interface ChatOptions {
  includeThoughts: boolean;
  reasoningEffort: ReasoningEffort;
  mode: ChatMode;
}

/** What a context chip holds. */
export const CHIP_KINDS = ['selection', 'file', 'folder', 'symbol', 'problems', 'git', 'terminal'] as const;

/** A piece of context shown as a removable chip above the input, and sent with the next message. */
export interface ContextChip {
  id: string;
  kind: (typeof CHIP_KINDS)[number];
  /** Short label, e.g. `src/app.ts:10-24`. */
  label: string;
  /** Workspace-relative path (or untitled name; for problems, git and terminal chips what they cover). */
  path: string;
  languageId: string;
  startLine?: number;
  endLine?: number;
  /** Estimated size in tokens. */
  tokens?: number;
  /** Said on the chip, e.g. why a terminal chip holds no output. */
  note?: string;
}

/** One entry of the @ picker; the host keeps what it stands for, the webview picks it by `id`. */
export interface MentionItem {
  id: string;
  kind: 'file' | 'folder' | 'symbol' | 'editor' | 'problems' | 'git' | 'terminal';
  label: string;
  /** Second line: the folder, the symbol's file, what the entry adds. */
  detail?: string;
  /** Offsets in `label` that the query matched. */
  match?: number[];
}

/** A command the chat input completes after `/`: built in, or a prompt file of the workspace. */
export interface SlashCommandView {
  /** Typed after `/`, lower case. */
  name: string;
  description: string;
  /** A prompt file's workspace path (`.aio/prompts/review.md`); absent for the built-in commands. */
  path?: string;
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

/** What an agent change does to its file. `overwrite` is a create_file over an existing file. */
export type FileEditKind = 'edit' | 'create' | 'overwrite' | 'delete' | 'rename';

/**
 * One change the agent proposed, as its card in the answer shows it: pending until the user
 * accepts or rejects it (or it is applied at once under `aioCoder.agent.autoApproveEdits`).
 */
export interface FileEditView {
  id: string;
  kind: FileEditKind;
  /** Workspace-relative path, as the tools show it. */
  path: string;
  /** The new path of a rename. */
  newPath?: string;
  /** Lines added and removed. */
  added: number;
  removed: number;
  status: 'pending' | 'applied' | 'rejected' | 'stale' | 'failed';
  /** Applied without review, by `aioCoder.agent.autoApproveEdits`. */
  auto?: boolean;
  /** The user's reason for a rejection, or why the change could not be applied. */
  note?: string;
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
  /** User turns that start with a slash command: what the command says to the model, sent first. Not displayed. */
  command?: string;
  tools?: ToolCallView[];
  /** Assistant turns: the mode the answer was given in (absent for Ask). */
  mode?: ChatMode;
  /** Assistant turns in Agent mode: the changes proposed, in order. */
  edits?: FileEditView[];
  /** True once "Undo this turn" restored the files the turn changed. */
  undone?: boolean;
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
  /** Set for a chat in Agent mode (the list says so); absent for Ask. */
  mode?: 'agent';
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
  | { type: 'editSummary'; turnId: string; text: string }
  | { type: 'reviewEdit'; editId: string }
  | { type: 'decideEdit'; editId: string; accept: boolean; reason?: string }
  | { type: 'decideAllEdits'; turnId: string; accept: boolean }
  | { type: 'undoTurn'; turnId: string; force?: boolean }
  | { type: 'openFile'; path: string }
  | { type: 'mentionQuery'; queryId: number; query: string }
  | { type: 'pickMention'; id: string }
  | { type: 'dropUris'; uris: string[] };

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
  | {
      /** The change cards of an answer (any answer, not only the streaming one) and its undo state. */
      type: 'turnEdits';
      turnId: string;
      edits: FileEditView[];
      undone?: boolean;
      /** Files changed since the turn that an undo refused to overwrite; "Undo anyway" confirms. */
      conflicts?: string[];
    }
  | { type: 'focusInput' }
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  | { type: 'instructions'; files: InstructionFileView[] }
  | { type: 'contextNote'; requestId: string; turnId: string; note: string }
  /** `partial`: more results (symbols) follow for the same query. */
  | { type: 'mentionResults'; queryId: number; items: MentionItem[]; partial?: boolean }
  /** A sensitive file waits for Allow once before it becomes a chip; answered with `toolApproval`. */
  | { type: 'chipApproval'; approvalId: string; path: string }
  /** The commands `/` completes in the input: sent after a restore and when a prompt file changes. */
  | { type: 'slashCommands'; commands: SlashCommandView[] };

// The webview reaches src/common only through this file.
export {
  HIDDEN_CHAR_NAMES,
  MAY_HIDE,
  type HiddenCharContext,
  hasRtlLetters,
  hiddenCharLabel,
  findHiddenChars,
} from './hiddenChars';

/** Compile-time exhaustiveness check for `switch (msg.type)`. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}
