// The fixed vocabulary every adapter speaks (docs/telemetry.md): event names, error fields and
// the bounded label values that metrics may carry. Pure functions; no package imports.
import type { EventBase } from '../../core/telemetry/events.js';
import type { InstrumenterHook } from '../../core/telemetry/instrumenter.js';

/** The `resile.event` name of each hook: the hook's name without `on`, in snake case. */
export const EVENT_NAMES = {
  onExecutionStart: 'execution_start',
  onExecutionEnd: 'execution_end',
  onAttempt: 'attempt',
  onAttemptEnd: 'attempt_end',
  onRetry: 'retry',
  onSuccess: 'success',
  onGiveUp: 'give_up',
  onHedge: 'hedge',
  onFallback: 'fallback',
  onDeadlineAbort: 'deadline_abort',
  onCircuitStateChange: 'circuit_state_change',
  onBulkheadFull: 'bulkhead_full',
  onBulkheadUsage: 'bulkhead_usage',
  onShedLoad: 'shed_load',
  onRateLimitExceeded: 'rate_limit_exceeded',
  onRetryThrottled: 'retry_throttled',
  onChaos: 'chaos',
  onLimitChange: 'limit_change',
  onHealthChange: 'health_change',
  onStoreUnavailable: 'store_unavailable',
  onStoreRecovered: 'store_recovered',
  onListenerError: 'listener_error',
} as const satisfies Record<InstrumenterHook, string>;

/** One of the documented event names. */
export type EventName = (typeof EVENT_NAMES)[InstrumenterHook];

/** Default execution duration histogram buckets, in seconds: 5 ms to 30 s. */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Label value for anything without a name. */
export const UNNAMED = 'unnamed';
/** Label value that replaces names past the cardinality cap, and unexpected strings. */
export const OTHER = 'other';

// Identifiers produced by code (error names, codes, states, reasons), never free text.
const IDENTIFIER = /^[A-Za-z_$][\w$.:-]{0,63}$/;

/** `error.type`: the error's `name` (e.g. `TimeoutError`), `typeof` for non-objects, else `_OTHER`. */
export function errorType(error: unknown): string {
  if (error === null) return 'null';
  if (typeof error !== 'object' && typeof error !== 'function') return typeof error;
  const name = read(error, 'name');
  return typeof name === 'string' && IDENTIFIER.test(name) ? name : '_OTHER';
}

/** `error.code`: a string or integer `code` that looks like an identifier (`ECONNRESET`, `ERR_TIMEOUT`). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = read(error, 'code');
  if (typeof code === 'number' && Number.isInteger(code)) return String(code);
  return typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : undefined;
}

/** `error.message`, cut to 1024 characters; `undefined` for values without one. */
export function errorMessage(error: unknown): string | undefined {
  const message = typeof error === 'object' && error !== null ? read(error, 'message') : typeof error === 'string' ? error : undefined;
  if (typeof message !== 'string') return undefined;
  return message.length > 1024 ? `${message.slice(0, 1024)}…` : message;
}

// A getter or proxy on a user error may throw; telemetry must still describe it.
function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** A code-produced string (state, reason) as a label value: itself if it is an identifier, else `other`. */
export function safeLabel(value: string | undefined): string {
  return value !== undefined && IDENTIFIER.test(value) ? value : OTHER;
}

/** The dependency an event is about: the producer's name, else its execution's name. */
export function dependencyOf(event: EventBase): string | undefined {
  return event.name ?? event.execution?.name;
}

/** Why an attempt ran: the first one, a retry after a failure, or a hedge next to running ones. */
export function attemptKind(attempt: number, hedge: boolean): 'first' | 'retry' | 'hedge' {
  if (attempt === 0) return 'first';
  return hedge ? 'hedge' : 'retry';
}

const CIRCUIT_STATES: Readonly<Record<string, number>> = { closed: 0, open: 1, 'half-open': 2, isolated: 3 };

/** Gauge value of a breaker state: closed 0, open 1, half-open 2, isolated 3; `undefined` if unknown. */
export function circuitStateValue(state: string): number | undefined {
  return Object.hasOwn(CIRCUIT_STATES, state) ? CIRCUIT_STATES[state] : undefined;
}
