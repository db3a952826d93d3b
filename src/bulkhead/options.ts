import { checkNonNegativeInteger, checkOptionsObject, checkPositiveDuration, checkPositiveInteger, rangeError } from '../core/validate.js';
import { normalizeBlock, type BlockOptions, type NormalizedBlock } from '../policy/block-options.js';

/** Options of {@link Bulkhead}. */
export interface BulkheadOptions extends BlockOptions {
  /** Calls that may wait (FIFO) for a slot when all are busy; 0 rejects at once. @defaultValue 0 */
  queue?: number;
  /**
   * Longest wait in the queue, in ms; a call that waited this long fails with
   * `BulkheadFullError`. @defaultValue no limit (the call's signal and deadline still apply)
   */
  queueTimeout?: number;
}

/** Validated bulkhead settings. */
export interface NormalizedBulkhead extends NormalizedBlock {
  readonly capacity: number;
  readonly queue: number;
  readonly queueTimeout: number | undefined;
}

/** Validates `Bulkhead(capacity, options)`. */
export function normalizeBulkhead(capacity: unknown, options: unknown): NormalizedBulkhead {
  const owner = 'Bulkhead';
  const o = checkOptionsObject<BulkheadOptions>(owner, options);
  const cap = checkPositiveInteger(owner, 'capacity', capacity);
  const queue = o.queue === undefined ? 0 : checkNonNegativeInteger(owner, 'queue', o.queue);
  const queueTimeout = o.queueTimeout === undefined ? undefined : checkPositiveDuration(owner, 'queueTimeout', o.queueTimeout);
  // A timeout on a queue that never holds anyone is a configuration mistake, not a no-op.
  if (queueTimeout !== undefined && queue === 0) rangeError(owner, 'queue', 'a positive integer when queueTimeout is set', queue);
  return { ...normalizeBlock(owner, o), capacity: cap, queue, queueTimeout };
}
