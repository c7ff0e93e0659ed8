import type { InstructionFile } from '../context/instructions';
import type { ChatMessage } from '../llm/types';

/**
 * The project instructions as a block of the system prompt, or `''` when there are none. Each file is
 * fenced by its path; cuts are stated, so the model knows it has not seen everything.
 */
export function instructionsBlock(files: readonly InstructionFile[]): string {
  const sent = files.filter((f) => f.text.trim() !== '' || f.cut);
  if (sent.length === 0) return '';
  const nested = sent.some((f) => f.scope === 'nested');
  const parts = [
    'Project instructions from the workspace follow. Follow them unless the user asks otherwise.' +
      (nested
        ? ' A nested AGENTS.md applies to the files below its folder; where files disagree, the later one wins.'
        : ''),
  ];
  for (const f of sent) {
    const where = f.scope === 'nested' ? ` applies-to="${f.path.slice(0, f.path.lastIndexOf('/') + 1)}"` : '';
    const note = f.cut ? `\n(${f.path} was ${f.cut}.)` : '';
    parts.push(`<instructions file="${f.path}"${where}>\n${f.text.trimEnd()}${note}\n</instructions>`);
  }
  return parts.join('\n\n');
}

/** `system` with the instructions block appended (unchanged when there is none). */
export function withInstructions(system: string, files: readonly InstructionFile[]): string {
  const block = instructionsBlock(files);
  return block ? `${system}\n\n${block}` : system;
}

/** The messages with the instructions appended to the first system message. */
export function messagesWithInstructions(
  messages: readonly ChatMessage[],
  files: readonly InstructionFile[],
): ChatMessage[] {
  const block = instructionsBlock(files);
  if (!block) return [...messages];
  let done = false;
  return messages.map((m) => {
    if (done || m.role !== 'system') return m;
    done = true;
    return { ...m, content: `${m.content}\n\n${block}` };
  });
}

/** A prompt (editor command) with the instructions appended to its system message. */
export function promptWithInstructions<T extends { messages: ChatMessage[] }>(
  prompt: T,
  files: readonly InstructionFile[],
): T {
  return { ...prompt, messages: messagesWithInstructions(prompt.messages, files) };
}
