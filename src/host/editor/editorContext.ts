import * as vscode from 'vscode';
import type { LineSpan } from '../../common/editor/budget';
import type { SourceInput, TargetKind } from '../../common/prompts/sourceContext';
import { diagnosticInfo } from '../diagnostics';

/** Lines of surrounding context read on each side when there is no enclosing symbol. */
const AROUND = 30;
/** Upper bound of context lines read on each side (the prompt budget cuts further). */
const MAX_CONTEXT_LINES = 600;
const FUNCTION_KINDS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);
const SYMBOL_TIMEOUT_MS = 3000;

/** The code a command works on: whole lines, what they are, and the enclosing symbol. */
export interface Target {
  range: vscode.Range;
  kind: TargetKind;
  symbol?: { name: string; kind: string; range: vscode.Range };
}

/** Why a document cannot be used by a command, or undefined when it can. */
export async function documentProblem(doc: vscode.TextDocument, need: 'read' | 'edit'): Promise<string | undefined> {
  if (need === 'edit' && doc.uri.scheme === 'vscode-notebook-cell')
    return 'AIO Coder cannot edit notebook cells yet. Copy the code into a file, or use Explain Selection.';
  if (doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0)).includes('\u0000'))
    return `${displayPath(doc)} looks like a binary file; AIO Coder works on text only.`;
  if (need === 'edit' && (await isReadOnly(doc)))
    return `${displayPath(doc)} is read-only; AIO Coder cannot propose changes to it.`;
  return undefined;
}

async function isReadOnly(doc: vscode.TextDocument): Promise<boolean> {
  if (doc.uri.scheme === 'untitled') return false;
  if (vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) !== true) return true;
  try {
    const stat = await vscode.workspace.fs.stat(doc.uri);
    return ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
  } catch {
    return false; // not on disk (deleted since it was opened): the edit itself will say if it fails
  }
}

/** Whole lines from `from` to `to` (0-based, inclusive). */
export function wholeLines(doc: vscode.TextDocument, from: number, to: number): vscode.Range {
  return new vscode.Range(from, 0, to, doc.lineAt(to).text.length);
}

/** The selection as whole lines (a selection ending at column 0 does not take that line). */
export function selectionLines(doc: vscode.TextDocument, sel: vscode.Selection | vscode.Range): vscode.Range {
  const last = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
  return wholeLines(doc, sel.start.line, last);
}

type SymbolNode = { name: string; kind: vscode.SymbolKind; range: vscode.Range; children: SymbolNode[] };

/** The innermost symbols containing `pos`, outermost first. Empty when no provider answers in time. */
async function symbolPath(doc: vscode.TextDocument, pos: vscode.Position): Promise<SymbolNode[]> {
  let result: unknown;
  try {
    result = await Promise.race([
      vscode.commands.executeCommand<unknown>('vscode.executeDocumentSymbolProvider', doc.uri),
      new Promise((r) => setTimeout(() => r(undefined), SYMBOL_TIMEOUT_MS)),
    ]);
  } catch {
    return []; // no symbol provider for this language: fall back to lines
  }
  const nodes: SymbolNode[] = Array.isArray(result)
    ? result.map((s: vscode.DocumentSymbol | vscode.SymbolInformation) =>
        'location' in s ? { name: s.name, kind: s.kind, range: s.location.range, children: [] } : s,
      )
    : [];
  const path: SymbolNode[] = [];
  for (let level = nodes; ;) {
    const hit = level.find((s) => s.range.contains(pos));
    if (!hit) return path;
    path.push(hit);
    level = hit.children ?? [];
  }
}

const kindName = (k: vscode.SymbolKind): string => (vscode.SymbolKind[k] ?? 'symbol').toLowerCase();

/** The innermost symbol (of any kind) containing `pos`, if a symbol provider knows one. */
export async function enclosingSymbol(doc: vscode.TextDocument, pos: vscode.Position): Promise<Target['symbol']> {
  const innermost = (await symbolPath(doc, pos)).pop();
  return innermost ? { name: innermost.name, kind: kindName(innermost.kind), range: innermost.range } : undefined;
}

