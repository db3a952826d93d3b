import { RetryExhaustedError } from '../core/errors/retry-exhausted-error.js';

/** The error thrown when attempts ran out: the error itself after one attempt, else an aggregate. */
export function exhaustedError(errors: readonly unknown[], attempts: number): unknown {
  if (attempts <= 1 && errors.length === 1) return errors[0];
  return new RetryExhaustedError(errors, attempts);
}
