import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** Thrown when a call is shed to protect capacity (priority shedding, adaptive limits, adaptive throttling). */
export class ShedLoadError extends ResileError {
  declare readonly code: 'ERR_SHED_LOAD';

  constructor(message = 'load shed', options?: ResileErrorOptions) {
    super(message, options);
  }
}
defineErrorClass(ShedLoadError, 'ShedLoadError', 'ERR_SHED_LOAD');
