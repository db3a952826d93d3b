import type { CancelScope } from './cancel-scope.js';
import { hasCode } from './errors/resile-error.js';

/** How a settled call counts for a breaker or a throttle. */
export type CallOutcome = 'success' | 'failure' | 'cancelled';

/** True for `AbortError`s (by name, so DOMExceptions from any realm count). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * True for errors that mean the work was called off rather than that the dependency failed: an
 * `AbortError` (by name, from any realm), a passed deadline, or a lost hedge.
 */
export function isCancellation(error: unknown): boolean {
  return isAbortError(error) || hasCode(error, 'ERR_DEADLINE_EXCEEDED') || hasCode(error, 'ERR_HEDGE_LOST');
}

/**
 * Classifies a failed call. When its scope was aborted, the abort's reason decides: our own
 * attempt timeout is a failure (the dependency was too slow), any other abort (caller, deadline,
 * lost hedge) is a cancellation. Otherwise cancellations are recognised by `isCancellation` and
 * the rest is left to `isFailure` (a throwing `isFailure` counts the error as a failure).
 */
export function classifyFailure(
  error: unknown,
  scope: CancelScope | undefined,
  isFailure: ((error: unknown) => boolean) | undefined,
): CallOutcome {
  let cause = error;
  if (scope?.aborted === true) {
    if (!hasCode(scope.reason, 'ERR_TIMEOUT')) return 'cancelled';
    cause = scope.reason;
  } else if (isCancellation(error)) {
    return 'cancelled';
  }
  if (isFailure === undefined) return 'failure';
  try {
    return isFailure(cause) ? 'failure' : 'success';
  } catch {
    return 'failure';
  }
}
