import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { BulkheadFullError } from '../core/errors/bulkhead-full-error.js';
import { HealthSignal } from '../core/health.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { HealthChangeEvent } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { WaitQueue } from '../core/wait-queue.js';
import { runHolding } from '../policy/hold.js';
import { reportUsage } from './usage.js';
import { runStandalone, type BlockAction } from '../policy/standalone.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { normalizeBulkhead, type BulkheadOptions } from './options.js';

/** Hands a freed slot to a queued call. */
type Grant = () => void;

/**
 * Limits how many calls run at once. A call beyond `capacity` waits in a bounded FIFO queue
 * (when `queue > 0`) or fails fast with `BulkheadFullError`. A freed slot passes straight to the
 * oldest waiter, so newcomers cannot overtake the queue; a waiter whose call is aborted (signal,
 * deadline) or whose `queueTimeout` expires leaves the queue at once and never holds a slot.
 */
export class Bulkhead implements Strategy {
  readonly kind = 'bulkhead';
  /** Calls that may run at once. */
  readonly capacity: number;
  /** Calls that may wait for a slot. */
  readonly maxQueue: number;
  /** Longest wait in the queue (ms), if bounded. */
  readonly queueTimeout: number | undefined;
  /** Telemetry label. */
  readonly name: string | undefined;
  private running = 0;
  private readonly waiters = new WaitQueue<Grant>();
  private readonly clock: Clock;
  private readonly telemetry: Telemetry | undefined;
  private readonly health: HealthSignal;
  private readonly onSettled = (): void => {
    this.release();
  };

  /** A bulkhead of `capacity` slots; see {@link BulkheadOptions}. */
  constructor(capacity: number, options?: BulkheadOptions) {
    const o = normalizeBulkhead(capacity, options);
    this.capacity = o.capacity;
    this.maxQueue = o.queue;
    this.queueTimeout = o.queueTimeout;
    this.name = o.name;
    this.clock = o.clock;
    this.telemetry = o.telemetry;
    this.health = new HealthSignal('bulkhead', o.name, o.clock, o.telemetry);
  }

  /** Calls running now. */
  get active(): number {
    return this.running;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.waiters.size;
  }

  /** Free slots. */
  get available(): number {
    return this.capacity - this.running;
  }

  /** Subscribes to backpressure: `degraded` while every slot is busy, `healthy` once one is free. */
  onHealthChange(listener: (event: HealthChangeEvent) => void): () => void {
    return this.health.subscribe(listener);
  }

  /** Runs `fn` in a slot; always returns a promise. */
  execute<T>(fn: BlockAction<T>, signal?: AbortSignal): Promise<T> {
    return runStandalone('Bulkhead.execute', this, this.clock, fn, signal);
  }

  /** Strategy entry point: holds one slot for everything inside (all retries of a call). */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const scope = ctx.scope;
    if (scope?.aborted === true) return Promise.reject(scope.reason);
    const observed = this.telemetry !== undefined || ctx.telemetry !== undefined;
    if (this.running < this.capacity) {
      if (++this.running === this.capacity) this.health.set('degraded', 'all slots busy');
      if (!observed) return runHolding(ctx, next, this.onSettled);
      this.usage(ctx);
      return runHolding(ctx, next, this.settledObserved(ctx));
    }
    if (this.waiters.size >= this.maxQueue) {
      const message = this.maxQueue === 0 ? `bulkhead is full (${String(this.capacity)} active)` : `bulkhead is full (${String(this.capacity)} active, ${String(this.maxQueue)} queued)`;
      return this.refuse(ctx, 'full', message);
    }
    const queued = this.enqueue(ctx, observed);
    if (observed) this.usage(ctx);
    return queued.then(() => runHolding(ctx, next, observed ? this.settledObserved(ctx) : this.onSettled));
  }

  /** Releases the slot and reports the new occupancy (only built when someone listens). */
  private settledObserved(ctx: ExecutionContext): () => void {
    return () => {
      this.release();
      this.usage(ctx);
    };
  }

  /** Reports the new occupancy (callers check that someone listens first). */
  private usage(ctx: ExecutionContext): void {
    reportUsage(this.telemetry, this.clock, this, ctx);
  }

  private release(): void {
    const grant = this.waiters.shift();
    if (grant !== undefined) {
      grant();
      return;
    }
    this.running--;
    this.health.set('healthy', 'a slot is free');
  }

  // The waiter resumes through its own promise continuation, so its AsyncLocalStorage context
  // (ambient deadline, priority, tracing) is the one it had when it queued, not the releaser's.
  private enqueue(ctx: ExecutionContext, observed: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const scope = ctx.scope;
      const ms = this.queueTimeout;
      const onAbort = (): void => {
        if (this.waiters.remove(node)) {
          timer?.cancel();
          if (observed) this.usage(ctx);
          reject(scope?.reason);
        }
      };
      const node = this.waiters.push(() => {
        timer?.cancel();
        scope?.unsubscribe(onAbort);
        resolve();
      });
      scope?.subscribe(onAbort);
      const timer =
        ms === undefined
          ? undefined
          : this.clock.setTimer(ms, () => {
              if (!this.waiters.remove(node)) return;
              scope?.unsubscribe(onAbort);
              if (observed) this.usage(ctx);
              this.refuse(ctx, 'queue-timeout', `bulkhead queue timeout: no slot within ${String(ms)} ms`).then(undefined, reject);
            });
    });
  }

  private refuse(ctx: ExecutionContext, reason: 'full' | 'queue-timeout', message: string): Promise<never> {
    emitBlockEvent(this.telemetry, ctx, 'onBulkheadFull', () => ({
      at: this.clock.now(),
      name: this.name ?? ctx.name,
      execution: ctx.execution,
      active: this.running,
      capacity: this.capacity,
      queued: this.waiters.size,
      reason,
    }));
    return Promise.reject(new BulkheadFullError(message, { source: this.name ?? 'bulkhead' }));
  }
}

/** A bulkhead strategy: a new private `Bulkhead(capacity)`, or a shared one as it is. */
export function bulkhead(capacityOrBulkhead: number | Bulkhead): Bulkhead {
  if (capacityOrBulkhead instanceof Bulkhead) return capacityOrBulkhead;
  return new Bulkhead(capacityOrBulkhead);
}
