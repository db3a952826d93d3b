import { isResileError } from '../core/errors/resile-error.js';
import { findErrorWhere } from '../core/errors/find-error.js';

/** True for cancellation errors thrown by the action itself (`AbortError`, by name). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** True for resile errors with the given code. */
export function hasCode(error: unknown, code: string): boolean {
  return isResileError(error) && error.code === code;
}

/** A server's wait hint: the first finite, non-negative numeric `retryAfter` in the cause chain. */
export function retryAfterHint(error: unknown): number | undefined {
  const found = findErrorWhere(error, (e) => {
    const hint = typeof e === 'object' ? (e as { retryAfter?: unknown }).retryAfter : undefined;
    return typeof hint === 'number' && hint >= 0 && Number.isFinite(hint);
  });
  return found === undefined ? undefined : (found as { retryAfter: number }).retryAfter;
}

/** True when the error (or one in its cause chain) carries `cancelAllRetries: true`. */
export function cancelsAllRetries(error: unknown): boolean {
  return (
    findErrorWhere(
      error,
      (e) => typeof e === 'object' && (e as { cancelAllRetries?: unknown }).cancelAllRetries === true,
    ) !== undefined
  );
}
