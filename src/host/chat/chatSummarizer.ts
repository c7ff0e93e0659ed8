import * as vscode from 'vscode';
import { coveredTurnCount, summarizableTurns, summaryRequest } from '../../common/context/summary';
import { collectAnswer, type CollectedAnswer } from '../../common/editor/collectAnswer';
import { errorView } from '../../common/chat/errorView';
import { stripThoughts } from '../../common/llm/thoughtSplitter';
import type { StoredChat } from '../../common/chat/types';
import type { HostToWebview, TurnView } from '../../common/protocol';
import { toAbortSignal } from '../cancellation';
import { log } from '../log';
import { openModelSession, type ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';
import type { ChatLibrary } from './chatLibrary';

/** How Summarize chat ended (the command's result, for tests). */
export type SummarizeOutcome = 'summarized' | 'nothing' | 'cancelled' | 'failed';

/** What the summarizer needs from the chat panel. */
export interface SummarizerDeps {
  library: ChatLibrary;
  keys: ApiKeyStore;
  logUri: vscode.Uri;
  post(msg: HostToWebview): void;
  /** Stops the running answer and resolves once it has ended. */
  stopActive(): Promise<void>;
  /** Sends the whole state again (when the summary does not go at the end). */
  reload(): Promise<void>;
}

/**
 * Summarize chat: one model call condenses the turns in effect (since the latest summary) into a
 * summary turn that later requests send instead of them. The turns stay in the chat for reading; the
 * summary is shown, and can be edited, like a message.
 */
export class ChatSummarizer {
  constructor(private readonly deps: SummarizerDeps) {}

  async summarize(): Promise<SummarizeOutcome> {
    await this.deps.stopActive();
    const chat = await this.deps.library.current();
    const range = summarizableTurns(chat.turns);
    if (!range) {
      void vscode.window.showInformationMessage(
        'AIO Coder: nothing to summarize yet. Summarize Chat condenses a chat of two or more turns.',
      );
      return 'nothing';
    }
    const opened = await openModelSession(this.deps.keys, this.deps.logUri);
    if (!opened.ok) {
      const why = opened.problem.kind === 'noKey' ? 'no API key is set' : opened.problem.message;
      void vscode.window.showErrorMessage(`AIO Coder: cannot summarize the chat: ${why}.`);
      return 'failed';
    }
    const turns = chat.turns.slice(range.from, range.to);
    const request = summaryRequest(turns, opened.session.settings.contextWindowTokens);
    const answer = await this.ask(opened.session, request.messages);
    if (answer.error) {
      if (answer.error.kind === 'aborted') return 'cancelled';
      void vscode.window.showErrorMessage(`AIO Coder: summarizing the chat failed. ${errorView(answer.error).message}`);
      return 'failed';
    }
    const text = stripThoughts(answer.text).trim();
    if (!text) {
      void vscode.window.showErrorMessage('AIO Coder: the model returned an empty summary; the chat is unchanged.');
      return 'failed';
    }
    await this.insert(chat, range.to, { text, summaryOf: coveredTurnCount(turns) });
    if (request.omitted > 0)
      void vscode.window.showWarningMessage(
        `AIO Coder: the ${request.omitted} oldest turns did not fit in the summary request; ` +
          'the summary leaves them out.',
      );
    return 'summarized';
  }

  /** Replaces the text of a summary turn (edited in the chat). */
  async edit(turnId: string, text: string): Promise<void> {
    const chat = await this.deps.library.current();
    const turn = chat.turns.find((t) => t.id === turnId && t.summaryOf !== undefined);
    if (!turn || !text.trim()) return;
    turn.text = text.trim();
    await this.deps.library.save(chat);
  }

  /** One request without tools, under a notification with Cancel. */
  private ask(
    session: ModelSession,
    messages: Parameters<ModelSession['stream']>[0]['messages'],
  ): Thenable<CollectedAnswer> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'AIO Coder: summarizing the chat', cancellable: true },
      async (progress, token) => {
        const link = toAbortSignal(token);
        let chars = 0;
        try {
          const request = { ...session.base, includeThoughts: false, reasoningEffort: 'low' as const, messages };
          return await collectAnswer(session.stream(request, link.signal), {
            onText: (d) => {
              chars += d.length;
              progress.report({ message: `${chars.toLocaleString('en-US')} characters` });
            },
          });
        } finally {
          link.dispose();
        }
      },
    );
  }

  /** Puts the summary right after the turns it stands for, shows it and saves the chat. */
  private async insert(chat: StoredChat, at: number, summary: { text: string; summaryOf: number }): Promise<void> {
    const turn: TurnView = {
      id: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
      role: 'user',
      status: 'done',
      ...summary,
    };
    chat.turns.splice(at, 0, turn);
    chat.updatedAt = Date.now();
    const open = (await this.deps.library.current()) === chat;
    if (open && at === chat.turns.length - 1) this.deps.post({ type: 'turnAdded', turn });
    else if (open) await this.deps.reload();
    await this.deps.library.save(chat);
    await this.deps.library.postList();
    log.info(`Chat ${chat.id}: ${summary.summaryOf} turns summarized.`);
  }
}
