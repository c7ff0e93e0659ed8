import type { ChatMessage } from '../llm/types';
import type { TurnView } from '../protocol';
import { chatSystemPrompt, historyMessages, userMessageWithContext, type AttachedContext } from './chatPrompt';
import type { DiagnosticInfo } from './sourceContext';
import { BUILTINS, DEFAULT_REQUEST, problemsBlock } from '../slash/builtins';

/** The slash commands of the `@aio` participant in VS Code's chat. */
export type ParticipantCommand = 'explain' | 'fix' | 'tests';

/** True for a command name the participant declares. */
export function isParticipantCommand(v: string | undefined): v is ParticipantCommand {
  return v === 'explain' || v === 'fix' || v === 'tests';
}

/** One earlier exchange with the participant, as VS Code's chat history gives it. */
export interface ParticipantTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** Everything one `@aio` request is built from. */
export interface ParticipantRequest {
  prompt: string;
  command?: ParticipantCommand;
  context: readonly AttachedContext[];
  /** Problems the editor reports in the attached code; sent with /fix. */
  diagnostics: ReadonlyArray<DiagnosticInfo & { path: string }>;
  history: readonly ParticipantTurn[];
  toolsEnabled: boolean;
  workspaceName?: string;
}

/** The messages of one `@aio` request: system prompt (with the command's instructions), history, the question. */
export function participantMessages(req: ParticipantRequest): ChatMessage[] {
  const system = chatSystemPrompt({ toolsEnabled: req.toolsEnabled, workspaceName: req.workspaceName });
  const asked = req.prompt.trim() || (req.command ? DEFAULT_REQUEST[req.command] : '');
  const question = req.command === 'fix' ? `${problemsBlock(req.diagnostics)}\n\n${asked}` : asked;
  const turns: TurnView[] = req.history.map((t, i) => ({
    id: `h${i}`,
    role: t.role,
    text: t.text,
    status: 'done',
  }));
  return [
    { role: 'system', content: req.command ? `${system}\n${BUILTINS[req.command].instruction ?? ''}` : system },
    ...historyMessages(turns, (t) => t.text),
    { role: 'user', content: userMessageWithContext(question, req.context) },
  ];
}

/** A piece of context before fitting: its full text. */
export type ContextSource = Omit<AttachedContext, 'note'>;

/**
 * Shares `maxChars` among the pieces of context (each at least 1,000 characters); a piece that does not fit
 * keeps its first lines, and says so to the model.
 */
export function fitContext(sources: readonly ContextSource[], maxChars: number): AttachedContext[] {
  const per = Math.max(1000, Math.floor(maxChars / Math.max(1, sources.length)));
  return sources.map((s) => {
    if (s.content.length <= per) return { ...s };
    const cut = s.content.slice(0, per);
    const kept = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')) || cut.length);
    return { ...s, content: kept, note: `cut to the first ${kept.length} of ${s.content.length} characters to fit` };
  });
}

/** VS Code's agent-customization references (skills index, prompt and instruction files): written for Copilot's tools. */
const CUSTOMIZATION_IDS = /^vscode\.(customizations|prompt|instructions)\./;

/**
 * Whether a chat reference is context for the model: files and selections (attached, or the editor's implicit
 * ones), and values such as a terminal selection only when typed in the prompt (`#…`). VS Code's own
 * agent-customization references are left out.
 */
export function isContextReference(ref: {
  id: string;
  kind: 'location' | 'string' | 'other';
  inPrompt: boolean;
}): boolean {
  if (CUSTOMIZATION_IDS.test(ref.id)) return false;
  return ref.kind === 'location' || (ref.kind === 'string' && ref.inPrompt);
}
