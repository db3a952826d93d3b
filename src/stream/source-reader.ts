import { describeValue } from '../core/validate.js';
import type { StreamSource } from './options.js';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function open<T>(source: StreamSource<T>): AsyncIterator<T> {
  const s = source as Partial<AsyncIterable<T>> & Iterable<T>;
  const asyncOpen = s[Symbol.asyncIterator];
  return typeof asyncOpen === 'function' ? asyncOpen.call(s) : fromSync(s[Symbol.iterator]());
}

// Like `for await` over a plain iterable: promise values are awaited.
function fromSync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return {
    next: async () => {
      const result = iterator.next();
      return result.done === true ? result : { done: false, value: await result.value };
    },
    return: () => Promise.resolve(iterator.return?.() ?? DONE),
  };
}

/**
 * A stage's one handle on its source. It reads one item at a time, opens the source on the
 * first read, and releases it exactly once: `close()` calls the source's `return()` unless the
 * source already finished. When `signal` aborts, a pending read rejects with the signal's reason
 * at once and the source is released; every later read rejects the same way.
 */
export class SourceReader<T> {
  private iterator: AsyncIterator<T> | undefined;
  private finished = false;
  private rejectPending: ((reason: unknown) => void) | undefined;
  private readonly onAbort: () => void;

  constructor(
    private readonly source: StreamSource<T>,
    private readonly signal: AbortSignal | undefined,
  ) {
    // The abort listener is added when the source is opened, so a stage that is never iterated
    // leaves nothing behind on a long-lived signal.
    this.onAbort = () => {
      const reject = this.rejectPending;
      this.rejectPending = undefined;
      this.close().then(undefined, ignore);
      reject?.(signal?.reason);
    };
  }

  /** Reads the next item; only one read may be pending at a time. */
  read(): Promise<IteratorResult<T>> {
    if (this.signal?.aborted === true) {
      this.close().then(undefined, ignore);
      return Promise.reject(this.signal.reason as unknown);
    }
    if (this.finished) return Promise.resolve(DONE);
    let next: Promise<IteratorResult<T>>;
    try {
      if (this.iterator === undefined) {
        this.iterator = open(this.source);
        this.signal?.addEventListener('abort', this.onAbort);
      }
      next = Promise.resolve(this.iterator.next());
    } catch (error) {
      this.finish();
      return Promise.reject(error);
    }
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.rejectPending = reject;
      next.then(
        (result) => {
          // Abandoned by an abort: the stage has already moved on.
          if (this.rejectPending !== reject) return;
          this.rejectPending = undefined;
          if (typeof result !== 'object' || (result as IteratorResult<T> | null) === null) {
            this.finish();
            reject(new TypeError(`source: next() must return an iterator result object (got ${describeValue(result)})`));
            return;
          }
          if (result.done === true) this.finish();
          resolve(result);
        },
        (error: unknown) => {
          if (this.rejectPending !== reject) return;
          this.rejectPending = undefined;
          this.finish();
          reject(error);
        },
      );
    });
  }

  /**
   * Releases the source: calls its `return()` unless it finished on its own. Resolves when the
   * source has cleaned up, except while a read is pending: an async generator would only run
   * its `return()` after that read, which may never come, so then it does not wait.
   */
  close(): Promise<void> {
    if (this.finished) return Promise.resolve();
    const iterator = this.iterator;
    const pending = this.rejectPending !== undefined;
    this.finish();
    if (iterator?.return === undefined) return Promise.resolve();
    let done: Promise<unknown>;
    try {
      done = Promise.resolve(iterator.return());
    } catch (error) {
      done = Promise.reject(error);
    }
    if (!pending) return done.then(ignore);
    done.then(undefined, ignore);
    return Promise.resolve();
  }

  private finish(): void {
    this.finished = true;
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

function ignore(): void {
  // Cleanup of a source we no longer read from has nobody left to report to.
}
