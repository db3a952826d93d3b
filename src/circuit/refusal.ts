import { CircuitOpenError } from '../core/errors/circuit-open-error.js';
import type { ResileErrorOptions } from '../core/errors/resile-error.js';
import type { Admission } from './transitions.js';

/** The error a breaker named `name` throws for a refused call. */
export function refusal(name: string | undefined, admission: Admission & { allowed: false }): CircuitOpenError {
  const label = name === undefined ? 'circuit' : `circuit "${name}"`;
  const why =
    admission.reason === 'open'
      ? `is open (next probe in ${String(admission.retryAfter)} ms)`
      : admission.reason === 'isolated'
        ? 'is isolated'
        : 'is half-open and its probes are in flight';
  const options: ResileErrorOptions = {};
  if (name !== undefined) options.source = name;
  if (admission.retryAfter !== undefined) options.retryAfter = admission.retryAfter;
  return new CircuitOpenError(`${label} ${why}`, options);
}
