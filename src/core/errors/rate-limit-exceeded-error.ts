import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown when a rate limiter has no token for the call; `retryAfter` says when one will be. */
export class RateLimitExceededError extends ResileError {
  declare readonly code: 'ERR_RATE_LIMIT_EXCEEDED';

  constructor(message = 'rate limit exceeded', options?: ResileErrorOptions) {
    super(message, options);
  }
}
defineErrorClass(RateLimitExceededError, 'RateLimitExceededError', 'ERR_RATE_LIMIT_EXCEEDED');
