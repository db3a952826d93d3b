import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { BulkheadFullError } from '../core/errors/bulkhead-full-error.js';
import { ShedLoadError } from '../core/errors/shed-load-error.js';
import { HealthSignal } from '../core/health.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { HealthChangeEvent } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import type { BlockOptions } from '../policy/block-options.js';
import { runHolding } from '../policy/hold.js';
import { reportUsage } from '../bulkhead/usage.js';
import { runStandalone, type BlockAction } from '../policy/standalone.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { admission, sheddingFrom, type PriorityThresholds } from './admission.js';
import { normalizePriorityBulkhead, type PriorityThresholdOptions } from './options.js';

/**
 * A bulkhead that sheds low-priority work first. Each priority has a utilisation threshold: a
 * call is admitted while `active / capacity` (before admitting it) is below its priority's
 * threshold, shed with `ShedLoadError` otherwise, and refused with `BulkheadFullError` when every
 * slot is busy. The priority comes from the call options or the ambient context. Admission and
 * counting happen in one synchronous step, so the limit is exact (no over-admission).
 */
export class PriorityBulkhead implements Strategy {
  readonly kind = 'priority-bulkhead';
  /** Calls that may run at once. */
  readonly capacity: number;
  /** Utilisation thresholds per priority. */
  readonly thresholds: PriorityThresholds;
  /** Telemetry label. */
  readonly name: string | undefined;
  private running = 0;
  private readonly clock: Clock;
  private readonly telemetry: Telemetry | undefined;
  private readonly health: HealthSignal;
  private readonly shedFrom: number;
  private readonly onSettled = (): void => {
    this.running--;
    if (this.running / this.capacity < this.shedFrom) this.health.set('healthy', 'every priority admitted');
  };

  /** A priority bulkhead of `capacity` slots (thresholds default to low 0.5, standard 0.8, critical 1). */
  constructor(capacity: number, thresholds?: PriorityThresholdOptions, options?: BlockOptions) {
    const o = normalizePriorityBulkhead(capacity, thresholds, options);
    this.capacity = o.capacity;
    this.thresholds = o.thresholds;
    this.name = o.name;
    this.clock = o.clock;
    this.telemetry = o.telemetry;
    this.health = new HealthSignal('priority-bulkhead', o.name, o.clock, o.telemetry);
    this.shedFrom = sheddingFrom(o.thresholds);
  }

  /** Calls running now. */
  get active(): number {
    return this.running;
  }

  /** Free slots. */
  get available(): number {
    return this.capacity - this.running;
  }

  /** Subscribes to backpressure: `degraded` while some priority is being shed. */
  onHealthChange(listener: (event: HealthChangeEvent) => void): () => void {
    return this.health.subscribe(listener);
  }

  /** Runs `fn` with the ambient priority (see `runWithContext`); always returns a promise. */
  execute<T>(fn: BlockAction<T>, signal?: AbortSignal): Promise<T> {
    return runStandalone('PriorityBulkhead.execute', this, this.clock, fn, signal);
  }

  /** Strategy entry point: admits, sheds or refuses the call by its priority. */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const priority = ctx.priority;
    const verdict = admission(this.running, this.capacity, this.thresholds[priority]);
    if (verdict === 'full') return this.refuseFull(ctx);
    if (verdict === 'shed') return this.shed(ctx);
    this.running++;
    if (this.running / this.capacity >= this.shedFrom) this.health.set('degraded', 'shedding low-priority calls');
    if (this.telemetry === undefined && ctx.telemetry === undefined) return runHolding(ctx, next, this.onSettled);
    this.usage(ctx);
    return runHolding(ctx, next, () => {
      this.onSettled();
      this.usage(ctx);
    });
  }

  /** Reports the new occupancy (callers check that someone listens first). */
  private usage(ctx: ExecutionContext): void {
    reportUsage(this.telemetry, this.clock, this, ctx);
  }

  private refuseFull(ctx: ExecutionContext): Promise<never> {
    emitBlockEvent(this.telemetry, ctx, 'onBulkheadFull', () => ({
      at: this.clock.now(),
      name: this.name ?? ctx.name,
      execution: ctx.execution,
      active: this.running,
      capacity: this.capacity,
      queued: 0,
      reason: 'full',
    }));
    return Promise.reject(new BulkheadFullError(`priority bulkhead is full (${String(this.capacity)} active)`, { source: this.name ?? this.kind }));
  }

  private shed(ctx: ExecutionContext): Promise<never> {
    const priority = ctx.priority;
    const threshold = this.thresholds[priority];
    emitBlockEvent(this.telemetry, ctx, 'onShedLoad', () => ({
      at: this.clock.now(),
      name: this.name ?? ctx.name,
      execution: ctx.execution,
      priority,
      reason: 'priority',
    }));
    const message = `load shed: ${priority} priority is admitted below ${String(threshold)} utilisation (${String(this.running)}/${String(this.capacity)} busy)`;
    return Promise.reject(new ShedLoadError(message, { source: this.name ?? this.kind }));
  }
}

/** The priority bulkhead strategy (shared: pass the same instance to every policy that competes for it). */
export function priorityBulkhead(pb: PriorityBulkhead): PriorityBulkhead {
  if (!(pb instanceof PriorityBulkhead)) typeError('priorityBulkhead', 'pb', 'a PriorityBulkhead', pb);
  return pb;
}
