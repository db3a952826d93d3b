import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown when a circuit breaker refuses a call; `retryAfter` is the time until the next probe. */
export class CircuitOpenError extends ResileError {
  declare readonly code: 'ERR_CIRCUIT_OPEN';

  constructor(message = 'circuit is open', options?: ResileErrorOptions) {
    super(message, options);
  }
}
defineErrorClass(CircuitOpenError, 'CircuitOpenError', 'ERR_CIRCUIT_OPEN');
