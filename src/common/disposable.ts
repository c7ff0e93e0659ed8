/** Something that releases resources; safe to call more than once. */
export interface IDisposable {
  dispose(): void;
}

/** Owns a set of disposables and disposes them all once. */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  /** Adds `d`; if the store is already disposed, disposes `d` at once. */
  add<T extends IDisposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.add(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const d of this.items) {
      try {
        d.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    this.items.clear();
    if (errors.length > 0) throw new AggregateError(errors, 'dispose failed');
  }
}

/** Base class whose `_register()`ed children are disposed with it. */
export abstract class Disposable implements IDisposable {
  private readonly disposables = new DisposableStore();

  protected _register<T extends IDisposable>(d: T): T {
    return this.disposables.add(d);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
