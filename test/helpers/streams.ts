import type { VirtualClock } from '../../src/testing/index.js';
import { linkSignal, type LinkedSignal } from '../../src/core/signal.js';
import { delay } from './clock.js';

/** Options of {@link trackedSource}. */
export interface TrackedSourceOptions {
  /** Virtual time each item takes to arrive (0: at once). */
  clock?: VirtualClock;
  delayMs?: number | ((index: number) => number);
  /** Cancels the wait for the next item (a cooperative live feed). */
  signal?: AbortSignal;
  /** Throw this error instead of producing item number `failAt`. */
  failAt?: number;
  error?: Error;
}

/**
 * A source that records how it is used: items handed out (`pulled`), `return()` calls and
 * whether a `next()` is in flight. `items` may be a count (an endless feed when Infinity).
 */
export class TrackedSource<T = number> implements AsyncIterable<T>, AsyncIterator<T> {
  pulled = 0;
  returns = 0;
  pending = false;
  private wait: LinkedSignal | undefined;
  /** Called (synchronously) right after each item is handed out. */
  onPull: ((item: T) => void) | undefined;

  constructor(
    private readonly items: readonly T[] | number,
    private readonly o: TrackedSourceOptions = {},
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.returns > 0) return { done: true, value: undefined };
    const index = this.pulled;
    const total = typeof this.items === 'number' ? this.items : this.items.length;
    this.pending = true;
    try {
      const ms = typeof this.o.delayMs === 'function' ? this.o.delayMs(index) : (this.o.delayMs ?? 0);
      if (this.o.clock !== undefined && ms > 0) {
        // `return()` cuts a pending wait short, as a well-behaved live feed does.
        this.wait = linkSignal(this.o.signal);
        await delay(this.o.clock, ms, this.wait.signal).catch(() => undefined);
        this.wait.dispose();
      }
    } finally {
      this.pending = false;
      this.wait = undefined;
    }
    if (this.returns > 0 || index >= total) return { done: true, value: undefined };
    if (index === this.o.failAt) return Promise.reject(this.o.error ?? new Error(`item ${String(index)} failed`));
    const item = (typeof this.items === 'number' ? index : this.items[index]) as T;
    this.pulled++;
    this.onPull?.(item);
    return { done: false, value: item };
  }

  async return(): Promise<IteratorResult<T>> {
    this.returns++;
    this.wait?.abort();
    return { done: true, value: undefined };
  }
}

/** Shorthand for a tracked source of `0..count-1`. */
export function numbers(count: number, o?: TrackedSourceOptions): TrackedSource {
  return new TrackedSource<number>(count, o);
}

/** Collects up to `limit` items of `iterable`, waiting `consumerDelay` of virtual time after each. */
export async function consume<T>(
  iterable: AsyncIterable<T>,
  options: { clock?: VirtualClock; delayMs?: (index: number) => number; limit?: number | undefined; onItem?: (item: T) => void } = {},
): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    options.onItem?.(item);
    if (out.length === options.limit) break;
    const ms = options.delayMs?.(out.length - 1) ?? 0;
    if (options.clock !== undefined && ms > 0) await delay(options.clock, ms);
  }
  return out;
}
