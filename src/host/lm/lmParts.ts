// VS Code's language-model parts read into plain data (src/common/lm/messages.ts maps them), and our
// errors turned into LanguageModelError.
import * as vscode from 'vscode';
import type { LmErrorText } from '../../common/lm/lmErrors';
import { lmRole, type LmMessage, type LmPart } from '../../common/lm/messages';

/** A data part (stable only after 1.104, so read by shape): text-like data becomes text, the rest is left out. */
function dataText(part: unknown): string | undefined {
  if (typeof part !== 'object' || part === null || !('mimeType' in part) || !('data' in part)) return undefined;
  const { mimeType, data } = part;
  if (typeof mimeType !== 'string' || !(data instanceof Uint8Array)) return undefined;
  return /^text\/|json/.test(mimeType) ? new TextDecoder().decode(data) : undefined;
}

/** The text of a tool result's content: text parts, prompt-tsx parts as JSON, text-like data. */
function resultText(content: readonly unknown[]): string {
  return content
    .map((c) => {
      if (c instanceof vscode.LanguageModelTextPart) return c.value;
      if (c instanceof vscode.LanguageModelPromptTsxPart) return JSON.stringify(c.value);
      return dataText(c) ?? '';
    })
    .join('');
}

/** One part of a request message as plain data. */
export function toLmPart(part: unknown): LmPart {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart)
    return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input };
  if (part instanceof vscode.LanguageModelToolResultPart)
    return { kind: 'toolResult', callId: part.callId, text: resultText(part.content) };
  return { kind: 'other' };
}

/** A request message as plain data. */
export function toLmMessage(m: vscode.LanguageModelChatRequestMessage): LmMessage {
  return { role: lmRole(m.role), parts: m.content.map(toLmPart) };
}

/** Our error text as the LanguageModelError that callers check (`code` NoPermissions / Blocked when it fits). */
export function toLanguageModelError(t: LmErrorText): vscode.LanguageModelError {
  switch (t.code) {
    case 'NoPermissions':
      return vscode.LanguageModelError.NoPermissions(t.message);
    case 'Blocked':
      return vscode.LanguageModelError.Blocked(t.message);
    default:
      return new vscode.LanguageModelError(t.message);
  }
}
