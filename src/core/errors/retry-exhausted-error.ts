import { defineErrorClass } from './resile-error.js';

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Thrown when two or more attempts failed and no attempt is left. Extends the built-in
 * `AggregateError`: `errors` holds every attempt's error in attempt order, `cause` is the last.
 * `instanceof ResileError` also holds (by its stable code).
 */
export class RetryExhaustedError extends AggregateError {
  declare readonly code: 'ERR_RETRY_EXHAUSTED';
  /** How many attempts were made. */
  readonly attempts: number;

  constructor(errors: readonly unknown[], attempts: number) {
    super(
      errors,
      `all ${String(attempts)} attempts failed; last error: ${describe(errors[errors.length - 1])}`,
      { cause: errors[errors.length - 1] },
    );
    this.attempts = attempts;
  }
}
defineErrorClass(RetryExhaustedError, 'RetryExhaustedError', 'ERR_RETRY_EXHAUSTED');
