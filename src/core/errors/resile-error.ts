/** Brand shared by every copy of resile (Symbol.for), so checks work across duplicated installs. */
export const RESILE_ERROR_BRAND: unique symbol = Symbol.for('resile.error') as never;

/** Stable codes of every error resile throws. */
export type ResileErrorCode =
  | 'ERR_BULKHEAD_FULL'
  | 'ERR_SHED_LOAD'
  | 'ERR_RATE_LIMIT_EXCEEDED'
  | 'ERR_CIRCUIT_OPEN'
  | 'ERR_TIMEOUT'
  | 'ERR_DEADLINE_EXCEEDED'
  | 'ERR_RETRY_EXHAUSTED'
  | 'ERR_RETRY_AFTER'
  | 'ERR_HEDGE_LOST'
  | 'ERR_CHAOS'
  | 'ERR_STORE_UNAVAILABLE'
  | 'ERR_HTTP_STATUS';

/** Options shared by resile's error constructors. */
export interface ResileErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** Milliseconds after which trying again makes sense, when known. */
  retryAfter?: number;
  /** Name of the strategy or block that produced the error (its telemetry label). */
  source?: string;
}

/** True when `value` is an error thrown by any copy of resile. */
export function isResileError(value: unknown): value is ResileError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<PropertyKey, unknown>)[RESILE_ERROR_BRAND] === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** True for resile errors with the given code. */
export function hasCode(error: unknown, code: ResileErrorCode): boolean {
  return isResileError(error) && error.code === code;
}

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/**
 * Base class of every resile error. `instanceof` is answered by the stable `code`, so it also
 * holds for errors created by another copy of the library and for `RetryExhaustedError`, which
 * extends the built-in `AggregateError`.
 */
export abstract class ResileError extends Error {
  /** Stable machine-readable code, e.g. `ERR_CIRCUIT_OPEN`. */
  abstract readonly code: ResileErrorCode;
  /** Milliseconds after which trying again makes sense, when known. */
  readonly retryAfter?: number;
  /** Name of the strategy or block that produced the error. */
  readonly source?: string;

  constructor(message: string, options: ResileErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.source !== undefined) this.source = options.source;
  }

  static override [Symbol.hasInstance](this: unknown, value: unknown): boolean {
    if (ordinaryHasInstance.call(this, value)) return true;
    if (!isResileError(value)) return false;
    if (this === ResileError) return true;
    const code = (this as { prototype?: { code?: unknown } }).prototype?.code;
    return typeof code === 'string' && value.code === code;
  }
}

/** Installs `code`, `name` and the brand on a resile error class's prototype. */
export function defineErrorClass(ctor: { prototype: object }, name: string, code: ResileErrorCode): void {
  // Set on the prototype (not per instance) and by literal name, so minifiers cannot change it.
  Object.defineProperties(ctor.prototype, {
    code: { value: code, enumerable: false, writable: false, configurable: true },
    name: { value: name, enumerable: false, writable: true, configurable: true },
    [RESILE_ERROR_BRAND]: { value: true, enumerable: false, writable: false, configurable: true },
  });
}
