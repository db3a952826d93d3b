import type { CancelScope } from '../core/cancel-scope.js';

interface Waiter {
  readonly scope: CancelScope | undefined;
  readonly admit: () => void;
  readonly onAbort: () => void;
}

/**
 * Admits work one piece at a time, in arrival order. A waiter whose scope aborts leaves the
 * queue at once (its abort callback removed), so a cancelled event never blocks the ones behind
 * it and never waits for its turn just to fail.
 */
export class Mailbox {
  private busy = false;
  // A Set keeps insertion order and removes an aborted waiter in O(1).
  private readonly waiting = new Set<Waiter>();

  /** Entries waiting for their turn. */
  get size(): number {
    return this.waiting.size;
  }

  /** Takes the turn at once if nobody holds it (then call {@link leave} when done). */
  tryEnter(): boolean {
    if (this.busy) return false;
    this.busy = true;
    return true;
  }

  /**
   * Resolves when it is the caller's turn; the caller must then call {@link leave} when done.
   * Rejects with the scope's reason if the scope aborts first (and then must not call `leave`).
   */
  enter(scope: CancelScope | undefined): Promise<void> {
    if (scope?.aborted === true) return Promise.reject(scope.reason);
    if (this.tryEnter()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        scope,
        admit: resolve,
        onAbort: () => {
          this.waiting.delete(waiter);
          reject(scope?.reason);
        },
      };
      this.waiting.add(waiter);
      scope?.subscribe(waiter.onAbort);
    });
  }

  /** Ends the current turn and admits the next waiter, if any. */
  leave(): void {
    for (const next of this.waiting) {
      this.waiting.delete(next);
      next.scope?.unsubscribe(next.onAbort);
      next.admit();
      return;
    }
    this.busy = false;
  }
}
