// A fixed concurrency cap that fails fast: the classic static bulkhead with no queue. Local to the
// lab so the adaptive-concurrency baselines do not wait for resile's Bulkhead block.
import { BulkheadFullError } from '../../../src/core/errors/bulkhead-full-error.js';

/** Admits at most `limit` calls at once; the next one is rejected with `BulkheadFullError`. */
export class StaticCap {
  private running = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`StaticCap: limit must be a positive integer (got ${String(limit)})`);
  }

  /** Calls admitted and not finished. */
  get inFlight(): number {
    return this.running;
  }

  /** Runs `fn` if a slot is free, else rejects at once. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) throw new BulkheadFullError('static cap is full', { source: 'static-cap' });
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
    }
  }
}
