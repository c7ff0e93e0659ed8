// Typing into the real chat view's input as a user would: the @ picker and sending a message, with the
// request the fake model server received.
import type { FakeServer, ResponseSpec } from '../support/fakeServer';
import { answerStream, SSE_HEADERS } from '../support/sse';
import { fillLabel, pressLabel, waitFor, waitForWebviewText, webviewEval } from './util';

/** The chat input's accessible name. */
export const INPUT = 'Ask AIO Coder';

let answers = 0;

/** The last message (the user's) of the request the server received `n`-th. */
export function lastUserMessage(server: FakeServer, n: number): string {
  const body = server.requests[n]?.json as { messages?: Array<{ content: string }> } | undefined;
  return body?.messages?.at(-1)?.content ?? '';
}

/**
 * Types `@query` (the picker opens on `@`), waits for the final results, moves to the entry named `option`
 * with the arrow keys and presses Enter.
 */
export async function pickMention(query: string, option: string): Promise<void> {
  await fillLabel(INPUT, '@');
  await fillLabel(INPUT, `@${query}`);
  const options = `[...document.querySelectorAll('[role="listbox"][aria-busy="false"] [role="option"]')].map((o) => o.getAttribute('aria-label'))`;
  const active = `document.getElementById(document.getElementById('input').getAttribute('aria-activedescendant'))?.getAttribute('aria-label')`;
  // The list may be answered again (a fresh listing of the workspace): move until the entry is selected.
  await waitFor(async () => {
    const labels = await webviewEval<string[]>(options);
    const want = labels.indexOf(option);
    const at = labels.indexOf((await webviewEval<string>(active)) ?? '');
    if (want < 0) return false;
    if (want === at) return true;
    await pressLabel(INPUT, want > at ? 'ArrowDown' : 'ArrowUp');
    return false;
  }, `the picker entry "${option}" selected`);
  await pressLabel(INPUT, 'Enter');
}

/**
 * Sends `text` from the input with a scripted answer queued, waits for the request and for the answer in
 * the view; returns the request's last message (the context blocks and the text).
 */
export async function sendMessage(server: FakeServer, responses: ResponseSpec[], text: string): Promise<string> {
  const before = server.requests.length;
  const answer = `Answer number ${++answers}`;
  responses.push({ status: 200, headers: SSE_HEADERS, body: answerStream([answer]) });
  await fillLabel(INPUT, text);
  await pressLabel(INPUT, 'Enter');
  await waitFor(() => server.requests.length > before, 'the chat request');
  await waitForWebviewText(new RegExp(`${answer}\\b`), 'the answer');
  return lastUserMessage(server, before);
}
