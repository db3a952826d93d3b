import type { ExecutionContext } from '../core/context.js';
import { DeadlineExceededError } from '../core/errors/deadline-exceeded-error.js';
import { checkDelay } from '../core/validate.js';
import type { Next, Strategy } from '../policy/strategy.js';

/** Default of `minDeadlineThreshold`: an attempt needs at least this many ms to be worth starting. */
export const DEFAULT_MIN_DEADLINE_THRESHOLD = 5;

/**
 * Refuses to start the work inside it when the deadline is too close: with less than
 * `minThreshold` ms left (or none at all) it fails with `DeadlineExceededError` without calling
 * anything, so a doomed attempt never loads the dependency.
 */
export class DeadlineStrategy implements Strategy {
  readonly kind = 'deadline';

  constructor(readonly minThreshold: number) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const deadline = ctx.deadline;
    if (deadline === undefined) return next(ctx);
    const remaining = deadline - ctx.clock.now();
    if (remaining > 0 && remaining >= this.minThreshold) return next(ctx);
    ctx.telemetry?.emit('onDeadlineAbort', {
      at: ctx.clock.now(),
      name: ctx.name,
      execution: ctx.execution,
      attempt: ctx.attempt,
      deadline,
      remainingMs: remaining,
      thresholdMs: this.minThreshold,
    });
    const message =
      remaining > 0
        ? `deadline exceeded: ${String(Math.round(remaining * 1000) / 1000)} ms left, below minDeadlineThreshold (${String(this.minThreshold)} ms)`
        : 'deadline exceeded';
    return Promise.reject(new DeadlineExceededError(deadline, { message, cause: ctx.lastError }));
  }
}

/** A strategy that fails fast when less than `minThreshold` ms (default 5) of the deadline remain. */
export function deadline(minThreshold: number = DEFAULT_MIN_DEADLINE_THRESHOLD): DeadlineStrategy {
  return new DeadlineStrategy(checkDelay('deadline', 'minThreshold', minThreshold));
}
