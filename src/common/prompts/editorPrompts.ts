import type { ChatMessage } from '../llm/types';
import { endLine, lineRange, promptCharBudget, type LineSpan } from '../editor/budget';
import { REPLACEMENT_SHAPE } from '../editor/replacementJson';
import { fitSource, targetLabel, type DiagnosticInfo, type SourceInput } from './sourceContext';

/** A prompt built for an editor command. */
export interface EditorPrompt {
  /** System message, then one user message (`context` + `instruction`). */
  messages: ChatMessage[];
  /** The source block of the user message (what the chat keeps as the turn's context). */
  context: string;
  /** The request itself, last in the user message. */
  instruction: string;
  /** A short line for the user (chat turn, progress title). */
  display: string;
  /** The target lines actually sent; refactor and fix replace exactly these. */
  target: LineSpan;
  /** What was left out to fit, for the user; empty when everything fit. */
  omitted: string[];
}

/** Shares of the context window a prompt may use (the rest is for the answer, or the chat history). */
export const PROMPT_SHARE = { explain: 0.5, replace: 0.4, generateCode: 0.6, generateTests: 0.5 } as const;

const EXPLAIN_SYSTEM = [
  'You are AIO Coder, a coding assistant inside Visual Studio Code.',
  'Explain code to a developer who is reading it: what it does, how, ' +
    'and anything surprising (edge cases, bugs, performance).',
  'Answer in GitHub-flavoured Markdown, refer to line numbers, and be concise.',
].join('\n');

const replaceSystem = (what: string): string =>
  [
    `You are AIO Coder, ${what} inside Visual Studio Code.`,
    `Answer with only one JSON object of the form ${REPLACEMENT_SHAPE}.`,
    '"replacement" is the complete new code for exactly the lines in focus: it replaces those whole lines. ' +
      'Same language, the original indentation, no line numbers, no Markdown fence, nothing outside those lines.',
    '"explanation" says in one to three sentences what changed and why.',
    'Keep the behaviour unless asked otherwise. The context before and after is for reference only: do not repeat it.',
  ].join('\n');

/** Assembles the two messages and the common fields. */
export function assemble(
  system: string,
  context: string,
  instruction: string,
  display: string,
  fitted: { target: LineSpan; omitted: string[] },
): EditorPrompt {
  return {
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: `${context}\n\n${instruction}` },
    ],
    context,
    instruction,
    display,
    target: fitted.target,
    omitted: fitted.omitted,
  };
}

const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** "capitalize.ts:4–9". */
export function shortWhere(path: string, span: LineSpan): string {
  const end = endLine(span);
  return `${fileName(path)}:${span.startLine}${end > span.startLine ? `–${end}` : ''}`;
}

/** Why the code in focus is not the selection, said to the user and the model ("" for a selection). */
export function fallbackReason(input: Pick<SourceInput, 'targetKind' | 'symbol'>): string {
  switch (input.targetKind) {
    case 'function': {
      const name = input.symbol ? ` \`${input.symbol.name}\`` : '';
      return `Nothing was selected, so this is the enclosing ${input.symbol?.kind ?? 'function'}${name}.`;
    }
    case 'line':
      return 'Nothing was selected and the cursor is not inside a function, so this is the current line.';
    default:
      return '';
  }
}

/** The explain prompt (sent through the chat panel as a new turn). */
export function buildExplainPrompt(input: SourceInput, contextWindowTokens: number): EditorPrompt {
  const fitted = fitSource(input, promptCharBudget(contextWindowTokens, PROMPT_SHARE.explain) - EXPLAIN_SYSTEM.length);
  const reason = fallbackReason(input);
  const instruction = `${reason ? `${reason} ` : ''}Explain ${targetLabel(input, fitted.target)}.`;
  const what =
    input.targetKind === 'function' && input.symbol
      ? `\`${input.symbol.name}\``
      : input.targetKind === 'line'
        ? 'the current line'
        : 'the selection';
  const display = `Explain ${what} (${shortWhere(input.path, fitted.target)})${reason ? ` — ${reason}` : ''}`;
  return assemble(EXPLAIN_SYSTEM, fitted.text, instruction, display, fitted);
}

/** The refactor prompt: the model answers with `{"replacement", "explanation"}` for the target lines. */
export function buildRefactorPrompt(input: SourceInput, intent: string, contextWindowTokens: number): EditorPrompt {
  const system = replaceSystem('refactoring code');
  const fitted = fitSource(
    input,
    promptCharBudget(contextWindowTokens, PROMPT_SHARE.replace) - system.length - intent.length,
  );
  const where = lineRange(fitted.target.startLine, endLine(fitted.target));
  const reason = fallbackReason(input);
  const instruction =
    `${reason ? `${reason}\n` : ''}Refactor ${where} (${targetLabel(input, fitted.target)}): ${intent.trim()}\n` +
    `The replacement replaces ${where} entirely.`;
  const display = `Refactor ${shortWhere(input.path, fitted.target)}: ${intent.trim()}`;
  return assemble(system, fitted.text, instruction, display, fitted);
}

/** The quick-fix prompt for one diagnostic; the target is the lines around it. */
export function buildFixPrompt(
  input: SourceInput,
  diagnostic: DiagnosticInfo,
  contextWindowTokens: number,
): EditorPrompt {
  const system = replaceSystem('fixing a problem reported by the editor');
  const fitted = fitSource(
    input,
    promptCharBudget(contextWindowTokens, PROMPT_SHARE.replace) - system.length - diagnostic.message.length,
  );
  const where = lineRange(fitted.target.startLine, endLine(fitted.target));
  const origin = [diagnostic.source, diagnostic.code].filter(Boolean).join(' ');
  const instruction = [
    `Fix this ${diagnostic.severity} at line ${diagnostic.line}, column ${diagnostic.column}` +
      `${origin ? ` [${origin}]` : ''}: ${diagnostic.message}`,
    `Change as little as needed. The replacement replaces ${where} entirely.`,
  ].join('\n');
  const display = `Fix ${shortWhere(input.path, fitted.target)}: ${diagnostic.message.split('\n')[0] ?? ''}`;
  return assemble(system, fitted.text, instruction, display, fitted);
}
