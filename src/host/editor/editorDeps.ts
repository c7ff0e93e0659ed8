import type * as vscode from 'vscode';
import type { InstructionFile } from '../../common/context/instructions';
import type { ContextChip, TurnView } from '../../common/protocol';
import type { ModelSession } from '../modelSession';
import type { ApiKeyStore } from '../secrets';

/**
 * What the editor commands hand over to the chat. The chat implements it; declaring it here keeps
 * the editor commands from importing the chat.
 */
export interface ChatHandoff {
  readonly chips: {
    /** Adds a selection as a chip in the chat input; returns the chip. */
    addSelection(editor: vscode.TextEditor, range: vscode.Range, content: string): ContextChip;
    remove(id: string): void;
  };
  /** Shows the chips waiting in the input. */
  chipsChanged(): void;
  /** Asks a prepared question in the chat, on the session the command opened. */
  sendPrepared(display: string, context: string, chips: ContextChip[], session: ModelSession): Promise<void>;
  /** Records an exchange that happened outside the chat. */
  recordExchange(question: string, answer: string, status?: TurnView['status']): Promise<void>;
}

/** What the editor commands need from the rest of the extension. */
export interface EditorDeps {
  context: vscode.ExtensionContext;
  chat: ChatHandoff;
  /** The chat view: shown before a question is asked there. */
  provider: { reveal(): Promise<void> };
  keys: ApiKeyStore;
  /** The project instruction files (AGENTS.md…) that apply to these documents. */
  instructions: { forUris(uris: readonly vscode.Uri[]): Promise<InstructionFile[]> };
}
