import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';

/** What a slot-holding block exposes for its occupancy events. */
export interface Occupied {
  readonly name: string | undefined;
  readonly capacity: number;
  readonly active: number;
  /** Calls waiting for a slot (blocks without a queue have none). */
  readonly queued?: number;
}

/**
 * Reports `onBulkheadUsage` after `block` admitted, queued or released a call. Callers check
 * that someone listens (`own` or the call's telemetry) first, so nothing is allocated otherwise.
 */
export function reportUsage(own: Telemetry | undefined, clock: Clock, block: Occupied, ctx: ExecutionContext): void {
  emitBlockEvent(own, ctx, 'onBulkheadUsage', () => ({
    at: clock.now(),
    name: block.name ?? ctx.name,
    execution: ctx.execution,
    active: block.active,
    capacity: block.capacity,
    queued: block.queued ?? 0,
  }));
}
