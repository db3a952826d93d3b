import type { AttemptContext, ExecutionContext } from '../core/context.js';
import { isResileError } from '../core/errors/resile-error.js';
import { unwrapFatal } from '../core/errors/fatal.js';
import { checkFunction } from '../core/validate.js';
import type { Next, Strategy } from '../policy/strategy.js';

/** Produces a substitute value when everything inside the fallback failed. */
export type FallbackFn<W> = (error: unknown, ctx: AttemptContext) => W | PromiseLike<W>;

/**
 * Replaces any failure of the work inside it (exhausted retries, open circuit, full bulkhead,
 * timeouts, deadlines) with `fn(error, ctx)`. A caller's own abort is not replaced: nobody is
 * waiting for the substitute.
 */
export class FallbackStrategy<W> implements Strategy<W> {
  readonly kind = 'fallback';
  declare readonly '~widens': W;

  constructor(readonly fn: FallbackFn<W>) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    return next(ctx).then(undefined, (thrown: unknown) => {
      const error = unwrapFatal(thrown);
      const scope = ctx.scope;
      if (scope?.aborted === true && scope.reason === error && !isResileError(error)) throw error;
      ctx.telemetry?.emit('onFallback', { at: ctx.clock.now(), name: ctx.name, execution: ctx.execution, error });
      return this.fn(error, ctx);
    });
  }
}

/** A strategy that turns any failure inside it into `fn(error, ctx)`. */
export function fallback<W>(fn: FallbackFn<W>): FallbackStrategy<W> {
  return new FallbackStrategy(checkFunction<FallbackFn<W>>('fallback', 'fn', fn));
}
