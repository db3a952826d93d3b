import type { AttemptContext, ExecutionContext } from '../core/context.js';
import { isFatal, unwrapFatal } from '../core/errors/fatal.js';
import type { AttemptOutcome, GiveUpReason } from '../core/telemetry/events.js';
import { hasCode } from '../core/errors/resile-error.js';
import { isAbortError } from '../core/outcome.js';
import { cancellationReason, cancelsAllRetries, retryAfterHint } from './classify.js';
import type { Backoff } from './backoff.js';
import type { NormalizedRetry } from './options.js';

/** What to do with a failed attempt. */
export type Verdict = { readonly retry: true } | { readonly retry: false; readonly error: unknown; readonly reason: GiveUpReason };

const RETRY: Verdict = Object.freeze({ retry: true });

/**
 * Classifies a failed attempt. Cancellation of the call (caller abort, deadline) comes first:
 * nothing is retried after it. Then `fatal()`, an open circuit, `cancelAllRetries`, and the
 * action's own cancellations stop at once; finally `retryOn` and `retryIf` filter.
 */
export function classifyFailure(o: NormalizedRetry, call: ExecutionContext, attempt: AttemptContext, thrown: unknown): Verdict {
  const scope = call.scope;
  if (scope?.aborted === true) {
    return { retry: false, error: scope.reason, reason: cancellationReason(scope.reason) };
  }
  if (isFatal(thrown)) return { retry: false, error: unwrapFatal(thrown), reason: 'fatal' };
  if (hasCode(thrown, 'ERR_CIRCUIT_OPEN')) return { retry: false, error: thrown, reason: 'circuit-open' };
  if (hasCode(thrown, 'ERR_DEADLINE_EXCEEDED')) return { retry: false, error: thrown, reason: 'deadline' };
  if (isAbortError(thrown)) return { retry: false, error: thrown, reason: 'cancelled' };
  if (cancelsAllRetries(thrown)) return { retry: false, error: thrown, reason: 'cancel-all' };
  if (o.retryOn !== undefined && !o.retryOn.some((type) => thrown instanceof type)) {
    return { retry: false, error: thrown, reason: 'not-retryable' };
  }
  if (o.retryIf !== undefined && !o.retryIf(thrown, attempt)) return { retry: false, error: thrown, reason: 'not-retryable' };
  return RETRY;
}

/** How a failed attempt is reported in telemetry. */
export function attemptOutcome(call: ExecutionContext, error: unknown): AttemptOutcome {
  if (call.scope?.aborted === true) return 'cancelled';
  if (hasCode(error, 'ERR_TIMEOUT')) return 'timeout';
  if (hasCode(error, 'ERR_HEDGE_LOST')) return 'hedge-lost';
  return 'failure';
}

/**
 * The wait before the next attempt: a server hint (`retryAfter`) wins over the backoff and is
 * capped only by `maxRetryAfter`; computed delays are made finite and non-negative.
 */
export function nextDelay(o: NormalizedRetry, backoff: Backoff, attempt: number, error: unknown): { delay: number; serverHint: boolean } {
  const hint = error === undefined ? undefined : retryAfterHint(error);
  if (hint !== undefined) return { delay: Math.min(hint, o.maxRetryAfter), serverHint: true };
  const computed = backoff.delay(attempt, error);
  if (!(computed > 0)) return { delay: 0, serverHint: false };
  return { delay: computed === Infinity ? o.maxDelay : computed, serverHint: false };
}
