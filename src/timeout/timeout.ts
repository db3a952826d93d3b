import { CancelScope } from '../core/cancel-scope.js';
import type { ExecutionContext } from '../core/context.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import { checkPositiveDuration } from '../core/validate.js';
import type { Next, Strategy } from '../policy/strategy.js';

/**
 * Bounds everything inside it to `ms`. On expiry the inner signal aborts with a `TimeoutError`
 * and the work inside is abandoned at once, even if it ignores its signal. Placed inside a retry
 * it is a per-attempt timeout (retryable); outside, a total budget.
 */
export class TimeoutStrategy implements Strategy {
  readonly kind = 'timeout';

  constructor(readonly ms: number) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const scope = new CancelScope(ctx.scope);
    if (scope.aborted) return Promise.reject(scope.reason);
    const ms = this.ms;
    const timer = ctx.clock.setTimer(ms, () => {
      scope.abort(new TimeoutError(ms));
    });
    const done = (): void => {
      timer.cancel();
      scope.dispose();
    };
    const work = next(ctx.withScope(scope));
    work.then(done, done);
    return work;
  }
}

/** A strategy that aborts the work inside it after `ms` milliseconds with a `TimeoutError`. */
export function timeout(ms: number): TimeoutStrategy {
  return new TimeoutStrategy(checkPositiveDuration('timeout', 'ms', ms));
}
