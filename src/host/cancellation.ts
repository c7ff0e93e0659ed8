import type * as vscode from 'vscode';

/** An AbortSignal that follows a CancellationToken, and the disposable that detaches it. */
export interface LinkedSignal {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Bridges a VS Code CancellationToken to an AbortSignal, so cancelling a progress notification (or
 * anything else that owns the token) aborts the request. Dispose it when the work ends.
 */
export function toAbortSignal(token: vscode.CancellationToken): LinkedSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
    return { signal: controller.signal, dispose: () => {} };
  }
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}
