import * as vscode from 'vscode';
import type { DiagnosticInfo } from '../common/prompts/sourceContext';

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticInfo['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A diagnostic as plain data. */
export function diagnosticInfo(d: vscode.Diagnostic): DiagnosticInfo {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY[d.severity],
    message: d.message,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
  };
}
