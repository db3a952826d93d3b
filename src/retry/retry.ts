import type { ExecutionContext } from '../core/context.js';
import { checkOptionsObject } from '../core/validate.js';
import { hedgedRun } from '../hedge/hedged-run.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { normalizeRetry, type NormalizedRetry, type RetryOptions } from './options.js';
import { retryLoop } from './retry-loop.js';

/** Retries the work inside it (sequentially, or hedged when `hedgingDelay` is set). */
export class RetryStrategy implements Strategy {
  readonly kind = 'retry';

  constructor(readonly options: NormalizedRetry) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    return this.options.hedgingDelay === undefined ? retryLoop(this.options, ctx, next) : hedgedRun(this.options, ctx, next);
  }
}

/** A retry strategy: exponential backoff with full jitter by default, 5 attempts in total. */
export function retry<T = unknown>(options?: RetryOptions<T>): RetryStrategy {
  return new RetryStrategy(normalizeRetry('retry', checkOptionsObject<RetryOptions<never>>('retry', options)));
}
