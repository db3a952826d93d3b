import type { ExecutionContext } from '../core/context.js';
import { checkOptionsObject } from '../core/validate.js';
import { hedgedRun } from '../hedge/hedged-run.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { normalizeRetry, type NormalizedRetry, type RetryOptions } from './options.js';
import { runRetry } from './retry-loop.js';

/** Retries the work inside it (sequentially, or hedged when `hedgingDelay` is set). */
export class RetryStrategy implements Strategy {
  readonly kind = 'retry';

  private readonly onSuccess: ((value: unknown) => unknown) | undefined;

  constructor(readonly options: NormalizedRetry) {
    const budget = options.retryBudget;
    this.onSuccess =
      budget === undefined
        ? undefined
        : (value: unknown) => {
            budget.onSuccess();
            return value;
          };
  }

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const o = this.options;
    return o.hedgingDelay === undefined ? runRetry(o, ctx, next, this.onSuccess) : hedgedRun(o, ctx, next);
  }
}

/** A retry strategy: exponential backoff with full jitter by default, 5 attempts in total. */
export function retry<T = unknown>(options?: RetryOptions<T>): RetryStrategy {
  return new RetryStrategy(normalizeRetry('retry', checkOptionsObject<RetryOptions<never>>('retry', options)));
}
