/** Something that releases resources; safe to call more than once. */
export interface IDisposable {
  dispose(): void;
}

/**
 * Base class of the host's long-lived owners (the chat view provider, the chat service). It owns no
 * children: each subclass releases what it holds in its own `dispose()`.
 */
export abstract class Disposable implements IDisposable {
  dispose(): void {
    // Nothing of its own to release.
  }
}
