import { systemClock, type Clock } from '../../../core/clock.js';
import { checkFunction, checkOptionsObject, checkPositiveDuration, rangeError, typeError } from '../../../core/validate.js';
import { checkClock } from '../../../policy/call-options.js';

/** The three probes of a service: is it alive, ready for traffic, done starting. */
export type HealthKind = 'liveness' | 'readiness' | 'startup';

/** What a check function receives: a signal that aborts when the check timed out. */
export interface HealthCheckContext {
  readonly signal: AbortSignal;
}

/** A check: resolves (any value) when healthy, throws or rejects when not. */
export type HealthCheckFn = (ctx: HealthCheckContext) => unknown;

/** A check defined by a function. */
export interface HealthCheckOptions {
  /** Unique name within its kind; the key of its result. */
  name: string;
  check: HealthCheckFn;
  /** How long the check may take, in ms. @defaultValue the registry's timeout (1000) */
  timeout?: number;
  /** When false the check is reported but does not make the probe fail. @defaultValue true */
  required?: boolean;
}

/** Anything with a circuit breaker's `state` (such as `CircuitBreaker`). */
export interface BreakerLike {
  readonly state: string;
}

/** A check that fails while a circuit breaker is open or isolated. */
export interface BreakerCheckOptions {
  /** Unique name within its kind; the key of its result. */
  name: string;
  breaker: BreakerLike;
  /** When false the breaker is reported but does not make the probe fail. @defaultValue true */
  required?: boolean;
}

/** Options of `HealthRegistry`. */
export interface HealthRegistryOptions {
  /** Default timeout of every check, in ms. @defaultValue 1000 */
  timeout?: number;
  /** Time source for timeouts and durations. @defaultValue the system clock */
  clock?: Clock;
}

/** A validated check. */
export type NormalizedCheck =
  | { readonly name: string; readonly required: boolean; readonly check: HealthCheckFn; readonly timeout: number }
  | { readonly name: string; readonly required: boolean; readonly breaker: BreakerLike };

/** The kinds, in the order reports list them. */
export const HEALTH_KINDS: readonly HealthKind[] = ['liveness', 'readiness', 'startup'];
const DEFAULT_TIMEOUT = 1000;

/** Validates the registry's own options. */
export function normalizeRegistryOptions(options: unknown): { readonly timeout: number; readonly clock: Clock } {
  const o = checkOptionsObject<HealthRegistryOptions>('HealthRegistry', options);
  return {
    timeout: o.timeout === undefined ? DEFAULT_TIMEOUT : checkPositiveDuration('HealthRegistry', 'timeout', o.timeout),
    clock: o.clock === undefined ? systemClock : checkClock('HealthRegistry', o.clock),
  };
}

/** Validates a `kind` argument. */
export function checkKind(owner: string, value: unknown): HealthKind {
  if (typeof value !== 'string') return typeError(owner, 'kind', `one of ${HEALTH_KINDS.join(', ')}`, value);
  if (!(HEALTH_KINDS as readonly string[]).includes(value)) rangeError(owner, 'kind', `one of ${HEALTH_KINDS.join(', ')}`, value);
  return value as HealthKind;
}

/** Validates a check definition for `owner` (e.g. `HealthRegistry.addReadiness`). */
export function normalizeCheck(owner: string, options: unknown, defaultTimeout: number, allowBreaker: boolean): NormalizedCheck {
  if (options === undefined) typeError(owner, 'options', 'an object', options);
  const o = checkOptionsObject<HealthCheckOptions & BreakerCheckOptions>(owner, options);
  if (typeof o.name !== 'string' || o.name.length === 0) typeError(owner, 'name', 'a non-empty string', o.name);
  if (o.required !== undefined && typeof o.required !== 'boolean') typeError(owner, 'required', 'a boolean', o.required);
  const required = o.required ?? true;
  if (o.breaker !== undefined) {
    // Liveness answers "should this process be restarted?": a dependency's outage never should.
    if (!allowBreaker) rangeError(owner, 'breaker', 'absent: liveness must not depend on other services', o.breaker);
    if (o.check !== undefined) rangeError(owner, 'check', 'absent when breaker is given', o.check);
    const b = o.breaker as BreakerLike | null;
    if (typeof b !== 'object' || b === null || typeof b.state !== 'string') typeError(owner, 'breaker', 'a circuit breaker (an object with a string state)', o.breaker);
    if (o.timeout !== undefined) rangeError(owner, 'timeout', 'absent for a breaker check (it does no I/O)', o.timeout);
    return { name: o.name, required, breaker: b };
  }
  return {
    name: o.name,
    required,
    check: checkFunction<HealthCheckFn>(owner, 'check', o.check),
    timeout: o.timeout === undefined ? defaultTimeout : checkPositiveDuration(owner, 'timeout', o.timeout),
  };
}
