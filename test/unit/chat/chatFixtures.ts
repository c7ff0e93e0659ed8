import type { ChatOptions, TurnView } from '../../../src/common/protocol';
import { newChat } from '../../../src/common/chat/historyCodec';
import type { StoredChat } from '../../../src/common/chat/types';

/** Default options for test chats. */
export const OPTIONS: ChatOptions = { includeThoughts: true, reasoningEffort: 'high', mode: 'ask' };

/** A user turn. */
export function userTurn(id: string, text: string): TurnView {
  return { id, role: 'user', text, status: 'done' };
}

/** An assistant turn. */
export function answerTurn(id: string, text: string, extra: Partial<TurnView> = {}): TurnView {
  return { id, role: 'assistant', text, status: 'done', ...extra };
}

/** A chat with `pairs` question/answer pairs, updated at `updatedAt`. */
export function chatWith(id: string, updatedAt: number, pairs = 1, title = `Chat ${id}`): StoredChat {
  const chat = newChat(id, OPTIONS, updatedAt - 1000);
  chat.title = title;
  chat.updatedAt = updatedAt;
  for (let i = 0; i < pairs; i++) {
    chat.turns.push(userTurn(`u${i}`, `question ${i} of ${id}`), answerTurn(`a${i}`, `answer ${i} of ${id}`));
  }
  return chat;
}
