import type { ExecutionContext } from '../core/context.js';
import type { Next } from './strategy.js';

/**
 * Runs `next(ctx)` while the caller holds something (a slot, a permit) and hands the outcome to
 * `onFulfilled` / `onRejected`, which release it: exactly once, also when `next` throws
 * synchronously. The handlers are registered before the caller sees the result, so what was
 * held is free again by the time the caller resumes.
 */
export function runHolding(ctx: ExecutionContext, next: Next, onFulfilled: () => void, onRejected: (error: unknown) => void = onFulfilled): Promise<unknown> {
  let work: Promise<unknown>;
  try {
    work = next(ctx);
  } catch (error) {
    onRejected(error);
    return Promise.reject(error);
  }
  work.then(onFulfilled, onRejected);
  return work;
}
