import { ResileError, defineErrorClass, type ResileErrorOptions } from './resile-error.js';

/** The default error injected by chaos testing. */
export class ChaosError extends ResileError {
  declare readonly code: 'ERR_CHAOS';

  constructor(message = 'chaos: injected failure', options?: ResileErrorOptions) {
    super(message, options);
  }
}
defineErrorClass(ChaosError, 'ChaosError', 'ERR_CHAOS');