/**
 * What to work on: the selection; with none, the enclosing function (from the document symbol
 * provider) when `fallback` allows it, else the current line.
 */
export async function resolveTarget(editor: vscode.TextEditor, fallback: 'function' | 'line'): Promise<Target> {
  const doc = editor.document;
  const sel = editor.selection;
  const path = await symbolPath(doc, sel.active);
  const innermost = path[path.length - 1];
  const symbol = innermost
    ? { name: innermost.name, kind: kindName(innermost.kind), range: innermost.range }
    : undefined;
  if (!sel.isEmpty) return { range: selectionLines(doc, sel), kind: 'selection', ...(symbol ? { symbol } : {}) };
  const fn = fallback === 'function' ? [...path].reverse().find((s) => FUNCTION_KINDS.has(s.kind)) : undefined;
  if (fn)
    return {
      range: wholeLines(doc, fn.range.start.line, fn.range.end.line),
      kind: 'function',
      symbol: { name: fn.name, kind: kindName(fn.kind), range: fn.range },
    };
  return { range: wholeLines(doc, sel.active.line, sel.active.line), kind: 'line', ...(symbol ? { symbol } : {}) };
}

/** Lines `from`..`to` (0-based, inclusive) as a span; empty when from > to. */
export function span(doc: vscode.TextDocument, from: number, to: number): LineSpan {
  const lines: string[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, doc.lineCount - 1); i++) lines.push(doc.lineAt(i).text);
  return { startLine: Math.max(0, from) + 1, lines };
}

/** Diagnostics of the document that touch `range`, errors first. */
export function diagnosticsIn(doc: vscode.TextDocument, range: vscode.Range): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.range.intersection(range) !== undefined)
    .sort((a, b) => a.severity - b.severity);
}

/** The document's name for prompts: workspace-relative path, or the untitled name. */
export function displayPath(doc: vscode.TextDocument): string {
  return doc.isUntitled
    ? (doc.uri.path.split('/').pop() ?? 'Untitled')
    : vscode.workspace.asRelativePath(doc.uri, false);
}

function notes(doc: vscode.TextDocument): string[] {
  if (doc.isUntitled) return ['The document is untitled (not saved yet).'];
  if (doc.isDirty) return ["The file has unsaved changes; the code shown is the editor's current text."];
  return [];
}

/** Builds the prompt input for `target`: the code, the rest of the enclosing symbol (or lines around), diagnostics. */
export function sourceInput(
  doc: vscode.TextDocument,
  target: Target,
  extraDiagnostics: readonly vscode.Diagnostic[] = [],
): SourceInput {
  const first = target.range.start.line;
  const last = target.range.end.line;
  const sym = target.symbol?.range;
  const useSymbol = sym !== undefined && target.kind !== 'function' && (sym.start.line < first || sym.end.line > last);
  const from = Math.max(first - MAX_CONTEXT_LINES, useSymbol ? sym.start.line : first - AROUND);
  const to = Math.min(last + MAX_CONTEXT_LINES, useSymbol ? sym.end.line : last + AROUND);
  const key = (d: vscode.Diagnostic): string => `${d.range.start.line}:${d.range.start.character}:${d.message}`;
  const extra = new Set(extraDiagnostics.map(key));
  const diags = [...extraDiagnostics, ...diagnosticsIn(doc, target.range).filter((d) => !extra.has(key(d)))];
  return {
    path: displayPath(doc),
    languageId: doc.languageId,
    target: span(doc, first, last),
    targetKind: target.kind,
    ...(target.symbol ? { symbol: { name: target.symbol.name, kind: target.symbol.kind } } : {}),
    before: span(doc, from, first - 1),
    after: span(doc, last + 1, to),
    diagnostics: diags.map(diagnosticInfo),
    notes: notes(doc),
  };
}

/** The range of whole lines a (possibly cut) target span covers in the document. */
export function spanRange(doc: vscode.TextDocument, s: LineSpan): vscode.Range {
  return wholeLines(doc, s.startLine - 1, s.startLine - 1 + Math.max(0, s.lines.length - 1));
}
