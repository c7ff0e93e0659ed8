import type { ChatMessage } from '../llm/types';
import { leftOutModelNote, leftOutNote, messagesTokens, messageTokens, type LeftOut } from './chatBudget';

/** What a tool result is replaced with when it has to go. */
export const SHORTENED_TOOL_RESULT =
  '[This tool result was left out to fit the context window. Call the tool again with a narrower request ' +
  'if you still need it.]';

/**
 * Keeps the messages of one answer within its budget while tool results pile up: before each further
 * round, when the messages no longer fit, the oldest earlier turns go first (the messages between the
 * system prompt and the new message), then the oldest tool results of this answer are shortened. The
 * system prompt, the new message and the tool calls stay. The system prompt's note is kept current.
 */
export class RoundBudget {
  private readonly leftOut: LeftOut;

  /**
   * @param baseSystem the system prompt without the note about what was left out
   * @param budget tokens the messages may use
   * @param question index of the new message in the messages
   */
  constructor(
    private readonly baseSystem: string,
    private readonly budget: number,
    private question: number,
    leftOut: LeftOut,
  ) {
    this.leftOut = { ...leftOut };
  }

  /** Trims `messages` in place; returns the chat's new note when something more was left out. */
  fit(messages: ChatMessage[]): string | undefined {
    let total = messagesTokens(messages);
    if (total <= this.budget) return undefined;
    const before = { ...this.leftOut };
    while (total > this.budget && this.question > 1) {
      let end = 2;
      while (end < this.question && messages[end]?.role !== 'user') end++;
      const removed = messages.splice(1, end - 1);
      total -= messagesTokens(removed);
      this.question -= removed.length;
      this.leftOut.turns++;
    }
    for (let i = this.question + 1; i < messages.length && total > this.budget; i++) {
      const m = messages[i];
      if (m?.role !== 'tool' || m.content === SHORTENED_TOOL_RESULT) continue;
      const shortened = { ...m, content: SHORTENED_TOOL_RESULT };
      total -= messageTokens(m) - messageTokens(shortened);
      messages[i] = shortened;
      this.leftOut.toolResults = (this.leftOut.toolResults ?? 0) + 1;
    }
    if (before.turns === this.leftOut.turns && before.toolResults === this.leftOut.toolResults) return undefined;
    const note = leftOutModelNote(this.leftOut);
    messages[0] = { role: 'system', content: note ? `${this.baseSystem}\n\n${note}` : this.baseSystem };
    return leftOutNote(this.leftOut);
  }
}
