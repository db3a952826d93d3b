import { hasCode } from '../core/errors/resile-error.js';
import { findErrorWhere } from '../core/errors/find-error.js';

/** Why a call's cancellation ends retrying: its deadline passed, or its caller gave up. */
export function cancellationReason(reason: unknown): 'deadline' | 'cancelled' {
  return hasCode(reason, 'ERR_DEADLINE_EXCEEDED') ? 'deadline' : 'cancelled';
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
