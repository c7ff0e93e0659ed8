// The host's check of what the webview posts: the webview is a page that renders model output, so every message
// is validated against the protocol before the host acts on it.
import { isObj } from './isObj';
import { isChatMode, isReasoningEffort, type ChatOptions, type WebviewToHost } from './protocol';

const isStr = (v: unknown, max = 1_000_000): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isOptions = (v: unknown): v is ChatOptions =>
  isObj(v) && typeof v.includeThoughts === 'boolean' && isReasoningEffort(v.reasoningEffort) && isChatMode(v.mode);

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
    case 'mentionQuery':
    case 'pickMention':
    case 'dropUris':
      return isContextMessage(m);
    default:
      return isAgentMessage(m);
  }
}

/** The Agent mode messages of {@link isWebviewToHost}. */
function isAgentMessage(m: Record<string, unknown>): boolean {
  switch (m.type) {
    case 'reviewEdit':
      return isId(m.editId);
    case 'decideEdit':
      return isId(m.editId) && typeof m.accept === 'boolean' && (m.reason === undefined || isStr(m.reason, 2000));
    case 'decideAllEdits':
      return isId(m.turnId) && typeof m.accept === 'boolean';
    case 'undoTurn':
      return isId(m.turnId) && (m.force === undefined || typeof m.force === 'boolean');
    case 'openFile':
      return isStr(m.path, 1024) && m.path.length > 0;
    default:
      return false;
  }
}

/** Validates the messages about context: instructions, summaries, mentions, dropped files. */
function isContextMessage(m: Record<string, unknown>): boolean {
  if (m.type === 'useInstructions') return isStr(m.path, 1024) && typeof m.use === 'boolean';
  if (m.type === 'editSummary') return isId(m.turnId) && isStr(m.text) && m.text.trim() !== '';
  if (m.type === 'mentionQuery') return Number.isSafeInteger(m.queryId) && isStr(m.query, 500);
  if (m.type === 'pickMention') return isId(m.id);
  if (m.type === 'dropUris')
    return Array.isArray(m.uris) && m.uris.length <= 100 && m.uris.every((u) => isStr(u, 4096));
  return m.type === 'summarizeChat';
}
