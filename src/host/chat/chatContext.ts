import type { StoredChat } from '../../common/chat/types';
import { planChatPrompt, type ChatPromptPlan } from '../../common/context/chatBudget';
import type { InstructionFile } from '../../common/context/instructions';
import { chatSystemPrompt } from '../../common/prompts/chatPrompt';
import { withInstructions } from '../../common/prompts/instructionsPrompt';
import type { ContextChip, InstructionFileView, TurnView } from '../../common/protocol';
import type { ToolSpec } from '../../common/llm/types';

/** Where a chat gets its project instructions (the instructions loader). */
export interface InstructionSource {
  forPaths(contextPaths: readonly string[]): Promise<InstructionFile[]>;
}

/** The files in a chat's context, newest first: the chips waiting in the input, then those of its messages. */
export function contextPaths(chat: StoredChat, pending: readonly ContextChip[] = []): string[] {
  const chips = [...pending, ...[...chat.turns].reverse().flatMap((t) => t.chips ?? [])];
  return [...new Set(chips.map((c) => c.path))];
}

/** The instruction files of a chat as its chips show them: used, or removed for this chat. */
export function instructionViews(
  files: readonly InstructionFile[],
  off: readonly string[] = [],
): InstructionFileView[] {
  return files.map((f) => ({ path: f.path, removed: off.includes(f.path), ...(f.cut ? { cut: f.cut } : {}) }));
}

/** The instruction files a chat's requests carry: all that apply, except those the user removed. */
export async function chatInstructions(source: InstructionSource, chat: StoredChat): Promise<InstructionFile[]> {
  const off = chat.instructionsOff ?? [];
  return (await source.forPaths(contextPaths(chat))).filter((f) => !off.includes(f.path));
}

/** Inputs of {@link planChatRequest} besides the chat. */
export interface ChatRequestInput {
  instructions: readonly InstructionFile[];
  contextWindowTokens: number;
  tools?: readonly ToolSpec[];
  /** Agent mode: the system prompt says how to change files. */
  agent?: boolean;
  workspaceName?: string;
  /** The id of the answer being written (left out of the history). */
  answerId: string;
}

/** The text a user turn was sent with: its command's instructions, its context blocks, then its text. */
export function sentText(t: TurnView): string {
  return [t.command, t.context, t.text].filter(Boolean).join('\n\n');
}

/** The system prompt with the project instructions, and the conversation fitted to the context window. */
export function planChatRequest(chat: StoredChat, input: ChatRequestInput): ChatPromptPlan & { system: string } {
  const base = chatSystemPrompt({
    toolsEnabled: input.tools !== undefined,
    agent: input.agent === true,
    workspaceName: input.workspaceName,
  });
  const system = withInstructions(base, input.instructions);
  const plan = planChatPrompt({
    contextWindowTokens: input.contextWindowTokens,
    system,
    ...(input.tools ? { tools: input.tools } : {}),
    turns: chat.turns.filter((t) => t.id !== input.answerId),
    sentText,
  });
  return { ...plan, system };
}
