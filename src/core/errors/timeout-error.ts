import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown (and used as the abort reason) when an attempt or operation runs past its timeout. */
export class TimeoutError extends ResileError {
  declare readonly code: 'ERR_TIMEOUT';
  /** The timeout that expired, in milliseconds. */
  readonly timeout: number;

  constructor(timeout: number, options?: ResileErrorOptions & { message?: string }) {
    super(options?.message ?? `operation timed out after ${String(timeout)} ms`, options);
    this.timeout = timeout;
  }
}
defineErrorClass(TimeoutError, 'TimeoutError', 'ERR_TIMEOUT');
