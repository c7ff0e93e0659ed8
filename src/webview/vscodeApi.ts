import type { WebviewToHost } from '../common/protocol';

/** Lightweight UI state kept by VS Code across reloads of the view. Never secrets, never history. */
export interface UiState {
  draft: string;
  scrollTop: number;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per page.
const api = acquireVsCodeApi();

/** Posts a typed message to the extension host. */
export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

/** The UI state saved by a previous instance of this view (defaults when there is none). */
export function loadUiState(): UiState {
  const raw = api.getState();
  const state = typeof raw === 'object' && raw !== null ? (raw as Partial<Record<keyof UiState, unknown>>) : {};
  return {
    draft: typeof state.draft === 'string' ? state.draft : '',
    scrollTop: typeof state.scrollTop === 'number' ? state.scrollTop : 0,
  };
}

let current: UiState | undefined;

/** Merges `patch` into the saved UI state. */
export function saveUiState(patch: Partial<UiState>): void {
  current = { ...(current ?? loadUiState()), ...patch };
  api.setState(current);
}
