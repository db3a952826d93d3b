import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown when a bulkhead has no free slot and no room in its queue. */
export class BulkheadFullError extends ResileError {
  declare readonly code: 'ERR_BULKHEAD_FULL';

  constructor(message = 'bulkhead is full', options?: ResileErrorOptions) {
    super(message, options);
  }
}
defineErrorClass(BulkheadFullError, 'BulkheadFullError', 'ERR_BULKHEAD_FULL');
