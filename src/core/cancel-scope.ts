type Callback = () => void;

/**
 * Internal cancellation token. It is far cheaper than an `AbortController`: the `AbortSignal`
 * handed to user code is only created when something reads `signal`, so a call whose action
 * never looks at its signal pays for no EventTarget at all.
 *
 * A scope aborts when its parent scope or a linked `AbortSignal` aborts, or when `abort()` is
 * called. `dispose()` unlinks it from its parent so finished work is never retained by a
 * long-lived caller signal.
 */
export class CancelScope {
  aborted = false;
  reason: unknown = undefined;
  private callbacks: Callback[] | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  private unlink: Callback | undefined = undefined;

  /** A scope that aborts with its parent (if any). */
  constructor(parent?: CancelScope) {
    if (parent === undefined) return;
    if (parent.aborted) {
      this.abort(parent.reason);
      return;
    }
    const onParentAbort = (): void => {
      this.abort(parent.reason);
    };
    parent.subscribe(onParentAbort);
    this.unlink = () => {
      parent.unsubscribe(onParentAbort);
    };
  }

  /** Aborts this scope when `signal` aborts, until the scope is disposed or aborted. */
  linkSignal(signal: AbortSignal): void {
    if (this.aborted) return;
    if (signal.aborted) {
      this.abort(signal.reason);
      return;
    }
    const onAbort = (): void => {
      this.abort(signal.reason);
    };
    signal.addEventListener('abort', onAbort);
    this.onDispose(() => {
      signal.removeEventListener('abort', onAbort);
    });
  }

  /** Runs `cleanup` when the scope is disposed or aborted (e.g. cancels a deadline timer). */
  onDispose(cleanup: Callback): void {
    if (this.aborted) {
      cleanup();
      return;
    }
    const previous = this.unlink;
    this.unlink =
      previous === undefined
        ? cleanup
        : () => {
            cleanup();
            previous();
          };
  }

  /** Registers `fn` to run once when the scope aborts. */
  subscribe(fn: Callback): void {
    (this.callbacks ??= []).push(fn);
  }

  /** Removes a callback registered with `subscribe`. */
  unsubscribe(fn: Callback): void {
    const list = this.callbacks;
    if (list === undefined) return;
    const i = list.lastIndexOf(fn);
    if (i === -1) return;
    if (i === list.length - 1) list.pop();
    else list.splice(i, 1);
  }

  /** Aborts the scope (once): callbacks run and a materialised signal aborts with `reason`. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.dispose();
    this.controller?.abort(reason);
    const list = this.callbacks;
    this.callbacks = undefined;
    if (list !== undefined) for (const fn of list) fn();
  }

  /** Stops listening to the parent scope and linked signals. */
  dispose(): void {
    const unlink = this.unlink;
    if (unlink === undefined) return;
    this.unlink = undefined;
    unlink();
  }

  /** The scope as a standard `AbortSignal`, created on first use. */
  get signal(): AbortSignal {
    let controller = this.controller;
    if (controller === undefined) {
      controller = new AbortController();
      this.controller = controller;
      if (this.aborted) controller.abort(this.reason);
    }
    return controller.signal;
  }
}
