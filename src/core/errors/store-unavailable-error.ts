import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown when a shared state store cannot be reached and its policy denies the call. */
export class StoreUnavailableError extends ResileError {
  declare readonly code: 'ERR_STORE_UNAVAILABLE';

  constructor(message = 'state store unavailable', options?: ResileErrorOptions) {
    super(message, options);
  }
}
defineErrorClass(StoreUnavailableError, 'StoreUnavailableError', 'ERR_STORE_UNAVAILABLE');
