import { ResileError, defineErrorClass } from './resile-error.js';

/** Options of {@link RetryAfterError}. */
export interface RetryAfterErrorOptions {
  /** The error the server hint came with. */
  cause?: unknown;
  /** When true, no further attempt is made: the call ends with this error at once. */
  cancelAllRetries?: boolean;
  /** Overrides the default message. */
  message?: string;
}

/**
 * Throw this from an action to tell the retry loop how long the server asked us to wait
 * (it replaces the computed backoff), or that no retry should happen at all.
 */
export class RetryAfterError extends ResileError {
  declare readonly code: 'ERR_RETRY_AFTER';
  declare readonly retryAfter: number;
  /** When true the retry loop stops at once. */
  readonly cancelAllRetries: boolean;

  constructor(ms: number, options: RetryAfterErrorOptions = {}) {
    if (typeof ms !== 'number') {
      throw new TypeError(`RetryAfterError: ms must be a number (got ${typeof ms})`);
    }
    if (!(ms >= 0)) {
      throw new RangeError(`RetryAfterError: ms must be a non-negative number (got ${String(ms)})`);
    }
    super(options.message ?? `retry after ${String(ms)} ms`, { cause: options.cause, retryAfter: ms });
    this.cancelAllRetries = options.cancelAllRetries === true;
  }
}
defineErrorClass(RetryAfterError, 'RetryAfterError', 'ERR_RETRY_AFTER');
