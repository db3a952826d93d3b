import type { ExecutionContext } from '../core/context.js';
import type { Next } from './strategy.js';

/**
 * Runs `next(ctx)`, turning a synchronous throw into a rejection, so a strategy that records the
 * outcome (a breaker sample, a probe slot, a throttle count) always gets to record it.
 */
export function callNext(next: Next, ctx: ExecutionContext): Promise<unknown> {
  try {
    return next(ctx);
  } catch (error) {
    return Promise.reject(error);
  }
}
