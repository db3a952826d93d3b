import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown when a call's deadline passed, or too little of it remained to start another attempt. */
export class DeadlineExceededError extends ResileError {
  declare readonly code: 'ERR_DEADLINE_EXCEEDED';
  /** The deadline (epoch ms), when known. */
  readonly deadline: number | undefined;

  constructor(deadline?: number, options?: ResileErrorOptions & { message?: string }) {
    super(options?.message ?? 'deadline exceeded', options);
    this.deadline = deadline;
  }
}
defineErrorClass(DeadlineExceededError, 'DeadlineExceededError', 'ERR_DEADLINE_EXCEEDED');
