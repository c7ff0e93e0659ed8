import type { FinishReason } from './types';

/**
 * Normalizes a wire `finish_reason` case-insensitively (docs/api.md §4.2): OpenAI values, Gemini values
 * (`STOP`, `MAX_TOKENS`, `SAFETY`, …) and anything unknown, which counts as `stop`. Then applies the
 * tool rule (§5.3): with tool calls, `stop` or a missing reason means `tool_calls`.
 */
export function normalizeFinishReason(raw: string | null, hasToolCalls: boolean): FinishReason {
  const r = raw === null ? '' : raw.toLowerCase();
  let reason: FinishReason;
  switch (r) {
    case 'length':
    case 'max_tokens':
      reason = 'length';
      break;
    case 'safety':
    case 'recitation':
    case 'blocklist':
    case 'prohibited_content':
    case 'spii':
    case 'content_filter':
      reason = 'content_filter';
      break;
    case 'tool_calls':
    case 'function_call':
      reason = 'tool_calls';
      break;
    case 'malformed_function_call':
      reason = 'malformed_tool_call';
      break;
    default:
      reason = 'stop';
  }
  return hasToolCalls && reason === 'stop' ? 'tool_calls' : reason;
}
