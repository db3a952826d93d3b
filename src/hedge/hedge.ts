import { checkOptionsObject, typeError } from '../core/validate.js';
import { normalizeRetry, type RetryOptions } from '../retry/options.js';
import { RetryStrategy } from '../retry/retry.js';

/** Options of {@link hedge}. */
export type HedgeOptions<T = unknown> = Pick<
  RetryOptions<T>,
  'maxAttempts' | 'retryIf' | 'retryOn' | 'retryIfResult' | 'retryBudget'
> & {
  /** Start another attempt when the running ones have not settled after this many ms. */
  hedgingDelay: number;
};

/**
 * A hedging strategy: after `hedgingDelay` ms without a result, another attempt starts in
 * parallel (up to `maxAttempts`, default 2, in total); the first success wins and the others
 * are aborted.
 */
export function hedge<T = unknown>(options: HedgeOptions<T>): RetryStrategy {
  const o = checkOptionsObject<HedgeOptions<never>>('hedge', options);
  if (o.hedgingDelay === undefined) typeError('hedge', 'hedgingDelay', 'a non-negative finite number of milliseconds', undefined);
  return new RetryStrategy(normalizeRetry('hedge', o, { maxAttempts: 2 }));
}
