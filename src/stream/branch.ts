/** How a fan-out's source ended. */
export type End = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

/** What a {@link Branch} needs from the fan-out it belongs to. */
export interface Hub<T> {
  /** How the source ended, once it has. */
  readonly end: End | undefined;
  /** Reads more if the branches allow it. */
  pump(): void;
  /** Removes a branch that stopped; resolves when the source is released (if it was the last). */
  leave(branch: Branch<T>): Promise<void>;
}

interface Waiter<T> {
  readonly resolve: (result: IteratorResult<T>) => void;
  readonly reject: (reason: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * One consumer of a fan-out: its queue of items not yet taken (bounded by the hub) and the
 * `next()` calls waiting for one. Iterable once; `return()` (a `break`) detaches it.
 */
export class Branch<T> implements AsyncIterableIterator<T> {
  private queue: T[] = [];
  private waiters: Waiter<T>[] = [];
  private closed = false;

  constructor(private readonly hub: Hub<T>) {}

  /** True while a `next()` call waits for an item. */
  get waiting(): boolean {
    return this.waiters.length > 0;
  }

  /** Items delivered to this branch and not yet taken by its consumer. */
  get buffered(): number {
    return this.queue.length;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.closed) return Promise.resolve(DONE);
    if (this.queue.length > 0) {
      const value = this.queue.shift() as T;
      this.hub.pump();
      return Promise.resolve({ done: false, value });
    }
    const end = this.hub.end;
    if (end !== undefined) return this.finish(end);
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.hub.pump();
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (this.closed) return Promise.resolve(DONE);
    this.close();
    return this.hub.leave(this).then(() => DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Hands an item to a waiting `next()`, or queues it. */
  offer(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter === undefined) this.queue.push(item);
    else waiter.resolve({ done: false, value: item });
  }

  /**
   * The source ended: a waiting call gets the end now, otherwise it comes once the queue is
   * drained. `drop` (an abort) discards the queue so the end comes at once.
   */
  settle(end: End, drop: boolean): void {
    if (drop) this.queue = [];
    if (this.waiters.length > 0) void this.finish(end);
  }

  // Like a generator: an error reaches one call (the first waiting one), then the branch is done.
  private finish(end: End): Promise<IteratorResult<T>> {
    const first = this.waiters.shift();
    this.close();
    this.hub.leave(this).then(undefined, ignore);
    const outcome = end.ok ? Promise.resolve(DONE) : Promise.reject(end.error);
    if (first === undefined) return outcome;
    outcome.then(first.resolve, first.reject);
    return Promise.resolve(DONE);
  }

  private close(): void {
    this.closed = true;
    this.queue = [];
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve(DONE);
  }
}

function ignore(): void {
  // The source's cleanup error has no consumer left to receive it.
}
