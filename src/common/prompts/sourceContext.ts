import { cutSpan, describeOmitted, endLine, lineRange, numberLines, spanChars, type LineSpan } from '../editor/budget';

/** A diagnostic (problem) reported by VS Code, as plain data. */
export interface DiagnosticInfo {
  /** 1-based line and column of the start. */
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  source?: string;
  code?: string;
}

/** What the code in focus is. */
export type TargetKind = 'selection' | 'function' | 'line' | 'file' | 'diagnostic';

/** The code a command is about, with what surrounds it. Built by the host from the editor. */
export interface SourceInput {
  /** Workspace-relative path (or the untitled name). */
  path: string;
  languageId: string;
  /** The code in focus (whole lines). */
  target: LineSpan;
  targetKind: TargetKind;
  /** The innermost symbol around the target (function, method, class…). */
  symbol?: { name: string; kind: string };
  /** Lines just before and after the target: the rest of the enclosing symbol, or surrounding lines. */
  before?: LineSpan;
  after?: LineSpan;
  /** Diagnostics in or near the target. */
  diagnostics: readonly DiagnosticInfo[];
  /** Facts for the model, e.g. "The file has unsaved changes." */
  notes?: readonly string[];
}

/** The source block of a prompt after cutting to the budget. */
export interface FittedSource {
  /** The text of the block (file, target, context, diagnostics, and what was left out). */
  text: string;
  /** The target lines actually sent. Commands that replace code replace only these. */
  target: LineSpan;
  /** What was left out, for the user. Empty when everything fit. */
  omitted: string[];
}

const MAX_DIAGNOSTICS = 30;

/** A fence that does not occur in the code. */
export function fenceFor(lines: readonly string[]): string {
  let fence = '```';
  while (lines.some((l) => l.includes(fence))) fence += '`';
  return fence;
}

/** A numbered code block with a heading. */
export function codeBlock(heading: string, span: LineSpan, languageId: string): string {
  const fence = fenceFor(span.lines);
  return `${heading}\n${fence}${languageId}\n${numberLines(span)}\n${fence}`;
}

/** How the target is named in prompts and messages, e.g. "the selection (lines 4–9)". */
export function targetLabel(input: Pick<SourceInput, 'targetKind' | 'symbol'>, span: LineSpan): string {
  const where = lineRange(span.startLine, endLine(span));
  const sym = input.symbol ? `${input.symbol.kind} \`${input.symbol.name}\`` : undefined;
  switch (input.targetKind) {
    case 'selection':
      return `the selection (${where}${sym ? `, inside ${sym}` : ''})`;
    case 'function':
      return `the enclosing ${sym ?? 'function'} (${where})`;
    case 'line':
      return `the current ${where}`;
    case 'file':
      return `the whole file (${where})`;
    case 'diagnostic':
      return `the code around the problem (${where})`;
  }
}

function diagnosticLine(d: DiagnosticInfo): string {
  const origin = [d.source, d.code].filter(Boolean).join(' ');
  const message = d.message.replace(/\s+/g, ' ').trim();
  return `- line ${d.line}, column ${d.column}, ${d.severity}${origin ? ` [${origin}]` : ''}: ${message}`;
}

/** Keeps diagnostics (first ones first) within `maxChars`; returns the lines and how many were dropped. */
function fitDiagnostics(diags: readonly DiagnosticInfo[], maxChars: number): { lines: string[]; dropped: number } {
  const lines: string[] = [];
  let used = 0;
  for (const d of diags.slice(0, MAX_DIAGNOSTICS)) {
    const l = diagnosticLine(d);
    if (used + l.length + 1 > maxChars) break;
    lines.push(l);
    used += l.length + 1;
  }
  return { lines, dropped: diags.length - lines.length };
}

/** Splits `chars` between the context before and after the target; unused share goes to the other side. */
function fitContext(
  before: LineSpan | undefined,
  after: LineSpan | undefined,
  chars: number,
): { before?: LineSpan; after?: LineSpan; omitted: string[] } {
  const needBefore = before ? spanChars(before) : 0;
  const needAfter = after ? spanChars(after) : 0;
  const forBefore = Math.max(Math.floor(chars / 2), chars - needAfter);
  const cutBefore = before ? cutSpan(before, Math.min(needBefore, forBefore), 'tail') : undefined;
  const usedBefore = cutBefore ? spanChars(cutBefore.kept) : 0;
  const cutAfter = after ? cutSpan(after, Math.max(0, chars - usedBefore), 'head') : undefined;
  return {
    ...(cutBefore && cutBefore.kept.lines.length > 0 ? { before: cutBefore.kept } : {}),
    ...(cutAfter && cutAfter.kept.lines.length > 0 ? { after: cutAfter.kept } : {}),
    omitted: [
      ...(cutBefore ? describeOmitted(cutBefore, 'the context before') : []),
      ...(cutAfter ? describeOmitted(cutAfter, 'the context after') : []),
    ],
  };
}

/**
 * Renders the source block within `maxChars`. The target comes first in priority, then diagnostics,
 * then the context (lines nearest the target are kept). Whatever is cut is listed in the block itself,
 * so the model knows, and returned in `omitted`, so the user is told.
 */
export function fitSource(input: SourceInput, maxChars: number): FittedSource {
  const header = [
    `File: ${input.path}`,
    `Language: ${input.languageId}`,
    ...(input.notes ?? []).map((n) => `Note: ${n}`),
  ].join('\n');
  let room = Math.max(0, maxChars - header.length - 700); // headings, fences, the left-out note and the instruction
  const targetCut = cutSpan(input.target, room, 'head');
  const target = targetCut.kept;
  room -= spanChars(target);
  const targetOmitted = describeOmitted(targetCut, targetLabel(input, input.target).replace(/ \(.*\)$/, ''));
  const diags = fitDiagnostics(input.diagnostics, Math.max(0, Math.min(room, 4000)));
  room -= diags.lines.reduce((n, l) => n + l.length + 1, 0);
  const context = fitContext(input.before, input.after, Math.max(0, room));
  const omitted = [
    ...targetOmitted,
    ...context.omitted,
    ...(diags.dropped > 0 ? [`${diags.dropped} of ${input.diagnostics.length} diagnostics`] : []),
  ];
  const parts = [header];
  if (target.lines.length > 0)
    parts.push(codeBlock(`Code in focus: ${targetLabel(input, target)}:`, target, input.languageId));
  if (context.before)
    parts.push(
      codeBlock(
        `Context before it (${lineRange(context.before.startLine, endLine(context.before))}, for reference only):`,
        context.before,
        input.languageId,
      ),
    );
  if (context.after)
    parts.push(
      codeBlock(
        `Context after it (${lineRange(context.after.startLine, endLine(context.after))}, for reference only):`,
        context.after,
        input.languageId,
      ),
    );
  if (diags.lines.length > 0) parts.push(`Diagnostics in this range:\n${diags.lines.join('\n')}`);
  if (omitted.length > 0) parts.push(omittedNote(omitted));
  return { text: parts.join('\n\n'), target, omitted };
}

/** The sentence that tells the model what it is not seeing. */
export function omittedNote(omitted: readonly string[]): string {
  return (
    `Left out to fit the context window: ${omitted.join('; ')}. ` +
    `You have not seen that text: do not guess it, and say so if it matters.`
  );
}
