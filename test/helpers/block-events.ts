// Emits block events (breaker transitions, bulkhead rejections, ...) through the real core path,
// as the blocks do, so adapters can be tested before the blocks themselves exist.
import type { ExecutionContext } from '../../src/core/context.js';
import { emitBlockEvent } from '../../src/core/telemetry/block-events.js';
import type { EventBase } from '../../src/core/telemetry/events.js';
import type { EventOf, InstrumenterHook } from '../../src/core/telemetry/instrumenter.js';
import type { Telemetry } from '../../src/core/telemetry/telemetry.js';
import type { Next, Strategy } from '../../src/policy/strategy.js';

/** An event's own fields: what a block fills in besides `at` and `execution`. */
export type BlockFields<H extends InstrumenterHook> = Omit<EventOf<H>, keyof EventBase> & { name?: string | undefined };

/**
 * A test-only strategy that, each time it runs, emits `hook` as block `name` would (to its own
 * telemetry, if any, and to the call's instrumenters), then runs the rest of the pipeline, or
 * fails with `error` when given (as a refusing block does).
 */
export function emitting<H extends InstrumenterHook>(
  hook: H,
  fields: BlockFields<H>,
  options: { own?: Telemetry; error?: unknown } = {},
): Strategy {
  return {
    kind: 'test-emitter',
    run(ctx: ExecutionContext, next: Next): Promise<unknown> {
      emitBlockEvent(options.own, ctx, hook, () => ({ at: ctx.clock.now(), name: undefined, execution: ctx.execution, ...fields }));
      return 'error' in options ? Promise.reject(options.error) : next(ctx);
    },
  };
}
