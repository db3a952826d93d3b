import { isThenable } from './thenable.js';

/**
 * A small listener set for per-object subscriptions (`onStateChange`, `onHealthChange`, ...).
 * Listeners run after the state they report is committed; a throwing listener never breaks the
 * caller: its error goes to `onError` (the owner reports it as a telemetry event).
 */
export class Listeners<E> {
  private list: ((event: E) => unknown)[] = [];

  constructor(private readonly onError: (error: unknown, event: E) => void) {}

  /** Adds `listener`; the returned function removes it. */
  add(listener: (event: E) => unknown): () => void {
    if (typeof listener !== 'function') {
      throw new TypeError(`listener must be a function (got ${typeof listener})`);
    }
    this.list = [...this.list, listener];
    return () => {
      this.list = this.list.filter((l) => l !== listener);
    };
  }

  /** True when at least one listener is registered. */
  get size(): number {
    return this.list.length;
  }

  /** Calls every listener with `event`, isolating failures (also async ones). */
  emit(event: E): void {
    // Iterate over a snapshot so listeners may subscribe/unsubscribe while being called.
    for (const listener of this.list) {
      try {
        const result: unknown = listener(event);
        if (isThenable(result)) {
          result.then(undefined, (error: unknown) => {
            this.onError(error, event);
          });
        }
      } catch (error) {
        this.onError(error, event);
      }
    }
  }
}
