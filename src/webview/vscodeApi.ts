import type { WebviewToHost } from '../common/protocol';

/** Where the reader was: a turn and the distance (px) from its top to the top of the view. */
export interface ScrollAnchor {
  turnId: string;
  offset: number;
}

/** Lightweight UI state kept by VS Code across reloads of the view. Never secrets, never history. */
export interface UiState {
  draft: string;
  /** Undefined when the reader was following the newest output. */
  scroll?: ScrollAnchor;
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
  const scroll = state.scroll as Partial<ScrollAnchor> | undefined;
  const valid = typeof scroll?.turnId === 'string' && typeof scroll.offset === 'number';
  return {
    draft: typeof state.draft === 'string' ? state.draft : '',
    scroll: valid ? { turnId: scroll.turnId as string, offset: scroll.offset as number } : undefined,
  };
}

let current: UiState | undefined;

/** Merges `patch` into the saved UI state. */
export function saveUiState(patch: Partial<UiState>): void {
  current = { ...(current ?? loadUiState()), ...patch };
  api.setState(current);
}
