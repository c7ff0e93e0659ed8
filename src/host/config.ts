import * as vscode from 'vscode';
import { isReasoningEffort, type ReasoningEffort } from '../common/protocol';
import { DEFAULT_DENY_GLOBS } from '../common/tools/denyGlobs';

/** The settings section; the only place it is spelled. */
export const SECTION = 'aioCoder';

/** Defaults, mirrored in package.json `contributes.configuration` (a test checks they agree). */
export const DEFAULTS = {
  baseUrl: 'https://apiin.one/api/v1',
  model: 'gemini',
  stream: true,
  includeThoughts: true,
  reasoningEffort: 'high' as ReasoningEffort,
  requestTimeoutSeconds: 120,
  maxRetries: 2,
  toolsEnabled: true,
  toolsMaxRounds: 8,
  contextWindowTokens: 128000,
  instructionsEnabled: true,
  recordResponses: false,
  agentAutoApproveEdits: false,
  toolsDenyGlobs: DEFAULT_DENY_GLOBS,
} as const;

/** Every `aioCoder.*` setting, typed and clamped. */
export interface Settings {
  baseUrl: string;
  model: string;
  stream: boolean;
  includeThoughts: boolean;
  reasoningEffort: ReasoningEffort;
  requestTimeoutSeconds: number;
  maxRetries: number;
  toolsEnabled: boolean;
  toolsMaxRounds: number;
  contextWindowTokens: number;
  /** Send the workspace's project instruction files (AGENTS.md…) with every request. */
  instructionsEnabled: boolean;
  recordResponses: boolean;
  /** Globs (workspace-relative) of files tools read only after an explicit Allow once. */
  toolsDenyGlobs: string[];
  /** Agent mode applies edits and new files without review (never deletes or renames). User settings only. */
  agentAutoApproveEdits: boolean;
}

const clamp = (n: number, lo: number, hi: number, fallback: number): number =>
  Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback;

const stringList = (v: unknown, fallback: readonly string[]): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim())
    : [...fallback];

/** Reads all settings at once (cheap: call it per request, never cache across requests). */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const effort = c.get<string>('reasoningEffort', DEFAULTS.reasoningEffort);
  return {
    baseUrl: c.get<string>('baseUrl', DEFAULTS.baseUrl).trim().replace(/\/+$/, '') || DEFAULTS.baseUrl,
    model: c.get<string>('model', DEFAULTS.model).trim() || DEFAULTS.model,
    stream: c.get<boolean>('stream', DEFAULTS.stream),
    includeThoughts: c.get<boolean>('includeThoughts', DEFAULTS.includeThoughts),
    reasoningEffort: isReasoningEffort(effort) ? effort : DEFAULTS.reasoningEffort,
    requestTimeoutSeconds: clamp(
      c.get<number>('requestTimeoutSeconds', DEFAULTS.requestTimeoutSeconds),
      5,
      3600,
      DEFAULTS.requestTimeoutSeconds,
    ),
    maxRetries: Math.round(clamp(c.get<number>('maxRetries', DEFAULTS.maxRetries), 0, 5, DEFAULTS.maxRetries)),
    toolsEnabled: c.get<boolean>('tools.enabled', DEFAULTS.toolsEnabled),
    toolsMaxRounds: Math.round(
      clamp(c.get<number>('tools.maxRounds', DEFAULTS.toolsMaxRounds), 1, 32, DEFAULTS.toolsMaxRounds),
    ),
    contextWindowTokens: Math.round(
      clamp(
        c.get<number>('contextWindowTokens', DEFAULTS.contextWindowTokens),
        4000,
        2_000_000,
        DEFAULTS.contextWindowTokens,
      ),
    ),
    instructionsEnabled: c.get<boolean>('instructions.enabled', DEFAULTS.instructionsEnabled),
    recordResponses: c.get<boolean>('debug.recordResponses', DEFAULTS.recordResponses),
    toolsDenyGlobs: stringList(c.get<unknown>('tools.denyGlobs'), DEFAULTS.toolsDenyGlobs),
    agentAutoApproveEdits: c.get<boolean>('agent.autoApproveEdits', DEFAULTS.agentAutoApproveEdits) === true,
  };
}

/** Fires `listener` when any `aioCoder.*` setting changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) listener();
  });
}
